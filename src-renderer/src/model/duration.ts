import { humanDuration } from '../../../src-main/common/human-duration';

export { humanDuration };

/** Milliseconds of an RFC 3339 timestamp, or NaN when absent or malformed. */
export function parseTime(ts: string | undefined): number {
  return ts ? Date.parse(ts) : NaN;
}

/** The AGE cell: humanDuration since `since`, or `<unknown>` (kubectl's word) without a time. */
export function age(since: number, now: number): string {
  return Number.isFinite(since) ? humanDuration(now - since) : '<unknown>';
}
