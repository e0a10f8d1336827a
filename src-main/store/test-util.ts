/** Helpers shared by the store's tests. */
import type { KeyValue } from './kv';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function b(s: string): Uint8Array {
  return encoder.encode(s);
}

export function s(v: Uint8Array): string {
  return decoder.decode(v);
}

/** A KeyValue as a compact comparable tuple: key=value@create/mod/version. */
export function kvString(kv: KeyValue): string {
  return `${kv.key}=${s(kv.value)}@${kv.createRevision}/${kv.modRevision}/${kv.version}${kv.lease ? ` lease=${kv.lease}` : ''}`;
}
