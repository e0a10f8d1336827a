/**
 * Between etcd's wire messages and the store's KV contract: keys are bytes on the wire and
 * latin1 strings in the store (one char per byte, so byte order is kept); values are bytes.
 */
import type { KeyValue } from '../kv';

export type Int64 = string;

/** What the wire carries for bytes fields (proto-loader gives Buffers). */
export type Bytes = Buffer | Uint8Array | string | undefined;

export function keyOf(b: Bytes): string {
  if (b === undefined) return '';
  if (typeof b === 'string') return Buffer.from(b, 'base64').toString('latin1');
  return Buffer.from(b).toString('latin1');
}

export function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'latin1');
}

export function valueOf(b: Bytes): Uint8Array {
  if (b === undefined) return new Uint8Array();
  if (typeof b === 'string') return Buffer.from(b, 'base64');
  return b;
}

/** An empty range_end means "this key only"; "\0" means "every key from key on". */
export function rangeEndOf(b: Bytes): string | undefined {
  const s = keyOf(b);
  return s === '' ? undefined : s;
}

export function num(v: Int64 | number | undefined): number {
  if (v === undefined || v === '') return 0;
  return typeof v === 'number' ? v : Number(v);
}

export interface WireKeyValue {
  key: Buffer;
  create_revision: Int64;
  mod_revision: Int64;
  version: Int64;
  value: Buffer;
  lease: Int64;
}

export function wireKv(kv: KeyValue, keysOnly = false): WireKeyValue {
  return {
    key: keyBytes(kv.key),
    create_revision: String(kv.createRevision),
    mod_revision: String(kv.modRevision),
    version: String(kv.version),
    value: keysOnly ? Buffer.alloc(0) : Buffer.from(kv.value),
    lease: String(kv.lease),
  };
}

/** The identity every response header carries. */
export interface MemberIdentity {
  clusterId: Int64;
  memberId: Int64;
  raftTerm(): number;
}

export function header(id: MemberIdentity, revision: number): Record<string, Int64> {
  return { cluster_id: id.clusterId, member_id: id.memberId, revision: String(revision), raft_term: String(id.raftTerm()) };
}
