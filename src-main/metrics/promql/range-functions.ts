/**
 * Functions over a range of samples (`rate(x[5m])`, `avg_over_time(...)`, ...). Each takes the
 * samples of one series in the window and returns a value, or null for "no output".
 */
import { kahanInc, linearRegression, quantile } from './math-helpers';
import { EvalError } from './errors';
import type { Point } from './values';

export interface RangeWindow {
  /** Window start and end in ms: end is the (offset and @ adjusted) step time. */
  readonly start: number;
  readonly end: number;
  /** The selector's range in ms. */
  readonly range: number;
}

/** Extra scalar arguments (quantile, predict duration, factors) and the step time. */
export interface RangeArgs {
  readonly scalars: readonly number[];
  readonly t: number;
}

export type RangeFunction = (points: Point[], w: RangeWindow, args: RangeArgs) => number | null;

/**
 * rate/increase/delta: the change over the window, extrapolated towards the window's edges when
 * the first/last samples are close to them (within 1.1 average intervals), otherwise by half an
 * average interval; counters are corrected for resets and never extrapolated below zero.
 */
function extrapolatedRate(points: Point[], w: RangeWindow, isCounter: boolean, isRate: boolean): number | null {
  if (points.length < 2) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let result = last.v - first.v;
  if (isCounter) {
    let prev = first.v;
    for (let i = 1; i < points.length; i++) {
      const v = points[i]!.v;
      if (v < prev) result += prev;
      prev = v;
    }
  }
  let toStart = (first.t - w.start) / 1000;
  const toEnd = (w.end - last.t) / 1000;
  const sampled = (last.t - first.t) / 1000;
  const avgStep = sampled / (points.length - 1);
  if (isCounter && result > 0 && first.v >= 0) {
    const toZero = sampled * (first.v / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = avgStep * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : avgStep / 2;
  interval += toEnd < threshold ? toEnd : avgStep / 2;
  let factor = interval / sampled;
  if (isRate) factor /= w.range / 1000;
  return result * factor;
}

/** irate/idelta: from the last two samples only. */
function instantDelta(points: Point[], isRate: boolean): number | null {
  if (points.length < 2) return null;
  const last = points[points.length - 1]!;
  const prev = points[points.length - 2]!;
  let result = isRate && last.v < prev.v ? last.v : last.v - prev.v;
  const dt = last.t - prev.t;
  if (dt === 0) return null;
  if (isRate) result /= dt / 1000;
  return result;
}

function avgOverTime(points: Point[]): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (const { v } of points) {
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      // Once the mean is infinite it stays so unless an opposite infinity or NaN arrives.
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    [mean, c] = kahanInc(v / count - mean / count, mean, c);
  }
  return !Number.isFinite(mean) && !Number.isNaN(mean) ? mean : mean + c;
}

function sumOverTime(points: Point[]): number {
  let sum = 0;
  let c = 0;
  for (const { v } of points) [sum, c] = kahanInc(v, sum, c);
  return !Number.isFinite(sum) && !Number.isNaN(sum) ? sum : sum + c;
}

function varianceOverTime(points: Point[]): number {
  let count = 0;
  let mean = 0, cMean = 0, aux = 0, cAux = 0;
  for (const { v } of points) {
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function holtWinters(points: Point[], sf: number, tf: number): number | null {
  if (sf <= 0 || sf >= 1) throw new EvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (tf <= 0 || tf >= 1) throw new EvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  if (points.length < 2) return null;
  let s0 = 0;
  let s1 = points[0]!.v;
  let b = points[1]!.v - points[0]!.v;
  for (let i = 1; i < points.length; i++) {
    const x = sf * points[i]!.v;
    if (i - 1 !== 0) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
}

export const RANGE_FUNCTIONS: ReadonlyMap<string, RangeFunction> = new Map<string, RangeFunction>([
  ['rate', (p, w) => extrapolatedRate(p, w, true, true)],
  ['increase', (p, w) => extrapolatedRate(p, w, true, false)],
  ['delta', (p, w) => extrapolatedRate(p, w, false, false)],
  ['irate', (p) => instantDelta(p, true)],
  ['idelta', (p) => instantDelta(p, false)],
  ['deriv', (p) => (p.length < 2 ? null : linearRegression(p, p[0]!.t)[0])],
  ['predict_linear', (p, _w, a) => {
    if (p.length < 2) return null;
    const [slope, intercept] = linearRegression(p, a.t);
    return slope * a.scalars[1]! + intercept;
  }],
  ['resets', (p) => {
    let n = 0;
    for (let i = 1; i < p.length; i++) if (p[i]!.v < p[i - 1]!.v) n++;
    return n;
  }],
  ['changes', (p) => {
    let n = 0;
    for (let i = 1; i < p.length; i++) {
      const a = p[i - 1]!.v;
      const b = p[i]!.v;
      if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) n++;
    }
    return n;
  }],
  ['avg_over_time', (p) => avgOverTime(p)],
  ['sum_over_time', (p) => sumOverTime(p)],
  ['count_over_time', (p) => p.length],
  ['min_over_time', (p) => {
    let m = p[0]!.v;
    for (const { v } of p) if (v < m || Number.isNaN(m)) m = v;
    return m;
  }],
  ['max_over_time', (p) => {
    let m = p[0]!.v;
    for (const { v } of p) if (v > m || Number.isNaN(m)) m = v;
    return m;
  }],
  ['last_over_time', (p) => p[p.length - 1]!.v],
  ['present_over_time', () => 1],
  ['stddev_over_time', (p) => Math.sqrt(varianceOverTime(p))],
  ['stdvar_over_time', (p) => varianceOverTime(p)],
  ['quantile_over_time', (p, _w, a) => quantile(a.scalars[0]!, p.map((x) => x.v))],
  ['holt_winters', (p, _w, a) => holtWinters(p, a.scalars[1]!, a.scalars[2]!)],
]);
