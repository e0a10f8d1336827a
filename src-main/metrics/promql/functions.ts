/** PromQL functions over instant vectors and scalars (range-vector ones are in range-functions). */
import type { Expr } from './ast';
import { EvalError } from './errors';
import { goLog10, goLog2 } from './go-math';
import { histogramQuantile } from './histogram-quantile';
import { labelJoin, labelReplace } from './label-functions';
import { emptyLabels, METRIC_NAME, setLabel, withoutName, type Labels } from '../tsdb/labels';
import type { Sample, StepValue } from './values';

const MATH: ReadonlyMap<string, (v: number) => number> = new Map<string, (v: number) => number>([
  ['abs', Math.abs],
  ['ceil', Math.ceil],
  ['floor', Math.floor],
  ['exp', Math.exp],
  ['sqrt', Math.sqrt],
  ['ln', Math.log],
  ['log2', goLog2],
  ['log10', goLog10],
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['asin', Math.asin],
  ['acos', Math.acos],
  ['atan', Math.atan],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['tanh', Math.tanh],
  ['asinh', Math.asinh],
  ['acosh', Math.acosh],
  ['atanh', Math.atanh],
  ['deg', (v) => (v * 180) / Math.PI],
  ['rad', (v) => (v * Math.PI) / 180],
  ['sgn', (v) => (v < 0 ? -1 : v > 0 ? 1 : v)],
]);

function daysInMonth(d: Date): number {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

function dayOfYear(d: Date): number {
  return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

const DATE: ReadonlyMap<string, (d: Date) => number> = new Map<string, (d: Date) => number>([
  ['day_of_month', (d) => d.getUTCDate()],
  ['day_of_week', (d) => d.getUTCDay()],
  ['day_of_year', dayOfYear],
  ['days_in_month', daysInMonth],
  ['hour', (d) => d.getUTCHours()],
  ['minute', (d) => d.getUTCMinutes()],
  ['month', (d) => d.getUTCMonth() + 1],
  ['year', (d) => d.getUTCFullYear()],
]);

/** Labels a selector implies for absent(): its equality matchers, other than the name. */
export function absentLabels(arg: Expr): Labels {
  let e = arg;
  while (e.kind === 'paren') e = e.expr;
  const vs = e.kind === 'vectorSelector' ? e : e.kind === 'matrixSelector' ? e.vs : null;
  if (!vs) return emptyLabels();
  let out: Labels = emptyLabels();
  const seen = new Set<string>();
  for (const m of vs.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !seen.has(m.name)) {
      out = setLabel(out, m.name, m.value);
      seen.add(m.name);
    } else out = setLabel(out, m.name, '');
  }
  return out;
}

function mapValues(vec: readonly Sample[], t: number, f: (v: number) => number): Sample[] {
  return vec.map((s) => ({ metric: withoutName(s.metric), t, v: f(s.v) }));
}

function byValue(desc: boolean): (a: Sample, b: Sample) => number {
  // NaN always sorts last, for both directions.
  return (a, b) => {
    const an = Number.isNaN(a.v);
    const bn = Number.isNaN(b.v);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    if (a.v === b.v) return 0;
    return (a.v < b.v) !== desc ? -1 : 1;
  };
}

/**
 * Applies a function whose arguments are instant vectors, scalars and strings, at step time t.
 * `args` are the evaluated arguments, `exprs` the argument expressions (for absent()).
 */
export function callInstantFunction(name: string, args: readonly StepValue[], exprs: readonly Expr[], t: number): StepValue {
  const vec = (i: number): Sample[] => {
    const a = args[i]!;
    return a.kind === 'vector' ? a.samples : [];
  };
  const num = (i: number): number => {
    const a = args[i]!;
    return a.kind === 'scalar' ? a.v : NaN;
  };
  const str = (i: number): string => {
    const a = args[i]!;
    return a.kind === 'string' ? a.v : '';
  };
  const vector = (samples: Sample[]): StepValue => ({ kind: 'vector', samples });

  const math = MATH.get(name);
  if (math) return vector(mapValues(vec(0), t, math));
  const date = DATE.get(name);
  if (date) {
    if (args.length === 0) return vector([{ metric: emptyLabels(), t, v: date(new Date(Math.trunc(t / 1000) * 1000)) }]);
    return vector(mapValues(vec(0), t, (v) => date(new Date(Math.trunc(v) * 1000))));
  }
  switch (name) {
    case 'time':
      return { kind: 'scalar', v: t / 1000 };
    case 'pi':
      return { kind: 'scalar', v: Math.PI };
    case 'vector':
      return vector([{ metric: emptyLabels(), t, v: num(0) }]);
    case 'scalar': {
      const v = vec(0);
      return { kind: 'scalar', v: v.length === 1 ? v[0]!.v : NaN };
    }
    case 'timestamp':
      return vector(vec(0).map((s) => ({ metric: withoutName(s.metric), t, v: s.t / 1000 })));
    case 'absent':
      return vector(vec(0).length > 0 ? [] : [{ metric: absentLabels(exprs[0]!), t, v: 1 }]);
    case 'sort':
      return vector(vec(0).slice().sort(byValue(false)));
    case 'sort_desc':
      return vector(vec(0).slice().sort(byValue(true)));
    case 'clamp': {
      const lo = num(1);
      const hi = num(2);
      if (hi < lo) return vector([]);
      return vector(mapValues(vec(0), t, (v) => Math.max(lo, Math.min(hi, v))));
    }
    case 'clamp_min': {
      const lo = num(1);
      return vector(mapValues(vec(0), t, (v) => Math.max(lo, v)));
    }
    case 'clamp_max': {
      const hi = num(1);
      return vector(mapValues(vec(0), t, (v) => Math.min(hi, v)));
    }
    case 'round': {
      const inv = 1 / (args.length >= 2 ? num(1) : 1);
      return vector(mapValues(vec(0), t, (v) => Math.floor(v * inv + 0.5) / inv));
    }
    case 'label_replace':
      return vector(labelReplace(vec(0), str(1), str(2), str(3), str(4)));
    case 'label_join':
      return vector(labelJoin(vec(0), str(1), str(2), args.slice(3).map((_, i) => str(i + 3))));
    case 'histogram_quantile':
      return vector(histogramQuantile(num(0), vec(1), t));
    default:
      throw new EvalError(`function ${JSON.stringify(name)} is not implemented`);
  }
}
