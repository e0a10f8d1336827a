/** The PromQL syntax tree the engine evaluates, built from the lezer parse tree by parser.ts. */
import type { LabelMatcher } from '../tsdb/matchers';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** Names Prometheus uses for value types in error messages. */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}

/** `@` modifier: a fixed time in ms, or the query's start()/end(). */
export type AtModifier = { readonly kind: 'time'; readonly ms: number } | { readonly kind: 'start' } | { readonly kind: 'end' };

interface Base {
  /** Offset of the node's first character in the query (for error positions). */
  readonly pos: number;
}

export interface NumberLiteral extends Base {
  readonly kind: 'number';
  readonly value: number;
}

export interface StringLiteral extends Base {
  readonly kind: 'string';
  readonly value: string;
}

export interface VectorSelector extends Base {
  readonly kind: 'vectorSelector';
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
  offset: number;
  at: AtModifier | null;
}

export interface MatrixSelector extends Base {
  readonly kind: 'matrixSelector';
  readonly vs: VectorSelector;
  readonly range: number;
}

export interface SubqueryExpr extends Base {
  readonly kind: 'subquery';
  readonly expr: Expr;
  readonly range: number;
  /** 0 means the default (the engine's no-step subquery interval). */
  readonly step: number;
  offset: number;
  at: AtModifier | null;
}

export interface Call extends Base {
  readonly kind: 'call';
  readonly func: string;
  readonly args: readonly Expr[];
}

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'count'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'quantile'
  | 'count_values'
  | 'group';

export interface AggregateExpr extends Base {
  readonly kind: 'aggregate';
  readonly op: AggregateOp;
  readonly expr: Expr;
  readonly param: Expr | null;
  readonly grouping: readonly string[];
  readonly without: boolean;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'and'
  | 'or'
  | 'unless';

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  readonly card: Cardinality;
  /** true for on(...), false for ignoring(...) or no clause. */
  readonly on: boolean;
  readonly labels: readonly string[];
  /** Extra labels from group_left(...)/group_right(...). */
  readonly include: readonly string[];
}

export interface BinaryExpr extends Base {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly returnBool: boolean;
  readonly matching: VectorMatching | null;
  /** Offset of the operator, where Prometheus reports operator errors. */
  readonly opPos: number;
}

export interface UnaryExpr extends Base {
  readonly kind: 'unary';
  readonly op: '-' | '+';
  readonly expr: Expr;
}

export interface ParenExpr extends Base {
  readonly kind: 'paren';
  readonly expr: Expr;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
export const SET_OPS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

export function unwrapParens(e: Expr): Expr {
  while (e.kind === 'paren') e = e.expr;
  return e;
}
