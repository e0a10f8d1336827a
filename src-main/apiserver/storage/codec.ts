/**
 * How objects are encoded in the store. JSON for now (upstream uses protobuf for built-in kinds);
 * this is the one place that knows, so a binary codec can replace it later.
 * The resourceVersion is never stored: it is the key's modRevision, filled in on the way out.
 */
import type { KubeObject } from '../../kube/object';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeObject(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return encoder.encode(JSON.stringify({ ...obj, metadata }));
}

export function decodeObject(value: Uint8Array, modRevision: number): KubeObject {
  const obj = JSON.parse(decoder.decode(value)) as KubeObject;
  obj.metadata.resourceVersion = String(modRevision);
  return obj;
}
