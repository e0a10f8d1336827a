/** Numeric helpers shared by functions and aggregations. */
import type { Point } from './values';

/** One step of Kahan-Babuška (Neumaier) summation: returns [sum, compensation]. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/**
 * φ-quantile of values by linear interpolation between closest ranks (NaN sorts first, as in
 * Prometheus). Returns NaN for no values, ±Inf for q outside [0, 1].
 */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = values.slice().sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

/**
 * Least-squares fit of value over time (seconds relative to interceptTime), with compensated
 * sums. A constant series has slope 0 (or NaN if the constant is infinite).
 */
export function linearRegression(points: readonly Point[], interceptTime: number): [slope: number, intercept: number] {
  let n = 0;
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  const initY = points[0]!.v;
  let constY = true;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (constY && i > 0 && p.v !== initY) constY = false;
    n++;
    const x = (p.t - interceptTime) / 1e3;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(p.v, sumY, cY);
    [sumXY, cXY] = kahanInc(x * p.v, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [NaN, NaN];
    return [0, initY];
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}
