/**
 * How big entries are for flow control (maxSizePerMsg, maxCommittedSizePerReady). We count the
 * payload only: the fixed fields are the same for every entry and would only blur the limit.
 */
import type { Entry } from './types';

export function entrySize(e: Entry): number {
  return e.data.byteLength;
}

export function entriesSize(ents: readonly Entry[]): number {
  let n = 0;
  for (const e of ents) n += entrySize(e);
  return n;
}

/**
 * The longest prefix of ents whose total size stays within maxSize, but never empty: one entry
 * larger than the limit still has to be sent on its own, or the log would stall.
 */
export function limitSize(ents: readonly Entry[], maxSize: number): Entry[] {
  if (ents.length === 0) return [];
  let size = entrySize(ents[0]);
  let n = 1;
  for (; n < ents.length; n++) {
    size += entrySize(ents[n]);
    if (size > maxSize) break;
  }
  return ents.slice(0, n);
}
