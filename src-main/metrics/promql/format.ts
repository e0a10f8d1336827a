/** Float formatting identical to Prometheus's (Go's strconv with the -1 "shortest" precision). */

/** Go's 'e' style exponent: at least two digits and an explicit sign (1e-07, 1.5e+21). */
function goExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * How the HTTP API writes sample values: shortest round-trip decimal, exponent form below 1e-6
 * and from 1e21 on, and `+Inf`, `-Inf`, `NaN`.
 */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  return s.includes('e') ? goExponent(s) : s;
}

/** Go's FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  const s = String(v);
  if (!s.includes('e')) return s;
  const neg = v < 0;
  const [mant, expStr] = (neg ? s.slice(1) : s).split('e') as [string, string];
  const exp = Number(expStr);
  const digits = mant.replace('.', '');
  const pointAt = (mant.indexOf('.') === -1 ? mant.length : mant.indexOf('.')) + exp;
  let out: string;
  if (pointAt <= 0) out = '0.' + '0'.repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = digits.slice(0, pointAt) + '.' + digits.slice(pointAt);
  return (neg ? '-' : '') + out;
}

/** Timestamps in the API: seconds with millisecond precision, no trailing zeros. */
export function formatTimestamp(ms: number): string {
  const neg = ms < 0;
  const a = Math.abs(ms);
  const sec = Math.floor(a / 1000);
  const frac = a % 1000;
  let s = String(sec);
  if (frac !== 0) s += '.' + String(frac).padStart(3, '0');
  return (neg ? '-' : '') + s;
}
