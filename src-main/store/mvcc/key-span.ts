/**
 * etcd's key/rangeEnd convention: no rangeEnd is the single key; rangeEnd '\0' is every key at or
 * after `key`; otherwise the half-open interval [key, rangeEnd), empty when rangeEnd <= key.
 */
export interface KeySpan {
  readonly start: string;
  /** Exclusive end; undefined means no upper bound. Ignored when `single`. */
  readonly end: string | undefined;
  readonly single: boolean;
  readonly empty: boolean;
}

export function keySpan(key: string, rangeEnd: string | undefined): KeySpan {
  if (rangeEnd === undefined || rangeEnd === '') return { start: key, end: undefined, single: true, empty: false };
  if (rangeEnd === '\0') return { start: key, end: undefined, single: false, empty: false };
  return { start: key, end: rangeEnd, single: false, empty: rangeEnd <= key };
}

export function inSpan(span: KeySpan, key: string): boolean {
  if (span.single) return key === span.start;
  if (span.empty || key < span.start) return false;
  return span.end === undefined || key < span.end;
}
