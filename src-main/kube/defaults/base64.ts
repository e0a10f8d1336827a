/** Standard base64 of UTF-8 text, as Go's encoding/json writes a []byte (no Node Buffer needed). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/**
 * Where Go's base64 decoding of `s` fails (`illegal base64 data at input byte N`), or undefined
 * when it decodes. Go's StdEncoding ignores \r and \n and requires padding.
 */
export function base64ErrorOffset(s: string): number | undefined {
  let count = 0;
  let padding = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\r' || c === '\n') continue;
    if (c === '=') {
      // '=' may only appear in the last two places of a quantum.
      if (count % 4 < 2) return i;
      padding++;
      count++;
      continue;
    }
    if (padding > 0 || !ALPHABET.includes(c)) return i;
    count++;
  }
  if (count % 4 !== 0) return s.length;
  return undefined;
}
