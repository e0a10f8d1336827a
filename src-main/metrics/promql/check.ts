/** Static checks of a parsed expression: value types, argument counts, modifier rules. */
import { COMPARISON_OPS, documentedType, SET_OPS, type Expr, type ValueType } from './ast';
import { ParseError } from './errors';
import { FUNCTIONS } from './function-defs';
import { matches } from '../tsdb/matchers';

/** The value type an expression evaluates to. */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vectorSelector':
    case 'aggregate':
      return 'vector';
    case 'matrixSelector':
    case 'subquery':
      return 'matrix';
    case 'call':
      return FUNCTIONS.get(e.func)!.returns;
    case 'binary':
      return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'unary':
    case 'paren':
      return typeOf(e.expr);
  }
}

/** Throws the first problem found, in the order Prometheus's parser reports them. */
export function checkAst(query: string, root: Expr): void {
  const fail = (pos: number, msg: string): never => {
    throw new ParseError(query, pos, msg);
  };
  const expectType = (e: Expr, want: ValueType, context: string): void => {
    const t = check(e);
    if (t !== want) fail(e.pos, `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  };

  function check(e: Expr): ValueType {
    switch (e.kind) {
      case 'number':
      case 'string':
        break;
      case 'paren':
        check(e.expr);
        break;
      case 'vectorSelector':
        if (e.name === '' && !e.matchers.some((m) => !matches(m, ''))) {
          fail(e.pos, 'vector selector must contain at least one non-empty matcher');
        }
        break;
      case 'matrixSelector':
        check(e.vs);
        break;
      case 'subquery': {
        const t = check(e.expr);
        if (t !== 'vector') fail(e.pos, `subquery is only allowed on instant vector, got ${documentedType(t)} instead`);
        break;
      }
      case 'unary': {
        const t = check(e.expr);
        if (t !== 'scalar' && t !== 'vector') {
          fail(e.pos, `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(documentedType(t))}`);
        }
        break;
      }
      case 'aggregate':
        expectType(e.expr, 'vector', 'aggregation expression');
        if (e.op === 'topk' || e.op === 'bottomk' || e.op === 'quantile') expectType(e.param!, 'scalar', 'aggregation parameter');
        if (e.op === 'count_values') expectType(e.param!, 'string', 'aggregation parameter');
        break;
      case 'call': {
        const def = FUNCTIONS.get(e.func)!;
        const n = def.args.length;
        if (def.variadic === 0) {
          if (n !== e.args.length) fail(e.pos, `expected ${n} argument(s) in call to ${JSON.stringify(e.func)}, got ${e.args.length}`);
        } else {
          const min = n - 1;
          if (min > e.args.length) fail(e.pos, `expected at least ${min} argument(s) in call to ${JSON.stringify(e.func)}, got ${e.args.length}`);
          else if (def.variadic > 0 && min + def.variadic < e.args.length) {
            fail(e.pos, `expected at most ${min + def.variadic} argument(s) in call to ${JSON.stringify(e.func)}, got ${e.args.length}`);
          }
        }
        e.args.forEach((arg, i) => {
          if (i >= n && def.variadic === 0) return;
          expectType(arg, def.args[Math.min(i, n - 1)]!, `call to function ${JSON.stringify(e.func)}`);
        });
        break;
      }
      case 'binary': {
        const lt = check(e.lhs);
        const rt = check(e.rhs);
        const cmp = COMPARISON_OPS.has(e.op);
        const setOp = SET_OPS.has(e.op);
        if (e.returnBool && !cmp) fail(e.opPos, 'bool modifier can only be used on comparison operators');
        if (cmp && !e.returnBool && lt === 'scalar' && rt === 'scalar') fail(e.opPos, 'comparisons between scalars must use BOOL modifier');
        const m = e.matching;
        if (m && m.on) {
          for (const l of m.labels) if (m.include.includes(l)) fail(e.opPos, `label ${JSON.stringify(l)} must not occur in ON and GROUP clause at once`);
        }
        if (lt !== 'scalar' && lt !== 'vector') fail(e.lhs.pos, 'binary expression must contain only scalar and instant vector types');
        if (rt !== 'scalar' && rt !== 'vector') fail(e.rhs.pos, 'binary expression must contain only scalar and instant vector types');
        if (lt !== 'vector' || rt !== 'vector') {
          if (m && m.labels.length > 0) fail(e.pos, 'vector matching only allowed between instant vectors');
        } else if (setOp && m && (m.card === 'one-to-many' || m.card === 'many-to-one')) {
          fail(e.pos, `no grouping allowed for ${JSON.stringify(e.op)} operation`);
        }
        if ((lt === 'scalar' || rt === 'scalar') && setOp) fail(e.pos, `set operator ${JSON.stringify(e.op)} not allowed in binary scalar expression`);
        break;
      }
    }
    return typeOf(e);
  }
  check(root);
}
