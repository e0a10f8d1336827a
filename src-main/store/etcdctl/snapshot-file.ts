/**
 * Reading a snapshot file that `snapshot save` wrote: the server's stream as it came, which for
 * a Kubedeck member is the store's snapshot (see snapshot-codec.ts) zero-padded to 512-byte
 * pages, then the SHA-256 of all of that. The records are decoded by the codec; this file only
 * peels off the trailer and the padding. A real etcd's snapshot (a bbolt database) is recognised
 * and refused with a clear message.
 */
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { decodeSnapshot, SnapshotError, type SnapshotMeta } from '../snapshot/snapshot-codec';
import type { MvccState } from '../mvcc/mvcc-store';
import { crc32 } from '../wal/crc32';
import { RecordReader } from '../wal/record';
import { EtcdctlError, ExitCode } from './errors';

export const SHA256_BYTES = 32;
const PAGE_BYTES = 512;
/** bbolt's meta page magic, at offset 16 of an etcd backend file. */
const BBOLT_MAGIC = 0xed0cdaed;

export interface SnapshotFile {
  meta: SnapshotMeta;
  state: MvccState;
  /** CRC-32 of the snapshot bytes (without the SHA-256 trailer): `snapshot status`'s hash. */
  hash: number;
  /** Bytes without the trailer (etcd reports the database size, not the file size). */
  size: number;
}

function osError(e: unknown, op: string, path: string): EtcdctlError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
  return new EtcdctlError(`${op} ${path}: ${why}`, ExitCode.Error);
}

async function readAt(fh: FileHandle, pos: number, n: number): Promise<Buffer> {
  const buf = Buffer.alloc(n);
  const { bytesRead } = await fh.read(buf, 0, n, pos);
  return buf.subarray(0, bytesRead);
}

/** Hashes [0, end): CRC-32 for status, SHA-256 for the integrity check. */
async function digest(fh: FileHandle, end: number): Promise<{ crc: number; sha: Buffer }> {
  const sha = createHash('sha256');
  let crc = 0;
  for (let pos = 0; pos < end; ) {
    const chunk = await readAt(fh, pos, Math.min(1024 * 1024, end - pos));
    if (chunk.length === 0) break;
    sha.update(chunk);
    crc = crc32(chunk, crc);
    pos += chunk.length;
  }
  return { crc, sha: sha.digest() };
}

/** Where the framed records end: where only zero bytes (the padding) follow, or at the end. */
async function recordsEnd(fh: FileHandle, size: number): Promise<number> {
  const reader = new RecordReader(fh, size);
  for (;;) {
    const r = await reader.next();
    if (r.kind === 'end') return size;
    if (r.kind === 'bad') {
      const rest = size - r.offset <= PAGE_BYTES ? await readAt(fh, r.offset, size - r.offset) : undefined;
      if (!rest || rest.some((b) => b !== 0)) throw new SnapshotError(`snapshot is corrupt at offset ${r.offset} (${r.reason})`);
      return r.offset;
    }
  }
}

export async function readSnapshotFile(path: string, opts: { skipHashCheck?: boolean } = {}): Promise<SnapshotFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw osError(e, 'stat', path);
  }
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw osError(e, 'open', path);
  }
  try {
    const head = await readAt(fh, 0, 24);
    if (head.length >= 20 && head.readUInt32LE(16) === BBOLT_MAGIC) {
      throw new EtcdctlError(`${path} is an etcd (bbolt) snapshot; this etcdctl reads Kubedeck snapshots only (use the etcdctl that came with that etcd)`, ExitCode.Error);
    }
    const hasTrailer = size % PAGE_BYTES === SHA256_BYTES;
    const dataBytes = hasTrailer ? size - SHA256_BYTES : size;
    const { crc, sha } = await digest(fh, dataBytes);
    if (hasTrailer && !opts.skipHashCheck) {
      const want = await readAt(fh, dataBytes, SHA256_BYTES);
      if (!sha.equals(want)) throw new EtcdctlError(`expected sha256 ${want.toString('hex')}, got ${sha.toString('hex')}`, ExitCode.Error);
    }
    let decoded: { meta: SnapshotMeta; state: MvccState };
    try {
      decoded = await decodeSnapshot(fh, await recordsEnd(fh, dataBytes));
    } catch (e) {
      if (e instanceof SnapshotError) throw new EtcdctlError(`${path} is not a Kubedeck snapshot this etcdctl can read (${e.message}); this etcdctl reads Kubedeck snapshots only`, ExitCode.Error);
      throw e;
    }
    return { ...decoded, hash: crc, size: dataBytes };
  } finally {
    await fh.close();
  }
}

/** Every stored revision of every key (etcd's status counts its database's keys the same way). */
export function totalKeys(state: MvccState): number {
  return state.base.length + state.log.reduce((n, rec) => n + rec.changes.length, 0);
}
