/**
 * Parses PromQL with the Prometheus project's lezer grammar and converts the tree into our AST.
 * The grammar is newer than Prometheus 2.42 and accepts a few later additions (duration
 * arithmetic, `fill`, `anchored`, `smoothed`, quoted label names, newer functions); those are
 * rejected here so the language is the 2.42 one. Type checks live in check.ts.
 */
import { parser as lezer } from '@prometheus-io/lezer-promql';
import type { AggregateOp, AtModifier, BinaryOp, Expr, VectorMatching, VectorSelector } from './ast';
import { checkAst } from './check';
import { ParseError } from './errors';
import { FUNCTIONS } from './function-defs';
import { parseDuration, parseNumber, unquoteString } from './literals';
import { METRIC_NAME } from '../tsdb/labels';
import { newMatcher, type LabelMatcher, type MatchType } from '../tsdb/matchers';

type SyntaxNode = ReturnType<typeof lezer.parse>['topNode'];

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr',
  'AnchoredExpr', 'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector',
  'StepInvariantExpr',
]);

const BINARY_OPS: Record<string, BinaryOp> = {
  Pow: '^', Mul: '*', Div: '/', Mod: '%', Atan2: 'atan2', Add: '+', Sub: '-', Eql: '==', Gte: '>=',
  Gtr: '>', Lte: '<=', Lss: '<', Neq: '!=', And: 'and', Unless: 'unless', Or: 'or',
};

const AGGREGATE_OPS = new Set<string>(['sum', 'avg', 'min', 'max', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group']);

/** Parses and type-checks a PromQL expression. Throws ParseError. */
export function parseExpr(query: string): Expr {
  const tree = lezer.parse(query);
  const top = tree.topNode;
  reportSyntaxErrors(query, top);
  const body = exprChildren(top);
  if (body.length !== 1) throw new ParseError(query, 0, body.length === 0 ? 'no expression found in input' : 'unexpected expression');
  const expr = new Converter(query).expr(body[0]!);
  checkAst(query, expr);
  return expr;
}

function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function exprChildren(n: SyntaxNode): SyntaxNode[] {
  return children(n).filter((c) => EXPR_NODES.has(c.name));
}

/** Finds the first error node and words it in Prometheus's style as far as we can. */
function reportSyntaxErrors(query: string, top: SyntaxNode): void {
  let first: SyntaxNode | null = null;
  const cur = top.cursor();
  do {
    if (cur.type.isError && (first === null || cur.from < first.from)) first = cur.node;
  } while (cur.next());
  if (!first) return;
  const pos = first.from;
  // An identifier directly followed by "(" is a call of a function Prometheus does not know.
  const before = query.slice(0, pos).match(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/);
  if (before && query.slice(pos).trimStart().startsWith('(') && !AGGREGATE_OPS.has(before[1]!)) {
    throw new ParseError(query, pos - before[0].length, `unknown function with name ${JSON.stringify(before[1])}`);
  }
  const rest = query.slice(pos).trimStart();
  if (rest === '') {
    if (/\{[^}]*$/.test(query)) throw new ParseError(query, query.length, 'unexpected end of input inside braces');
    if (/\([^)]*$/.test(query)) throw new ParseError(query, query.length, 'unclosed left parenthesis');
    throw new ParseError(query, query.length, 'unexpected end of input');
  }
  const tok = /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*|\d[\w.]*|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[=!<>]=?|=~|!~|.)/.exec(rest)![0];
  throw new ParseError(query, query.length - rest.length, `unexpected ${describeToken(tok)}`);
}

function describeToken(tok: string): string {
  if (/^[a-zA-Z_:]/.test(tok)) return `identifier ${JSON.stringify(tok)}`;
  if (/^\d/.test(tok)) return parseDuration(tok) !== null && !/^\d+$/.test(tok) ? `duration ${JSON.stringify(tok)}` : `number ${JSON.stringify(tok)}`;
  if (tok.startsWith('"') || tok.startsWith("'")) return `string ${JSON.stringify(tok)}`;
  return JSON.stringify(tok);
}

class Converter {
  constructor(private readonly q: string) {}

  private text(n: SyntaxNode): string {
    return this.q.slice(n.from, n.to);
  }

  private fail(pos: number, msg: string): never {
    throw new ParseError(this.q, pos, msg);
  }

  expr(n: SyntaxNode): Expr {
    switch (n.name) {
      case 'NumberDurationLiteral':
        return { kind: 'number', pos: n.from, value: this.number(n) };
      case 'StringLiteral':
        return { kind: 'string', pos: n.from, value: this.string(n) };
      case 'ParenExpr':
        return { kind: 'paren', pos: n.from, expr: this.expr(this.only(n)) };
      case 'UnaryExpr': {
        const op = this.text(n.getChild('UnaryOp')!) as '-' | '+';
        const inner = this.expr(this.only(n));
        // Prometheus folds a sign into a number literal.
        if (inner.kind === 'number') return { kind: 'number', pos: n.from, value: op === '-' ? -inner.value : inner.value };
        return { kind: 'unary', pos: n.from, op, expr: inner };
      }
      case 'VectorSelector':
        return this.vectorSelector(n);
      case 'MatrixSelector': {
        const range = this.duration(n.getChild('DurationExpr')!);
        return this.postfix(this.expr(this.only(n)), (inner) => {
          if (inner.kind !== 'vectorSelector' || inner.offset !== 0 || inner.at !== null) this.fail(inner.pos, 'ranges only allowed for vector selectors');
          return { kind: 'matrixSelector', pos: inner.pos, vs: inner, range };
        });
      }
      case 'SubqueryExpr': {
        const durs = n.getChildren('DurationExpr');
        const range = this.duration(durs[0]!);
        const step = durs[1] ? this.duration(durs[1]) : 0;
        return this.postfix(this.expr(this.only(n)), (inner) => ({ kind: 'subquery', pos: inner.pos, expr: inner, range, step, offset: 0, at: null }));
      }
      case 'OffsetExpr':
        return this.offset(n);
      case 'StepInvariantExpr':
        return this.at(n);
      case 'FunctionCall':
        return this.call(n);
      case 'AggregateExpr':
        return this.aggregate(n);
      case 'BinaryExpr':
        return this.binary(n);
      default:
        return this.fail(n.from, `unexpected ${JSON.stringify(this.text(n).split(/\s/)[0])}`);
    }
  }

  /**
   * Ranges, subqueries, `offset` and `@` bind tighter than every operator in Prometheus
   * (`a - b offset 1m` is `a - (b offset 1m)`), while the lezer grammar attaches them to the
   * whole expression on their left. Push them down to the rightmost operand.
   */
  private postfix(inner: Expr, apply: (e: Expr) => Expr): Expr {
    if (inner.kind === 'binary') return { ...inner, rhs: this.postfix(inner.rhs, apply) };
    if (inner.kind === 'unary') return { ...inner, expr: this.postfix(inner.expr, apply) };
    return apply(inner);
  }

  private only(n: SyntaxNode): SyntaxNode {
    return exprChildren(n)[0]!;
  }

  private number(n: SyntaxNode): number {
    const t = this.text(n);
    const v = parseNumber(t.replace(/^[+-]\s*/, (s) => s.trim()));
    if (v === null) {
      if (parseDuration(t) !== null) this.fail(n.from, `unexpected duration ${JSON.stringify(t)}`);
      this.fail(n.from, `bad number syntax: ${JSON.stringify(t)}`);
    }
    return v;
  }

  private string(n: SyntaxNode): string {
    const t = this.text(n);
    try {
      return unquoteString(t);
    } catch (e) {
      return this.fail(n.from, e instanceof Error ? e.message : String(e));
    }
  }

  /** A DurationExpr or OffsetDurationExpr; 2.42 only knows plain duration literals. */
  private duration(n: SyntaxNode): number {
    const kids = children(n);
    if (kids.length !== 1 || kids[0]!.name !== 'NumberDurationLiteralInDurationContext') {
      this.fail(n.from, `unexpected ${JSON.stringify(this.text(n))} in duration, expected a duration literal`);
    }
    const t = this.text(kids[0]!);
    const ms = parseDuration(t);
    if (ms === null) {
      if (/^\d+$/.test(t)) this.fail(n.from, 'missing unit character in duration');
      this.fail(n.from, `bad duration syntax: ${JSON.stringify(t)}`);
    }
    if (ms === 0) this.fail(n.from, 'duration must be greater than 0');
    return ms;
  }

  private vectorSelector(n: SyntaxNode): VectorSelector {
    const id = n.getChild('Identifier');
    const name = id ? this.text(id) : '';
    const matchers: LabelMatcher[] = [];
    const lm = n.getChild('LabelMatchers');
    if (lm) {
      for (const c of children(lm)) {
        if (c.name === 'QuotedLabelMatcher' || c.name === 'QuotedLabelName') this.fail(c.from, 'unexpected string in label matching, expected identifier or "}"');
        if (c.name !== 'UnquotedLabelMatcher') continue;
        const lname = this.text(c.getChild('LabelName')!);
        const op = this.text(c.getChild('MatchOp')!) as MatchType;
        const value = this.string(c.getChild('StringLiteral')!);
        try {
          matchers.push(newMatcher(op, lname, value));
        } catch (e) {
          this.fail(c.from, `error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    if (name !== '') {
      const dup = matchers.find((m) => m.name === METRIC_NAME);
      if (dup) this.fail(n.from, `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(dup.value)}`);
      matchers.push(newMatcher('=', METRIC_NAME, name));
    }
    return { kind: 'vectorSelector', pos: n.from, name, matchers, offset: 0, at: null };
  }

  private offset(n: SyntaxNode): Expr {
    const inner = this.expr(this.only(n));
    let d = n.getChild('OffsetDurationExpr')!;
    let sign = 1;
    while (d.getChild('UnaryOp')) {
      if (this.text(d.getChild('UnaryOp')!) === '-') sign = -sign;
      d = d.getChild('OffsetDurationExpr')!;
    }
    const ms = sign * this.duration(d);
    return this.postfix(inner, (e) => this.setOffset(e, ms));
  }

  private setOffset(inner: Expr, ms: number): Expr {
    const target = inner.kind === 'matrixSelector' ? inner.vs : inner.kind === 'vectorSelector' || inner.kind === 'subquery' ? inner : null;
    if (!target) this.fail(inner.pos, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    if (target.offset !== 0) this.fail(inner.pos, 'offset may not be set multiple times');
    target.offset = ms;
    return inner;
  }

  private at(n: SyntaxNode): Expr {
    const inner = this.expr(this.only(n));
    let at: AtModifier;
    const pre = n.getChild('AtModifierPreprocessors');
    if (pre) at = { kind: this.text(pre) === 'start' ? 'start' : 'end' };
    else {
      const lit = n.getChild('NumberDurationLiteral')!;
      const secs = this.number(lit);
      if (!Number.isFinite(secs) || Math.abs(secs) >= 9.2e15) this.fail(n.from, `timestamp out of bounds for @ modifier: ${secs}`);
      at = { kind: 'time', ms: Math.round(secs * 1000) };
    }
    return this.postfix(inner, (e) => this.setAt(e, at));
  }

  private setAt(inner: Expr, at: AtModifier): Expr {
    const target = inner.kind === 'matrixSelector' ? inner.vs : inner.kind === 'vectorSelector' || inner.kind === 'subquery' ? inner : null;
    if (!target) this.fail(inner.pos, '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    if (target.at !== null) this.fail(inner.pos, '@ <timestamp> may not be set multiple times');
    target.at = at;
    return inner;
  }

  private call(n: SyntaxNode): Expr {
    const idNode = n.getChild('FunctionIdentifier')!;
    const name = this.text(idNode);
    if (!FUNCTIONS.has(name)) this.fail(n.from, `unknown function with name ${JSON.stringify(name)}`);
    const args = exprChildren(n.getChild('FunctionCallBody')!).map((c) => this.expr(c));
    return { kind: 'call', pos: n.from, func: name, args };
  }

  private grouping(n: SyntaxNode): string[] {
    const out: string[] = [];
    for (const c of children(n)) {
      if (c.name === 'LabelName') out.push(this.text(c));
      else if (c.name === 'QuotedLabelName') this.fail(c.from, 'unexpected string in grouping opts, expected label');
    }
    return out;
  }

  private aggregate(n: SyntaxNode): Expr {
    const op = this.text(n.getChild('AggregateOp')!);
    if (!AGGREGATE_OPS.has(op)) this.fail(n.from, `unknown function with name ${JSON.stringify(op)}`);
    const mod = n.getChild('AggregateModifier');
    const without = mod ? mod.getChild('Without') !== null : false;
    const grouping = mod ? this.grouping(mod.getChild('GroupingLabels')!) : [];
    const args = exprChildren(n.getChild('FunctionCallBody')!).map((c) => this.expr(c));
    const withParam = op === 'topk' || op === 'bottomk' || op === 'quantile' || op === 'count_values';
    const want = withParam ? 2 : 1;
    if (args.length === 0) this.fail(n.from, 'no arguments for aggregate expression provided');
    if (args.length !== want) this.fail(n.from, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`);
    return {
      kind: 'aggregate', pos: n.from, op: op as AggregateOp, expr: args[want - 1]!, param: withParam ? args[0]! : null,
      grouping, without,
    };
  }

  private binary(n: SyntaxNode): Expr {
    const [lhsNode, rhsNode] = exprChildren(n);
    let opNode: SyntaxNode | null = null;
    for (const c of children(n)) {
      if (BINARY_OPS[c.name] !== undefined && c.from >= lhsNode!.to) {
        opNode = c;
        break;
      }
      if (c.name === 'TrimUpper' || c.name === 'TrimLower') this.fail(c.from, `unexpected ${JSON.stringify(this.text(c))}`);
    }
    if (!opNode) this.fail(lhsNode!.to, 'unexpected operator');
    if (n.getChild('FillModifier')) this.fail(n.getChild('FillModifier')!.from, 'unexpected identifier "fill"');
    const op = BINARY_OPS[opNode.name]!;
    const returnBool = n.getChild('BoolModifier') !== null;
    let matching: VectorMatching | null = null;
    const mm = n.getChild('MatchingModifierClause');
    const groupings = mm ? mm.getChildren('GroupingLabels') : [];
    if (mm) {
      const on = mm.getChild('On') !== null;
      const left = mm.getChild('GroupLeft') !== null;
      const right = mm.getChild('GroupRight') !== null;
      matching = {
        card: left ? 'many-to-one' : right ? 'one-to-many' : 'one-to-one',
        on,
        labels: this.grouping(groupings[0]!),
        include: groupings[1] ? this.grouping(groupings[1]) : [],
      };
    }
    let lhs = this.expr(lhsNode!);
    const rhs = this.expr(rhsNode!);
    // The grammar glues a sign to a number ("-2"), but Prometheus applies unary minus after `^`:
    // -2 ^ 2 is -(2 ^ 2).
    const lhsText = this.text(lhsNode!);
    if (op === '^' && lhs.kind === 'number' && /^[+-]/.test(lhsText)) {
      const neg = lhsText.startsWith('-');
      lhs = { kind: 'number', pos: lhs.pos + 1, value: neg ? -lhs.value : lhs.value };
      const inner: Expr = { kind: 'binary', pos: lhs.pos, op, lhs, rhs, returnBool, matching, opPos: opNode.from };
      return neg ? { kind: 'unary', pos: n.from, op: '-', expr: inner } : inner;
    }
    return { kind: 'binary', pos: n.from, op, lhs, rhs, returnBool, matching, opPos: opNode.from };
  }
}
