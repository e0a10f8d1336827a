/**
 * Evaluates an expression at one step time. The engine calls it once per step; selectors read
 * series loaded once per query. Semantics follow Prometheus 2.42: lookback window and range
 * windows include both ends, `@` pins a selector's time, offsets shift it back.
 */
import { unwrapParens, type AggregateExpr, type BinaryExpr, type Call, type Expr, type MatrixSelector, type SubqueryExpr, type VectorSelector } from './ast';
import { aggregate, makeGrouper, type Grouper } from './aggregations';
import { DEFAULT_MATCHING, scalarBinop, setBinop, signatureFn, vectorBinop, vectorScalarBinop } from './binary-ops';
import { typeOf } from './check';
import { EvalError } from './errors';
import { absentLabels, callInstantFunction } from './functions';
import { RANGE_FUNCTIONS, type RangeWindow } from './range-functions';
import { atTime, instantSample, loadSeries, rangePoints, type LoadedSeries, type QueryFrame } from './selectors';
import { compareLabels, labelsKey, withoutName, type Labels } from '../tsdb/labels';
import type { Queryable } from '../tsdb/queryable';
import type { Sample, Series, StepValue } from './values';

/** Caches a labels → result function per label-set object (label sets are never mutated). */
function memo<T>(fn: (l: Labels) => T): (l: Labels) => T {
  const cache = new WeakMap<Labels, T>();
  return (l) => {
    let v = cache.get(l);
    if (v === undefined) {
      v = fn(l);
      cache.set(l, v);
    }
    return v;
  };
}

const keyOf = memo(labelsKey);

export interface EvaluatorOptions {
  readonly lookbackDelta: number;
  readonly noStepSubqueryInterval: number;
}

export class Evaluator {
  private readonly loaded = new Map<VectorSelector, LoadedSeries[]>();
  private readonly groupers = new Map<AggregateExpr, { grouper: Grouper; key: (l: Labels) => string }>();
  private readonly signatures = new Map<BinaryExpr, (l: Labels) => string>();
  private readonly subqueryCache = new Map<SubqueryExpr, Map<number, Sample[]>>();
  private readonly dropName = memo(withoutName);

  constructor(
    private readonly storage: Queryable,
    private readonly frame: QueryFrame,
    private readonly ranges: ReadonlyMap<VectorSelector, [number, number]>,
    private readonly opts: EvaluatorOptions,
  ) {}

  eval(e: Expr, t: number): StepValue {
    switch (e.kind) {
      case 'number':
        return { kind: 'scalar', v: e.value };
      case 'string':
        return { kind: 'string', v: e.value };
      case 'paren':
        return this.eval(e.expr, t);
      case 'vectorSelector':
        return { kind: 'vector', samples: this.vectorSelector(e, t, false) };
      case 'matrixSelector':
        return { kind: 'matrix', series: this.matrixSelector(e, t) };
      case 'subquery':
        return { kind: 'matrix', series: this.subquery(e, t) };
      case 'unary':
        return this.unary(e.op, this.eval(e.expr, t), t);
      case 'call':
        return this.call(e, t);
      case 'aggregate':
        return this.aggregate(e, t);
      case 'binary':
        return this.binary(e, t);
    }
  }

  private series(vs: VectorSelector): LoadedSeries[] {
    let s = this.loaded.get(vs);
    if (!s) {
      const [mint, maxt] = this.ranges.get(vs) ?? [-Infinity, Infinity];
      s = loadSeries(this.storage, vs, mint, maxt);
      this.loaded.set(vs, s);
    }
    return s;
  }

  /** keepTime: report each sample's own timestamp (only timestamp(selector) wants that). */
  vectorSelector(vs: VectorSelector, t: number, keepTime: boolean): Sample[] {
    const ref = atTime(vs.at, t, this.frame) - vs.offset;
    const out: Sample[] = [];
    for (const s of this.series(vs)) {
      const p = instantSample(s, ref, this.opts.lookbackDelta);
      if (p) out.push({ metric: s.labels, t: keepTime ? p.t : t, v: p.v });
    }
    return out;
  }

  private matrixWindow(e: MatrixSelector | SubqueryExpr, t: number): RangeWindow {
    const at = e.kind === 'matrixSelector' ? e.vs.at : e.at;
    const offset = e.kind === 'matrixSelector' ? e.vs.offset : e.offset;
    const end = atTime(at, t, this.frame) - offset;
    return { start: end - e.range, end, range: e.range };
  }

  private matrixSelector(e: MatrixSelector, t: number): Series[] {
    const w = this.matrixWindow(e, t);
    const out: Series[] = [];
    for (const s of this.series(e.vs)) {
      const points = rangePoints(s, w.start, w.end);
      if (points.length > 0) out.push({ metric: s.labels, points });
    }
    return out;
  }

  /** Evaluates the inner expression at every multiple of the step inside the window. */
  private subquery(e: SubqueryExpr, t: number): Series[] {
    const w = this.matrixWindow(e, t);
    const step = e.step || this.opts.noStepSubqueryInterval;
    const first = Math.ceil(w.start / step) * step;
    let cache = this.subqueryCache.get(e);
    if (!cache) this.subqueryCache.set(e, (cache = new Map()));
    for (const ts of cache.keys()) if (ts < first) cache.delete(ts);
    const bySeries = new Map<string, Series>();
    for (let ts = first; ts <= w.end; ts += step) {
      let samples = cache.get(ts);
      if (!samples) {
        const v = this.eval(e.expr, ts);
        samples = v.kind === 'vector' ? v.samples : [];
        cache.set(ts, samples);
      }
      for (const s of samples) {
        const key = keyOf(s.metric);
        let series = bySeries.get(key);
        if (!series) bySeries.set(key, (series = { metric: s.metric, points: [] }));
        series.points.push({ t: ts, v: s.v });
      }
    }
    return [...bySeries.values()].sort((a, b) => compareLabels(a.metric, b.metric));
  }

  private unary(op: '-' | '+', v: StepValue, t: number): StepValue {
    if (op === '+') return v;
    if (v.kind === 'scalar') return { kind: 'scalar', v: -v.v };
    if (v.kind !== 'vector') throw new EvalError('unary minus on a non-numeric value');
    return { kind: 'vector', samples: checkUnique(v.samples.map((s) => ({ metric: this.dropName(s.metric), t, v: -s.v }))) };
  }

  private call(e: Call, t: number): StepValue {
    if (e.func === 'timestamp') {
      const arg = unwrapParens(e.args[0]!);
      if (arg.kind === 'vectorSelector') {
        return callInstantFunction('timestamp', [{ kind: 'vector', samples: this.vectorSelector(arg, t, true) }], e.args, t);
      }
    }
    const mi = e.args.findIndex((a) => typeOf(a) === 'matrix');
    if (mi >= 0) return { kind: 'vector', samples: this.rangeCall(e, mi, t) };
    const out = callInstantFunction(e.func, e.args.map((a) => this.eval(a, t)), e.args, t);
    if (out.kind === 'vector') checkUnique(out.samples);
    return out;
  }

  private rangeCall(e: Call, mi: number, t: number): Sample[] {
    const scalars = e.args.map((a, i) => {
      if (i === mi) return NaN;
      const v = this.eval(a, t);
      return v.kind === 'scalar' ? v.v : NaN;
    });
    const arg = unwrapParens(e.args[mi]!);
    if (arg.kind !== 'matrixSelector' && arg.kind !== 'subquery') throw new EvalError(`expected a range vector in call to ${e.func}`);
    const w = this.matrixWindow(arg, t);
    const series = arg.kind === 'matrixSelector' ? this.matrixSelector(arg, t) : this.subquery(arg, t);
    if (e.func === 'absent_over_time') {
      return series.length > 0 ? [] : [{ metric: arg.kind === 'matrixSelector' ? absentLabels(arg) : [], t, v: 1 }];
    }
    const fn = RANGE_FUNCTIONS.get(e.func);
    if (!fn) throw new EvalError(`function ${JSON.stringify(e.func)} is not implemented`);
    const out: Sample[] = [];
    const args = { scalars, t };
    for (const s of series) {
      const v = fn(s.points, w, args);
      if (v === null) continue;
      out.push({ metric: e.func === 'last_over_time' ? s.metric : this.dropName(s.metric), t, v });
    }
    return checkUnique(out);
  }

  private aggregate(e: AggregateExpr, t: number): StepValue {
    let param: number | string | null = null;
    if (e.param) {
      const p = this.eval(e.param, t);
      param = p.kind === 'scalar' || p.kind === 'string' ? p.v : null;
    }
    const inner = this.eval(e.expr, t);
    const vec = inner.kind === 'vector' ? inner.samples : [];
    let g = this.groupers.get(e);
    if (!g) {
      const grouper = makeGrouper(e.grouping, e.without);
      this.groupers.set(e, (g = { grouper, key: memo(grouper.key) }));
    }
    return { kind: 'vector', samples: aggregate(e, vec, param, t, g.grouper, g.key) };
  }

  private binary(e: BinaryExpr, t: number): StepValue {
    const l = this.eval(e.lhs, t);
    const r = this.eval(e.rhs, t);
    if (l.kind === 'scalar' && r.kind === 'scalar') return { kind: 'scalar', v: scalarBinop(e.op, l.v, r.v) };
    if (l.kind === 'vector' && r.kind === 'vector') {
      const m = e.matching ?? DEFAULT_MATCHING;
      let sig = this.signatures.get(e);
      if (!sig) this.signatures.set(e, (sig = memo(signatureFn(m))));
      if (e.op === 'and' || e.op === 'or' || e.op === 'unless') return { kind: 'vector', samples: setBinop(e.op, l.samples, r.samples, sig) };
      return { kind: 'vector', samples: checkUnique(vectorBinop(e.op, l.samples, r.samples, m, e.returnBool, sig, t)) };
    }
    if (l.kind === 'vector' && r.kind === 'scalar') return { kind: 'vector', samples: vectorScalarBinop(e.op, l.samples, r.v, false, e.returnBool, t) };
    if (l.kind === 'scalar' && r.kind === 'vector') return { kind: 'vector', samples: vectorScalarBinop(e.op, r.samples, l.v, true, e.returnBool, t) };
    throw new EvalError('binary expression must contain only scalar and instant vector types');
  }
}

/** Prometheus refuses a vector with two elements of the same label set. */
export function checkUnique(samples: Sample[]): Sample[] {
  if (samples.length < 2) return samples;
  const seen = new Set<string>();
  for (const s of samples) {
    const k = keyOf(s.metric);
    if (seen.has(k)) throw new EvalError('vector cannot contain metrics with the same labelset');
    seen.add(k);
  }
  return samples;
}
