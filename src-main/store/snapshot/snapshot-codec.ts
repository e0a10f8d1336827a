/**
 * The snapshot file: the MVCC state at one applied log index, as framed records (the WAL's
 * [u32 length][u32 crc32][payload]) so every byte is checked on load:
 *
 *   META  u8 1, u32 format, f64 term, f64 index, f64 revision, f64 compactRevision
 *   BASE  u8 2, u32 n, n × rev        the versions compaction kept, in key order
 *   LOG   u8 3, u32 n, n × (f64 revision, u32 m, m × rev)   every revision after compaction
 *   END   u8 4, f64 base count, f64 revision count          absent = incomplete file
 *
 *   rev = str key, bytes value, f64 createRevision, f64 modRevision, f64 version, f64 lease
 *
 * Records hold about 1 MiB each, encoded lazily, so writing a large state yields to the event loop
 * between records and never holds a second copy of the values.
 */
import type { FileHandle } from 'node:fs/promises';
import { ByteReader, CorruptDataError } from '../codec/byte-reader';
import { ByteWriter } from '../codec/byte-writer';
import type { MvccState } from '../mvcc/mvcc-store';
import { Rev, type RevisionRecord } from '../mvcc/rev';
import { RecordReader, frame } from '../wal/record';

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotMeta {
  term: number;
  /** The last log index the state includes. */
  index: number;
}

const enum Kind {
  Meta = 1,
  Base = 2,
  Log = 3,
  End = 4,
}

function writeRev(w: ByteWriter, r: Rev): void {
  w.str(r.key);
  w.bytes(r.value);
  w.f64(r.createRevision);
  w.f64(r.modRevision);
  w.f64(r.version);
  w.f64(r.lease);
}

function readRev(r: ByteReader): Rev {
  const key = r.str();
  const value = r.bytes();
  return new Rev(key, value, r.f64(), r.f64(), r.f64(), r.f64(), undefined);
}

/** The framed records of a snapshot, produced one at a time. */
export function* encodeSnapshot(meta: SnapshotMeta, state: MvccState, recordBytes = 1024 * 1024): Generator<Buffer> {
  const head = new ByteWriter(64);
  head.u8(Kind.Meta);
  head.u32(SNAPSHOT_FORMAT);
  head.f64(meta.term);
  head.f64(meta.index);
  head.f64(state.revision);
  head.f64(state.compactRevision);
  yield frame(head.finish());

  for (let i = 0; i < state.base.length; ) {
    const w = new ByteWriter(recordBytes + 4096);
    w.u8(Kind.Base);
    w.u32(0);
    let n = 0;
    while (i < state.base.length && (n === 0 || w.length < recordBytes)) {
      writeRev(w, state.base[i++]);
      n++;
    }
    w.setU32(1, n);
    yield frame(w.finish());
  }

  for (let i = 0; i < state.log.length; ) {
    const w = new ByteWriter(recordBytes + 4096);
    w.u8(Kind.Log);
    w.u32(0);
    let n = 0;
    while (i < state.log.length && (n === 0 || w.length < recordBytes)) {
      const rec = state.log[i++];
      w.f64(rec.revision);
      w.u32(rec.changes.length);
      for (const c of rec.changes) writeRev(w, c);
      n++;
    }
    w.setU32(1, n);
    yield frame(w.finish());
  }

  const end = new ByteWriter(32);
  end.u8(Kind.End);
  end.f64(state.base.length);
  end.f64(state.log.length);
  yield frame(end.finish());
}

export class SnapshotError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnapshotError';
  }
}

/** Reads and checks a whole snapshot file; throws SnapshotError if any record is bad or missing. */
export async function decodeSnapshot(fh: FileHandle, size: number): Promise<{ meta: SnapshotMeta; state: MvccState }> {
  const reader = new RecordReader(fh, size);
  let meta: SnapshotMeta | undefined;
  let state: MvccState | undefined;
  for (;;) {
    const res = await reader.next();
    if (res.kind === 'end') throw new SnapshotError('snapshot is incomplete (no end record)');
    if (res.kind === 'bad') throw new SnapshotError(`snapshot is corrupt at offset ${res.offset} (${res.reason})`);
    try {
      const r = new ByteReader(res.payload);
      const kind = r.u8();
      if (kind !== Kind.Meta && (meta === undefined || state === undefined)) throw new CorruptDataError('first record is not the header');
      switch (kind) {
        case Kind.Meta: {
          if (meta !== undefined) throw new CorruptDataError('second header');
          const format = r.u32();
          if (format !== SNAPSHOT_FORMAT) throw new CorruptDataError(`unknown snapshot format ${format}`);
          meta = { term: r.f64(), index: r.f64() };
          state = { revision: r.f64(), compactRevision: r.f64(), base: [], log: [] };
          break;
        }
        case Kind.Base:
          for (let n = r.u32(); n > 0; n--) state?.base.push(readRev(r));
          break;
        case Kind.Log:
          for (let n = r.u32(); n > 0; n--) {
            const revision = r.f64();
            const changes: Rev[] = [];
            for (let m = r.u32(); m > 0; m--) changes.push(readRev(r));
            const rec: RevisionRecord = { revision, changes };
            state?.log.push(rec);
          }
          break;
        case Kind.End: {
          const baseCount = r.f64();
          const logCount = r.f64();
          r.end('end record');
          if (!meta || !state || baseCount !== state.base.length || logCount !== state.log.length) throw new CorruptDataError('end record counts do not match');
          if (reader.offset !== size) throw new CorruptDataError('bytes after the end record');
          return { meta, state };
        }
        default:
          throw new CorruptDataError(`unknown record kind ${kind}`);
      }
      r.end('record');
    } catch (e) {
      if (e instanceof SnapshotError) throw e;
      throw new SnapshotError(`snapshot is corrupt at offset ${res.offset}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}
