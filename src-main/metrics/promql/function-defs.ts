/** Signatures of the PromQL functions of Prometheus 2.42: argument types and result type. */
import type { ValueType } from './ast';

export interface FunctionDef {
  readonly name: string;
  readonly args: readonly ValueType[];
  /** How many trailing arguments may be left out (-1: the last one may repeat). */
  readonly variadic: number;
  readonly returns: ValueType;
}

const defs: FunctionDef[] = [];
function def(name: string, args: ValueType[], returns: ValueType, variadic = 0): void {
  defs.push({ name, args, returns, variadic });
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

for (const f of ['abs', 'ceil', 'floor', 'exp', 'sqrt', 'ln', 'log2', 'log10', 'sgn', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'deg', 'rad', 'timestamp', 'sort', 'sort_desc']) {
  def(f, [V], V);
}
for (const f of ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'resets', 'changes', 'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'last_over_time', 'present_over_time', 'stddev_over_time', 'stdvar_over_time', 'absent_over_time']) {
  def(f, [M], V);
}
for (const f of ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year']) {
  def(f, [V], V, 1);
}
def('quantile_over_time', [S, M], V);
def('predict_linear', [M, S], V);
def('holt_winters', [M, S, S], V);
def('clamp', [V, S, S], V);
def('clamp_min', [V, S], V);
def('clamp_max', [V, S], V);
def('round', [V, S], V, 1);
def('time', [], S);
def('pi', [], S);
def('pi', [], S);
def('vector', [S], V);
def('scalar', [V], S);
def('absent', [V], V);
def('label_replace', [V, STR, STR, STR, STR], V);
def('label_join', [V, STR, STR, STR], V, -1);
def('histogram_quantile', [S, V], V);

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(defs.map((d) => [d.name, d]));

/** Functions whose value depends on the evaluation time itself, not only on the data. */
export const TIME_DEPENDENT_FUNCTIONS: ReadonlySet<string> = new Set(['days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'hour', 'minute', 'month', 'year', 'predict_linear', 'time', 'timestamp']);
