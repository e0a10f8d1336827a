/**
 * Like promqltest, every eval is re-run with `@ <eval time>` added to its top-level selectors and
 * subqueries, at other evaluation times; a pinned query must give the same answer anywhere.
 * Expressions that call time-dependent functions (time(), hour(), ...) are skipped.
 */
import type { AtModifier, Expr } from '../ast';
import { TIME_DEPENDENT_FUNCTIONS } from '../function-defs';

function usesTimeFunctions(e: Expr): boolean {
  switch (e.kind) {
    case 'call':
      return TIME_DEPENDENT_FUNCTIONS.has(e.func) || e.args.some(usesTimeFunctions);
    case 'aggregate':
      return usesTimeFunctions(e.expr) || (e.param !== null && usesTimeFunctions(e.param));
    case 'binary':
      return usesTimeFunctions(e.lhs) || usesTimeFunctions(e.rhs);
    case 'unary':
    case 'paren':
    case 'subquery':
      return usesTimeFunctions(e.expr);
    case 'matrixSelector':
    default:
      return false;
  }
}

/**
 * A copy of e with `@ ms` on every selector and subquery outside subqueries that has no fixed
 * `@` time (`@ start()`/`@ end()` are replaced too, as promqltest does).
 */
export function pinAt(e: Expr, ms: number): Expr {
  const pin = (cur: AtModifier | null): AtModifier => (cur && cur.kind === 'time' ? cur : { kind: 'time', ms });
  switch (e.kind) {
    case 'vectorSelector':
      return { ...e, at: pin(e.at) };
    case 'matrixSelector':
      return { ...e, vs: { ...e.vs, at: pin(e.vs.at) } };
    case 'subquery':
      return { ...e, at: pin(e.at) };
    case 'call':
      return { ...e, args: e.args.map((a) => pinAt(a, ms)) };
    case 'aggregate':
      return { ...e, expr: pinAt(e.expr, ms), param: e.param && pinAt(e.param, ms) };
    case 'binary':
      return { ...e, lhs: pinAt(e.lhs, ms), rhs: pinAt(e.rhs, ms) };
    case 'unary':
    case 'paren':
      return { ...e, expr: pinAt(e.expr, ms) };
    default:
      return e;
  }
}

/** Evaluation times to try the pinned expression at, or none if it is time-dependent. */
export function atVariantTimes(e: Expr, ms: number): number[] {
  if (usesTimeFunctions(e)) return [];
  return ms === 0 ? [-1000, 0, 1000] : [-10 * ms, 0, Math.trunc(ms / 5), ms, 10 * ms];
}
