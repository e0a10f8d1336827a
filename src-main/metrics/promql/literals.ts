/** Lexical helpers: durations, numbers and quoted strings as Prometheus 2.42 reads them. */

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Parses `1h30m`-style durations to milliseconds; returns null when malformed. */
export function parseDuration(s: string): number | null {
  if (s === '0') return 0;
  if (s === '') return null;
  const m = DURATION_RE.exec(s);
  if (!m) return null;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * UNIT_MS[i]!;
  }
  return ms;
}

/** Formats milliseconds the way Prometheus prints durations (`1h30m`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const units: [string, number][] = [['y', UNIT_MS[0]!], ['w', UNIT_MS[1]!], ['d', UNIT_MS[2]!], ['h', UNIT_MS[3]!], ['m', UNIT_MS[4]!], ['s', UNIT_MS[5]!], ['ms', 1]];
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out;
}

/**
 * Parses a number literal like Go's ParseInt(s, 0, 64) then ParseFloat: hex `0x1f`, octal `010`,
 * decimals with exponents, `Inf`/`NaN` in any case. Returns null if it is not a number.
 */
export function parseNumber(s: string): number | null {
  let sign = 1;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return sign * parseInt(body.slice(2), 16);
  if (/^0[0-7]+$/.test(body)) return sign * parseInt(body.slice(1), 8);
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(body)) return sign * Number(body);
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  return null;
}

/** Unquotes a PromQL string literal: "..." and '...' with Go escapes, or `raw`. */
export function unquoteString(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new Error('unterminated quoted string');
  const body = lit.slice(1, -1);
  if (q === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"':
      case "'":
        if (n !== q) throw new Error(`unknown escape sequence U+00${n.charCodeAt(0).toString(16).toUpperCase()} '${n}'`);
        out += n;
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error('escape sequence not terminated');
        const cp = parseInt(hex, 16);
        if (n === 'x') out += String.fromCharCode(cp);
        else if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) throw new Error('escape sequence is an invalid Unicode code point');
        else out += String.fromCodePoint(cp);
        i += len;
        break;
      }
      default:
        if (n !== undefined && n >= '0' && n <= '7') {
          const oct = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(oct)) throw new Error('escape sequence not terminated');
          out += String.fromCharCode(parseInt(oct, 8));
          i += 2;
          break;
        }
        throw new Error(n === undefined ? 'escape sequence not terminated' : `unknown escape sequence U+${n.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${n}'`);
    }
  }
  return out;
}
