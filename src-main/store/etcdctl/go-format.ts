/**
 * The few Go formatting rules etcdctl's output depends on: `%q` quoting, `%v` of a duration,
 * go-humanize's SI byte sizes, hex IDs, and the `\x..` escaping of `--hex`.
 */

/** Go's strconv.Quote (what `%q` prints): printable Unicode kept, the rest escaped. */
export function goQuote(s: string | Uint8Array): string {
  const bytes = typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s);
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += quoteAscii(b);
      i++;
      continue;
    }
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    const chunk = len > 0 && i + len <= bytes.length ? bytes.subarray(i, i + len) : undefined;
    const decoded = chunk ? decodeUtf8(chunk) : undefined;
    if (decoded === undefined) {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i++;
      continue;
    }
    const cp = decoded.codePointAt(0) ?? 0;
    out += isPrintable(decoded) ? decoded : cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    i += len;
  }
  return out + '"';
}

function quoteAscii(b: number): string {
  switch (b) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
  }
  if (b < 0x20 || b === 0x7f) return `\\x${b.toString(16).padStart(2, '0')}`;
  return String.fromCharCode(b);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(chunk: Uint8Array): string | undefined {
  try {
    const s = utf8.decode(chunk);
    return [...s].length === 1 ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrintable(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

/** Go's time.Duration String() for a duration in nanoseconds (`1.687885ms`, `5.001072902s`). */
export function goDuration(ns: number): string {
  ns = Math.round(ns);
  if (ns === 0) return '0s';
  const neg = ns < 0;
  const u = Math.abs(ns);
  let s: string;
  if (u < 1000) s = `${u}ns`;
  else if (u < 1_000_000) s = `${trimFraction(u, 1000)}µs`;
  else if (u < 1_000_000_000) s = `${trimFraction(u, 1_000_000)}ms`;
  else {
    const totalSec = Math.floor(u / 1e9);
    const h = Math.floor(totalSec / 3600);
    const m = Math.floor((totalSec % 3600) / 60);
    const sec = trimFraction(u - (h * 3600 + m * 60) * 1e9, 1e9);
    s = h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
  }
  return neg ? `-${s}` : s;
}

function trimFraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const frac = value - whole * unit;
  if (frac === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** go-humanize's Bytes: SI units, one decimal below 10 (`20 kB`, `1.5 MB`, `138 MB`). */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${sizes[e]}` : `${roundHalfEven(val)} ${sizes[e]}`;
}

/** Go's `%.0f`: exact halves round to even (20.5 → 20), unlike toFixed. */
function roundHalfEven(v: number): string {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff === 0.5) return String(floor % 2 === 0 ? floor : floor + 1);
  return String(Math.round(v));
}

/** A uint64 (decimal string on the wire) as `%x`: lowercase hex, no padding. */
export function hexId(id: string | bigint): string {
  return BigInt(id).toString(16);
}

/** A lease ID as `%016x` (etcdctl pads lease IDs, not member IDs). */
export function hexLease(id: string | bigint): string {
  return BigInt.asUintN(64, BigInt(id)).toString(16).padStart(16, '0');
}

/** `--hex`: every byte as `\xNN`. */
export function hexEscape(b: Uint8Array): string {
  let out = '';
  for (const x of b) out += `\\x${x.toString(16).padStart(2, '0')}`;
  return out;
}
