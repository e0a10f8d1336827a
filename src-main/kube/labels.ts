/**
 * Label selectors: the string syntax of `?labelSelector=` and `kubectl -l` (parsed exactly as
 * apimachinery's labels.Parse, errors included), metav1.LabelSelector from specs, matching, and
 * the string forms printers show.
 */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import { aggregateMessage, FieldPath, invalid, notSupported, type FieldError } from './field-error';
import { isQualifiedName, isValidLabelValue } from './names';
import { badRequest } from './status';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted for set operators, as upstream stores a parsed selector's values. */
  values: string[];
}

export interface LabelSelector {
  /** All must match; none means everything matches. */
  requirements: LabelRequirement[];
  /** The selector of a nil metav1.LabelSelector: it matches nothing. */
  nothing?: boolean;
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** The binary operators in the order upstream lists them in parse errors. */
const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const ALL_OPERATORS = [...BINARY_OPERATORS, 'exists', '!'];

export const EVERYTHING: LabelSelector = { requirements: [] };
export const NOTHING: LabelSelector = { requirements: [], nothing: true };

/** Thrown for a selector string or metav1.LabelSelector that cannot become a selector. */
export class LabelSelectorError extends Error {
  override readonly name = 'LabelSelectorError';
}

// ---- requirements ----------------------------------------------------------------------------

/**
 * labels.NewRequirement: checks key, operator and values; failures are reported together, as an
 * aggregate of field errors rooted at `path` (`key`, `values[0][k]`, ...).
 */
export function newRequirement(key: string, operator: LabelOperator | string, values: string[], path?: FieldPath): LabelRequirement {
  const errs: FieldError[] = [];
  const child = (name: string): FieldPath => (path ? path.child(name) : FieldPath.root(name));
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(invalid(child('key'), key, keyErrs.join('; ')));
  const valuePath = child('values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(valuePath, values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(valuePath, values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(valuePath, values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(valuePath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(child('operator'), operator, ALL_OPERATORS));
  }
  values.forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length > 0) errs.push(invalid(valuePath.index(i).key(key), v, vErrs.join('; ')));
  });
  if (errs.length > 0) throw new LabelSelectorError(aggregateMessage(errs));
  return { key, operator: operator as LabelOperator, values };
}

export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      if (!/^[+-]?\d+$/.test(value) || !/^[+-]?\d+$/.test(r.values[0])) return false;
      const lv = BigInt(value);
      const rv = BigInt(r.values[0]);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function sortedValues(values: string[]): string[] {
  return [...values].sort();
}

/** Requirement.String: `a=b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`. */
export function requirementString(r: LabelRequirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case 'in':
      s += ' in ';
      break;
    case 'notin':
      s += ' notin ';
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
    default:
      s += r.operator;
  }
  const values = r.values.length === 1 ? r.values[0] : sortedValues(r.values).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${values})` : s + values;
}

// ---- selectors ---------------------------------------------------------------------------------

/** Adds requirements and keeps them sorted by key (stable), as internalSelector.Add does. */
function sortByKey(reqs: LabelRequirement[]): LabelRequirement[] {
  return reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map((x) => x.r);
}

export function matchLabels(sel: LabelSelector, labels: Labels): boolean {
  if (sel.nothing) return false;
  return sel.requirements.every((r) => requirementMatches(r, labels));
}

export function isEmptySelector(sel: LabelSelector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/** Selector.String: requirements joined by ',' ('' for everything and for nothing). */
export function selectorString(sel: LabelSelector): string {
  return sel.requirements.map(requirementString).join(',');
}

/** The value a selector requires for `key`, if it pins one (RequiresExactMatch). */
export function requiresExactMatch(sel: LabelSelector, key: string): string | undefined {
  const r = sel.requirements.find((x) => x.key === key);
  if (!r) return undefined;
  if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
  return undefined;
}

// ---- the string syntax -------------------------------------------------------------------------

type TokenKind = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

interface Token {
  kind: TokenKind;
  literal: string;
}

const SYMBOLS: Record<string, TokenKind> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };
const KEYWORDS: Record<string, TokenKind> = { in: 'in', notin: 'notin' };

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
}

function isSpecialSymbol(ch: string): boolean {
  return '=!(),><'.includes(ch);
}

/** The lexer works on bytes, as Go's does; a UTF-8 string is read one byte at a time. */
function lex(input: string): Token[] {
  const bytes = new TextEncoder().encode(input);
  const text = (from: number, to: number): string => new TextDecoder().decode(bytes.slice(from, to));
  const chAt = (i: number): string => String.fromCharCode(bytes[i]);
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < bytes.length && isWhitespace(chAt(pos))) pos++;
    if (pos >= bytes.length) {
      tokens.push({ kind: 'eos', literal: '' });
      return tokens;
    }
    if (isSpecialSymbol(chAt(pos))) {
      let buffer = '';
      let last: Token | undefined;
      while (pos < bytes.length && isSpecialSymbol(chAt(pos))) {
        buffer += chAt(pos);
        const kind = SYMBOLS[buffer];
        if (kind) {
          last = { kind, literal: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      tokens.push(last ?? { kind: 'error', literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < bytes.length && !isSpecialSymbol(chAt(pos)) && !isWhitespace(chAt(pos))) pos++;
    const word = text(start, pos);
    tokens.push({ kind: KEYWORDS[word] ?? 'id', literal: word });
  }
}

type Context = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;

  constructor(private readonly items: Token[]) {}

  private view(t: Token, context: Context): Token {
    if (context === 'values' && (t.kind === 'in' || t.kind === 'notin')) return { kind: 'id', literal: t.literal };
    return t;
  }

  lookahead(context: Context): Token {
    return this.view(this.items[this.position], context);
  }

  consume(context: Context): Token {
    this.position++;
    return this.view(this.items[this.position - 1], context);
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const t = this.lookahead('values');
      if (t.kind === 'id' || t.kind === '!') {
        let r: LabelRequirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          throw new LabelSelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        requirements.push(r);
        const next = this.consume('values');
        if (next.kind === 'eos') return requirements;
        if (next.kind === ',') {
          const after = this.lookahead('values');
          if (after.kind !== 'id' && after.kind !== '!') throw new LabelSelectorError(`found '${after.literal}', expected: identifier after ','`);
          continue;
        }
        throw new LabelSelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
      }
      if (t.kind === 'eos') return requirements;
      throw new LabelSelectorError(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort());
  }

  private parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let operator: LabelOperator | undefined;
    let t = this.consume('values');
    if (t.kind === '!') {
      operator = '!';
      t = this.consume('values');
    }
    if (t.kind !== 'id') throw new Error(`found '${t.literal}', expected: identifier`);
    const keyErrs = isQualifiedName(t.literal);
    // Upstream validates the key against a nil field path here, which prints as "<nil>".
    if (keyErrs.length > 0) throw new Error(`<nil>: Invalid value: ${JSON.stringify(t.literal)}: ${keyErrs.join('; ')}`);
    const next = this.lookahead('values');
    if ((next.kind === 'eos' || next.kind === ',') && operator !== '!') operator = 'exists';
    return { key: t.literal, operator };
  }

  private parseOperator(): LabelOperator {
    const t = this.consume('keyAndOperator');
    switch (t.kind) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new Error(`found '${t.literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    let t = this.consume('values');
    if (t.kind !== '(') throw new Error(`found '${t.literal}' expected: '('`);
    t = this.lookahead('values');
    if (t.kind === 'id' || t.kind === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume('values').kind !== ')') throw new Error(`found '${t.literal}', expected: ')'`);
      return s;
    }
    if (t.kind === ')') {
      this.consume('values');
      return new Set(['']);
    }
    throw new Error(`found '${t.literal}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const t = this.consume('values');
      if (t.kind === 'id') {
        s.add(t.literal);
        const next = this.lookahead('values');
        if (next.kind === ',') continue;
        if (next.kind === ')') return s;
        throw new Error(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (t.kind === ',') {
        if (s.size === 0) s.add('');
        const next = this.lookahead('values');
        if (next.kind === ')') {
          s.add('');
          return s;
        }
        if (next.kind === ',') {
          this.consume('values');
          s.add('');
        }
        continue;
      }
      throw new Error(`found '${t.literal}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): Set<string> {
    const ahead = this.lookahead('values');
    if (ahead.kind === 'eos' || ahead.kind === ',') return new Set(['']);
    const t = this.consume('values');
    if (t.kind === 'id') return new Set([t.literal]);
    throw new Error(`found '${t.literal}', expected: identifier`);
  }
}

/**
 * labels.Parse. Throws LabelSelectorError with upstream's text, e.g.
 * `unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt`.
 */
export function parseLabelSelectorOrThrow(s: string): LabelSelector {
  return { requirements: sortByKey(new Parser(lex(s)).parse()) };
}

/**
 * A `?labelSelector=` value; a bad one is the 400 BadRequest the apiserver answers with the
 * parser's message.
 */
export function parseLabelSelector(s: string): LabelSelector {
  try {
    return parseLabelSelectorOrThrow(s);
  } catch (e) {
    if (e instanceof LabelSelectorError) throw badRequest(e.message);
    throw e;
  }
}

// ---- metav1.LabelSelector ----------------------------------------------------------------------

const META_OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: nil matches nothing, empty matches everything, matchLabels are
 * `=` requirements and matchExpressions map In/NotIn/Exists/DoesNotExist. Throws
 * LabelSelectorError for a bad operator, key or value.
 */
export function labelSelectorFromMeta(ls: MetaLabelSelector | null | undefined): LabelSelector {
  if (ls === null || ls === undefined) return NOTHING;
  const matchLabels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + exprs.length === 0) return EVERYTHING;
  const reqs: LabelRequirement[] = [];
  for (const [k, v] of Object.entries(matchLabels)) reqs.push(newRequirement(k, '=', [v]));
  for (const e of exprs) {
    const op = META_OPERATORS[e.operator];
    if (!op) throw new LabelSelectorError(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, [...(e.values ?? [])]));
  }
  return { requirements: sortByKey(reqs) };
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ls: MetaLabelSelector | null | undefined): string {
  let s: string;
  try {
    s = selectorString(labelSelectorFromMeta(ls));
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

/** labels.Set.String: `k=v` pairs sorted as strings and joined by ','. */
export function labelsString(labels: Labels): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',');
}

/** labels.FormatLabels: like labelsString, `<none>` when empty. */
export function formatLabels(labels: Labels): string {
  return labelsString(labels) || '<none>';
}

/** A selector that matches exactly the given labels (labels.SelectorFromSet). */
export function selectorFromSet(labels: Labels): LabelSelector {
  return { requirements: sortByKey(Object.entries(labels ?? {}).map(([k, v]) => ({ key: k, operator: '=', values: [v] }))) };
}
