/**
 * kubectl's AGE column: apimachinery's duration.HumanDuration, to the same precision
 * ("45s", "3m20s", "5h12m", "2d3h", "400d", "3y12d"). Language-neutral, as kubectl prints it.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Milliseconds of an RFC 3339 timestamp, or NaN when absent or malformed. */
export function parseTime(ts: string | undefined): number {
  return ts ? Date.parse(ts) : NaN;
}

/** The AGE cell: humanDuration since `since`, or `<unknown>` (kubectl's word) without a time. */
export function age(since: number, now: number): string {
  return Number.isFinite(since) ? humanDuration(now - since) : '<unknown>';
}
