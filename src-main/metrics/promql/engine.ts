/**
 * The PromQL engine: instant and range queries over a Queryable, evaluated as Prometheus 2.42
 * does. Pure and deterministic: the evaluation time is an argument, nothing reads the clock.
 */
import type { Expr } from './ast';
import { typeOf } from './check';
import { documentedType } from './ast';
import { EvalError } from './errors';
import { Evaluator } from './evaluator';
import { parseExpr } from './parser';
import { selectorRanges } from './selectors';
import { compareLabels, emptyLabels, labelsKey } from '../tsdb/labels';
import type { Queryable } from '../tsdb/queryable';
import type { QueryValue, Series } from './values';

export interface EngineOptions {
  /** How far back an instant selector looks for a sample, in ms. Default 5 minutes. */
  readonly lookbackDelta?: number;
  /** Step of subqueries written without one (`[1h:]`), in ms. Default 1 minute. */
  readonly noStepSubqueryInterval?: number;
}

export class Engine {
  private readonly lookbackDelta: number;
  private readonly noStepSubqueryInterval: number;

  constructor(opts: EngineOptions = {}) {
    this.lookbackDelta = opts.lookbackDelta ?? 5 * 60_000;
    this.noStepSubqueryInterval = opts.noStepSubqueryInterval ?? 60_000;
  }

  /** Evaluates the query at one time (ms). Throws ParseError or EvalError. */
  instantQuery(storage: Queryable, query: string | Expr, time: number): QueryValue {
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    const ev = this.evaluator(storage, expr, time, time);
    const v = ev.eval(expr, time);
    switch (v.kind) {
      case 'scalar':
        return { type: 'scalar', t: time, v: v.v };
      case 'string':
        return { type: 'string', t: time, v: v.v };
      case 'vector':
        return { type: 'vector', t: time, samples: v.samples.map((s) => ({ metric: s.metric, t: time, v: s.v })) };
      case 'matrix':
        return { type: 'matrix', series: v.series };
    }
  }

  /**
   * Evaluates the query at start, start+step, ... up to end (all ms) and returns a matrix with
   * one series per label set, sorted by labels. Only scalar and instant-vector queries qualify.
   */
  rangeQuery(storage: Queryable, query: string | Expr, start: number, end: number, step: number): QueryValue {
    if (!(step > 0)) throw new EvalError('zero or negative query resolution step widths are not accepted. Try a positive integer');
    if (end < start) throw new EvalError('end timestamp must not be before start time');
    const expr = typeof query === 'string' ? parseExpr(query) : query;
    const type = typeOf(expr);
    if (type !== 'scalar' && type !== 'vector') {
      throw new EvalError(`invalid expression type ${JSON.stringify(documentedType(type))} for range query, must be Scalar or instant Vector`);
    }
    const ev = this.evaluator(storage, expr, start, end);
    const bySeries = new Map<string, Series>();
    for (let t = start; t <= end; t += step) {
      const v = ev.eval(expr, t);
      if (v.kind === 'scalar') {
        let s = bySeries.get('');
        if (!s) bySeries.set('', (s = { metric: emptyLabels(), points: [] }));
        s.points.push({ t, v: v.v });
      } else if (v.kind === 'vector') {
        for (const smp of v.samples) {
          const key = labelsKey(smp.metric);
          let s = bySeries.get(key);
          if (!s) bySeries.set(key, (s = { metric: smp.metric, points: [] }));
          s.points.push({ t, v: smp.v });
        }
      }
    }
    return { type: 'matrix', series: [...bySeries.values()].sort((a, b) => compareLabels(a.metric, b.metric)) };
  }

  private evaluator(storage: Queryable, expr: Expr, start: number, end: number): Evaluator {
    const frame = { start, end };
    return new Evaluator(storage, frame, selectorRanges(expr, frame, this.lookbackDelta), {
      lookbackDelta: this.lookbackDelta,
      noStepSubqueryInterval: this.noStepSubqueryInterval,
    });
  }
}
