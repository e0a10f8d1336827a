/**
 * Go's time.Duration.String(): how metav1.Duration appears in JSON. Whole durations read
 * `1h2m3.5s`; under a second the unit shrinks (`1.5ms`, `2µs`, `7ns`); zero is `0s`.
 */

/** `v / 10^prec` as `.ddd` with trailing zeros dropped; empty when the fraction is zero. */
function fraction(v: bigint, prec: number): string {
  const digits = (v % 10n ** BigInt(prec)).toString().padStart(prec, '0').replace(/0+$/, '');
  return digits === '' ? '' : `.${digits}`;
}

export function goDurationString(nanoseconds: bigint): string {
  const neg = nanoseconds < 0n;
  const u = neg ? -nanoseconds : nanoseconds;
  let text: string;
  if (u === 0n) return '0s';
  if (u < 1_000n) text = `${u}ns`;
  else if (u < 1_000_000n) text = `${u / 1_000n}${fraction(u, 3)}µs`;
  else if (u < 1_000_000_000n) text = `${u / 1_000_000n}${fraction(u, 6)}ms`;
  else {
    const totalSeconds = u / 1_000_000_000n;
    text = `${totalSeconds % 60n}${fraction(u, 9)}s`;
    const minutes = totalSeconds / 60n;
    if (minutes > 0n) {
      text = `${minutes % 60n}m${text}`;
      const hours = minutes / 60n;
      if (hours > 0n) text = `${hours}h${text}`;
    }
  }
  return neg ? `-${text}` : text;
}
