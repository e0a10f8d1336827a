/**
 * The byte form of a ConfChange inside an EntryConfChange, and the one-line text form used in
 * logs and test scripts ("v4" add voter 4, "l4" add learner 4, "r4" remove 4).
 *
 * Layout: [version=1][type][node id: uint32 high, uint32 low][context...]. Binary rather than
 * JSON so the context bytes survive unchanged and the entry size is predictable.
 */
import type { ConfChange, ConfChangeType } from './types';

const VERSION = 1;
const TYPES: readonly ConfChangeType[] = ['ConfChangeAddNode', 'ConfChangeRemoveNode', 'ConfChangeAddLearnerNode'];
const HEADER = 10;

export function encodeConfChange(cc: ConfChange): Uint8Array {
  const ctx = cc.context ?? new Uint8Array(0);
  const out = new Uint8Array(HEADER + ctx.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, VERSION);
  view.setUint8(1, TYPES.indexOf(cc.type));
  view.setUint32(2, Math.floor(cc.nodeId / 2 ** 32));
  view.setUint32(6, cc.nodeId >>> 0);
  out.set(ctx, HEADER);
  return out;
}

/** Decodes what encodeConfChange wrote; throws a descriptive error on anything else. */
export function decodeConfChange(data: Uint8Array): ConfChange {
  if (data.byteLength < HEADER || data[0] !== VERSION) {
    throw new Error(`conf change entry is malformed (${data.byteLength} bytes, version ${data[0] ?? 'none'}); it was not written by encodeConfChange`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const type = TYPES[view.getUint8(1)];
  if (type === undefined) throw new Error(`conf change entry has unknown type ${view.getUint8(1)}`);
  const nodeId = view.getUint32(2) * 2 ** 32 + view.getUint32(6);
  const context = data.slice(HEADER);
  return context.byteLength > 0 ? { type, nodeId, context } : { type, nodeId };
}

export function describeConfChange(cc: ConfChange): string {
  const prefix = cc.type === 'ConfChangeAddNode' ? 'v' : cc.type === 'ConfChangeRemoveNode' ? 'r' : 'l';
  return `${prefix}${cc.nodeId}`;
}

/** Parses "v4" / "l4" / "r4"; undefined when the text is not one of those. */
export function parseConfChange(text: string): ConfChange | undefined {
  const m = /^([vlr])(\d+)$/.exec(text);
  if (!m) return undefined;
  const type: ConfChangeType = m[1] === 'v' ? 'ConfChangeAddNode' : m[1] === 'r' ? 'ConfChangeRemoveNode' : 'ConfChangeAddLearnerNode';
  return { type, nodeId: Number(m[2]) };
}
