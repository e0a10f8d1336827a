/**
 * Staleness markers. Prometheus writes a NaN with the bit pattern 0x7ff0000000000002 when a series
 * disappears; queries treat it as "no value from here on". Ordinary NaN samples are different.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

function fromBits(hi: number, lo: number): number {
  u32[HI] = hi;
  u32[LO] = lo;
  return f64[0]!;
}

export const STALE_NAN: number = fromBits(0x7ff00000, 0x00000002);

/**
 * True for the staleness marker. V8 sets the quiet bit when a NaN passes through an ordinary
 * JavaScript array (0x7ff8000000000002), so that form is accepted too; plain NaNs have other
 * payloads (JavaScript's own NaN is 0x7ff8000000000000).
 */
export function isStaleNaN(v: number): boolean {
  if (v === v) return false;
  f64[0] = v;
  return (u32[HI]! & 0xfff7ffff) === 0x7ff00000 && u32[LO] === 0x00000002;
}
