/** histogram_quantile over classic `_bucket` series (the `le` label), as Prometheus computes it. */
import { filterLabels, getLabel, keyFor, METRIC_NAME } from '../tsdb/labels';
import type { Labels } from '../tsdb/labels';
import type { Sample } from './values';

interface Bucket {
  upper: number;
  count: number;
}

const LE = new Set(['le']);
const DROP = new Set([METRIC_NAME, 'le']);

/** Parses an `le` value like Go's ParseFloat (accepts +Inf, Inf, NaN, exponents). */
function parseLe(s: string): number | null {
  const t = s.trim() === s ? s : '';
  if (/^[+-]?(?:inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return Number(t.replace(/^\+/, ''));
  return null;
}

/**
 * Quantile q from cumulative buckets: linear interpolation inside the bucket holding the rank.
 * Needs a +Inf bucket; ranks in the +Inf bucket return the highest finite bound; a first bucket
 * with upper bound <= 0 returns that bound. Bucket counts are made monotonic first.
 */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  let buckets = input.slice().sort((a, b) => (a.upper < b.upper ? -1 : a.upper > b.upper ? 1 : 0));
  if (buckets[buckets.length - 1]!.upper !== Infinity) return NaN;
  buckets = coalesce(buckets);
  let max = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i]!.count > max) max = buckets[i]!.count;
    else if (buckets[i]!.count < max) buckets[i]!.count = max;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // First bucket (among all but +Inf) whose cumulative count reaches the rank.
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i]!.count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upper;
  if (b === 0 && buckets[0]!.upper <= 0) return buckets[0]!.upper;
  let start = 0;
  const end = buckets[b]!.upper;
  let count = buckets[b]!.count;
  if (b > 0) {
    start = buckets[b - 1]!.upper;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return start + (end - start) * (rank / count);
}

function coalesce(buckets: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of buckets) {
    const last = out[out.length - 1];
    if (last && last.upper === b.upper) last.count += b.count;
    else out.push({ upper: b.upper, count: b.count });
  }
  return out;
}

/** Groups bucket samples by their labels without `le` and computes one quantile per group. */
export function histogramQuantile(q: number, vec: readonly Sample[], t: number): Sample[] {
  const groups = new Map<string, { metric: Labels; buckets: Bucket[] }>();
  for (const s of vec) {
    const upper = parseLe(getLabel(s.metric, 'le'));
    if (upper === null) continue;
    const key = keyFor(s.metric, LE, false);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric: filterLabels(s.metric, DROP, false), buckets: [] }));
    g.buckets.push({ upper, count: s.v });
  }
  const out: Sample[] = [];
  for (const g of groups.values()) out.push({ metric: g.metric, t, v: bucketQuantile(q, g.buckets) });
  return out;
}
