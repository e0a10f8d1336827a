/**
 * Reading storage for selectors: which time range each selector needs, loading its series once
 * per query, and picking the sample for an instant or the samples of a range at each step.
 * Prometheus 2.42 semantics: both the lookback window and range windows include both ends.
 */
import type { AtModifier, Expr, VectorSelector } from './ast';
import type { Labels } from '../tsdb/labels';
import type { Queryable } from '../tsdb/queryable';
import { isStaleNaN } from '../tsdb/stale';
import type { Point } from './values';

export interface LoadedSeries {
  readonly labels: Labels;
  readonly ts: Float64Array;
  readonly vs: Float64Array;
}

/** The query's own time frame, needed to resolve `@ start()` / `@ end()`. */
export interface QueryFrame {
  readonly start: number;
  readonly end: number;
}

/** The time a selector or subquery with this `@` looks from, given the step time t. */
export function atTime(at: AtModifier | null, t: number, frame: QueryFrame): number {
  if (at === null) return t;
  if (at.kind === 'time') return at.ms;
  return at.kind === 'start' ? frame.start : frame.end;
}

/**
 * For every vector selector, the [mint, maxt] of samples any step of the query can touch, walking
 * through subqueries (their offsets and ranges add up) and `@` modifiers (which pin the time).
 */
export function selectorRanges(root: Expr, frame: QueryFrame, lookback: number): Map<VectorSelector, [number, number]> {
  const out = new Map<VectorSelector, [number, number]>();
  const walk = (e: Expr, lo: number, hi: number): void => {
    switch (e.kind) {
      case 'vectorSelector':
      case 'matrixSelector': {
        const vs = e.kind === 'vectorSelector' ? e : e.vs;
        const back = e.kind === 'vectorSelector' ? lookback : e.range;
        const [a, b] = vs.at === null ? [lo, hi] : [atTime(vs.at, 0, frame), atTime(vs.at, 0, frame)];
        const range: [number, number] = [a - vs.offset - back, b - vs.offset];
        const prev = out.get(vs);
        out.set(vs, prev ? [Math.min(prev[0], range[0]), Math.max(prev[1], range[1])] : range);
        return;
      }
      case 'subquery': {
        const [a, b] = e.at === null ? [lo, hi] : [atTime(e.at, 0, frame), atTime(e.at, 0, frame)];
        walk(e.expr, a - e.offset - e.range, b - e.offset);
        return;
      }
      case 'call':
        for (const a of e.args) walk(a, lo, hi);
        return;
      case 'aggregate':
        if (e.param) walk(e.param, lo, hi);
        walk(e.expr, lo, hi);
        return;
      case 'binary':
        walk(e.lhs, lo, hi);
        walk(e.rhs, lo, hi);
        return;
      case 'unary':
      case 'paren':
        walk(e.expr, lo, hi);
        return;
      default:
        return;
    }
  };
  walk(root, frame.start, frame.end);
  return out;
}

/** Reads the selected series into arrays, once per query. */
export function loadSeries(storage: Queryable, vs: VectorSelector, mint: number, maxt: number): LoadedSeries[] {
  const out: LoadedSeries[] = [];
  for (const s of storage.select(vs.matchers, mint, maxt)) {
    const it = s.iterator();
    const ts: number[] = [];
    let vals = new Float64Array(64);
    let n = 0;
    while (it.next()) {
      if (n === vals.length) {
        const bigger = new Float64Array(n * 2);
        bigger.set(vals);
        vals = bigger;
      }
      ts.push(it.t());
      vals[n++] = it.v();
    }
    if (n > 0) out.push({ labels: s.labels, ts: Float64Array.from(ts), vs: vals.subarray(0, n) });
  }
  return out;
}

/** Index of the last sample at or before t, or -1. */
export function lastAtOrBefore(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** The newest sample in [ref − lookback, ref], unless that sample is a staleness marker. */
export function instantSample(s: LoadedSeries, ref: number, lookback: number): Point | null {
  const i = lastAtOrBefore(s.ts, ref);
  if (i < 0) return null;
  const t = s.ts[i]!;
  if (t < ref - lookback) return null;
  const v = s.vs[i]!;
  if (isStaleNaN(v)) return null;
  return { t, v };
}

/** Samples with mint <= t <= maxt, staleness markers left out. */
export function rangePoints(s: LoadedSeries, mint: number, maxt: number): Point[] {
  const out: Point[] = [];
  let i = lastAtOrBefore(s.ts, mint - 1) + 1;
  for (; i < s.ts.length; i++) {
    const t = s.ts[i]!;
    if (t > maxt) break;
    const v = s.vs[i]!;
    if (!isStaleNaN(v)) out.push({ t, v });
  }
  return out;
}
