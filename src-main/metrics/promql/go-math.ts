/**
 * log2/log10 computed the way Go's math package does, so results match Prometheus to the bit
 * (Go's Log10(1000) is 2.9999999999999996, while JavaScript's Math.log10 gives 3).
 */
/** 1/ln 2 and ln 2/ln 10, rounded to the nearest float64 as Go's constant arithmetic does. */
const INV_LN2 = 1.4426950408889634;
const LN2_OVER_LN10 = 0.3010299956639812;

/** Splits x into frac in [0.5, 1) and exp with x = frac × 2^exp. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  let f = Math.abs(x);
  // Scale subnormals up first so the exponent loop below stays short.
  if (f < 2.2250738585072014e-308) {
    f *= 2 ** 52;
    exp -= 52;
  }
  const e = Math.floor(Math.log2(f));
  f /= 2 ** e;
  exp += e;
  while (f >= 1) {
    f /= 2;
    exp++;
  }
  while (f < 0.5) {
    f *= 2;
    exp--;
  }
  return [x < 0 ? -f : f, exp];
}

export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * INV_LN2 + exp;
}

export function goLog10(x: number): number {
  return goLog2(x) * LN2_OVER_LN10;
}
