/**
 * The write-ahead log of one member: entries (index + request bytes) appended to files named
 * `%016x-%016x.wal` (sequence, lower bound of the entry indexes inside), each entry one record of
 * [u32 length][u32 crc32][u8 type][f64 index][data]. save() writes a batch and fdatasyncs it
 * before resolving, so whatever it resolved is durable. All file operations run one at a time.
 *
 * Recovery (open) replays the entries after a given index (the snapshot's) in order, requires the
 * indexes to be contiguous, and cuts a torn or corrupt tail off the last file (a crash in the
 * middle of a write). Corruption anywhere else is an error: those bytes were acknowledged.
 *
 * A failed write or fsync breaks the log for good (as etcd, which exits): after a failed fsync
 * the kernel may have dropped the dirty pages, so a later "successful" fsync proves nothing. The
 * member then refuses writes until it is restarted, and restart recovers what reached the disk.
 */
import { mkdir, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptDataError } from '../codec/byte-reader';
import { parseWalName, walName, type WalName } from '../file-names';
import { fsyncDir } from '../fs-sync';
import { RECORD_HEADER_BYTES, RecordReader, writeRecordHeader } from './record';

export interface WalEntry {
  index: number;
  data: Uint8Array;
}

export interface WalOptions {
  /** Start a new file when the current one has passed this size (etcd: 64 MiB). */
  segmentBytes?: number;
  /** Fault injection for tests and drills: called before each fdatasync; an Error fails it. */
  syncFault?: () => Error | undefined;
}

export interface WalRecovery {
  /** Index of the last entry in the log (the given afterIndex when there is none after it). */
  lastIndex: number;
  /** Entries handed to onEntry. */
  replayed: number;
  /** Bytes cut off the end of the last file, and why (0 when the log ended cleanly). */
  tornBytes: number;
  tornReason?: string;
}

export class WalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WalError';
  }
}

const ENTRY_TYPE = 1;
const ENTRY_HEADER_BYTES = 9;
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

function decodeEntry(payload: Buffer): WalEntry {
  if (payload.length < ENTRY_HEADER_BYTES || payload[0] !== ENTRY_TYPE) throw new CorruptDataError('not a WAL entry');
  return { index: payload.readDoubleLE(1), data: payload.subarray(ENTRY_HEADER_BYTES) };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Wal {
  private chain: Promise<unknown> = Promise.resolve();
  private broken: WalError | undefined;
  private closed = false;
  private syncs = 0;

  private constructor(
    private readonly dir: string,
    private readonly files: WalName[],
    private fh: FileHandle,
    private offset: number,
    private last: number,
    private readonly opts: WalOptions,
  ) {}

  /**
   * Opens (or creates) the log in `dir` and replays, in order, every entry with an index above
   * `afterIndex` through `onEntry`. The log is then ready to append after the last entry.
   */
  static async open(dir: string, afterIndex: number, onEntry: (e: WalEntry) => void, opts: WalOptions = {}): Promise<{ wal: Wal; recovery: WalRecovery }> {
    await mkdir(dir, { recursive: true });
    const files = (await readdir(dir))
      .map(parseWalName)
      .filter((f): f is WalName => f !== undefined)
      .sort((a, b) => a.seq - b.seq);
    const recovery: WalRecovery = { lastIndex: afterIndex, replayed: 0, tornBytes: 0 };
    if (files.length === 0) {
      const first = { name: walName(0, afterIndex === 0 ? 0 : afterIndex + 1), seq: 0, index: afterIndex === 0 ? 0 : afterIndex + 1 };
      const fh = await open(join(dir, first.name), 'wx');
      await fsyncDir(dir);
      return { wal: new Wal(dir, [first], fh, 0, afterIndex, opts), recovery };
    }
    for (let i = 1; i < files.length; i++) {
      if (files[i].seq !== files[i - 1].seq + 1) {
        throw new WalError(`wal: file with sequence ${files[i - 1].seq + 1} is missing in ${dir} (found ${files[i - 1].name} then ${files[i].name})`);
      }
    }
    let start = -1;
    for (let i = 0; i < files.length; i++) if (files[i].index <= afterIndex + 1) start = i;
    if (start < 0) {
      throw new WalError(
        `wal: entries ${afterIndex + 1}..${files[0].index - 1} are missing: the snapshot ends at index ${afterIndex} but the oldest WAL file in ${dir} is ${files[0].name}`,
      );
    }
    let prev: number | undefined;
    let fh: FileHandle | undefined;
    let offset = 0;
    for (let i = start; i < files.length; i++) {
      const path = join(dir, files[i].name);
      const isLast = i === files.length - 1;
      fh = await open(path, isLast ? 'r+' : 'r');
      try {
        const size = (await fh.stat()).size;
        const reader = new RecordReader(fh, size);
        for (;;) {
          const r = await reader.next();
          if (r.kind === 'end') break;
          if (r.kind === 'bad') {
            if (!isLast) {
              throw new WalError(`wal: ${path} is corrupt at offset ${r.offset} (${r.reason}); it is not the newest file, so this is not a torn write. Restore the member from a backup.`);
            }
            recovery.tornBytes = size - r.offset;
            recovery.tornReason = r.reason;
            break;
          }
          const e = decodeEntry(r.payload);
          if (prev === undefined ? e.index > afterIndex + 1 : e.index !== prev + 1) {
            const expected = prev === undefined ? `at most ${afterIndex + 1}` : String(prev + 1);
            throw new WalError(`wal: found entry ${e.index} in ${path} where ${expected} was expected; entries are missing`);
          }
          prev = e.index;
          if (e.index > afterIndex) {
            onEntry(e);
            recovery.replayed++;
          }
        }
        offset = reader.offset;
        if (isLast && recovery.tornBytes > 0) {
          await fh.truncate(offset);
          await fh.datasync();
        }
      } catch (e) {
        await fh.close();
        throw e;
      }
      if (!isLast) await fh.close();
    }
    if (fh === undefined) throw new WalError('wal: unreachable: no file opened');
    recovery.lastIndex = Math.max(afterIndex, prev ?? 0);
    return { wal: new Wal(dir, files, fh, offset, recovery.lastIndex, opts), recovery };
  }

  /** Index of the last entry written. */
  get lastIndex(): number {
    return this.last;
  }

  /** fdatasync calls so far (group commit makes this far smaller than the number of entries). */
  get fsyncs(): number {
    return this.syncs;
  }

  /** The error that stopped the log, if one did. */
  get failure(): WalError | undefined {
    return this.broken;
  }

  /** File names, oldest first. */
  get fileNames(): string[] {
    return this.files.map((f) => f.name);
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const p = this.chain.then(() => {
      if (this.broken) throw this.broken;
      if (this.closed) throw new WalError('wal: closed');
      return op();
    });
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Appends the entries (contiguous, following lastIndex) and makes them durable. */
  save(entries: readonly WalEntry[]): Promise<void> {
    return this.run(async () => {
      if (entries.length === 0) return;
      for (let i = 0; i < entries.length; i++) {
        if (entries[i].index !== this.last + 1 + i) throw new WalError(`wal: entry ${entries[i].index} does not follow ${this.last + i}`);
      }
      if (this.offset >= (this.opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES)) await this.rotate(this.last + 1);
      let total = 0;
      for (const e of entries) total += RECORD_HEADER_BYTES + ENTRY_HEADER_BYTES + e.data.length;
      const buf = Buffer.allocUnsafe(total);
      let pos = 0;
      for (const e of entries) {
        const start = pos + RECORD_HEADER_BYTES;
        const end = start + ENTRY_HEADER_BYTES + e.data.length;
        buf[start] = ENTRY_TYPE;
        buf.writeDoubleLE(e.index, start + 1);
        buf.set(e.data, start + ENTRY_HEADER_BYTES);
        writeRecordHeader(buf, pos, end - start);
        pos = end;
      }
      const file = this.files[this.files.length - 1].name;
      try {
        let written = 0;
        while (written < total) {
          const { bytesWritten } = await this.fh.write(buf, written, total - written, this.offset + written);
          if (bytesWritten === 0) throw new Error('short write');
          written += bytesWritten;
        }
        const fault = this.opts.syncFault?.();
        if (fault) throw fault;
        await this.fh.datasync();
        this.syncs++;
      } catch (e) {
        this.broken = new WalError(`wal: writing ${file} failed (${describe(e)}); the member accepts no more writes until it is restarted`, { cause: e });
        throw this.broken;
      }
      this.offset += total;
      this.last = entries[entries.length - 1].index;
    });
  }

  /** Starts a new file for the entries after lastIndex (no-op when the current file is empty). */
  cut(): Promise<void> {
    return this.run(async () => {
      if (this.offset > 0) await this.rotate(this.last + 1);
    });
  }

  /**
   * Switches to a new file. A failure here breaks the log like a failed fsync: a file whose
   * directory entry may not be durable must not receive acknowledged writes.
   */
  private async rotate(nextIndex: number): Promise<void> {
    const seq = this.files[this.files.length - 1].seq + 1;
    const name = walName(seq, nextIndex);
    try {
      const fh = await open(join(this.dir, name), 'wx');
      const old = this.fh;
      this.fh = fh;
      this.offset = 0;
      this.files.push({ name, seq, index: nextIndex });
      await old.close();
      await fsyncDir(this.dir);
    } catch (e) {
      this.broken = new WalError(`wal: starting ${name} failed (${describe(e)}); the member accepts no more writes until it is restarted`, { cause: e });
      throw this.broken;
    }
  }

  /** Deletes the files whose entries all have indexes at or below `index` (never the current one). */
  releaseTo(index: number): Promise<void> {
    return this.run(async () => {
      let n = 0;
      while (n < this.files.length - 1 && this.files[n + 1].index <= index + 1) n++;
      if (n === 0) return;
      for (const f of this.files.splice(0, n)) await unlink(join(this.dir, f.name));
      await fsyncDir(this.dir);
    });
  }

  /** Waits for pending operations and closes the file. */
  async close(): Promise<void> {
    await this.chain;
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}
