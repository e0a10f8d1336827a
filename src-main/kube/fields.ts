/**
 * Field selectors (`?fieldSelector=`), parsed like apimachinery's fields.ParseSelector (terms
 * sorted, `\` escapes) and converted per kind like the scheme's field label conversion funcs,
 * with the same error messages.
 */
import type { ResourceType } from './resource-type';
import { badRequest } from './status';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

export interface FieldSelector {
  /** All must hold; none means everything matches. */
  requirements: FieldRequirement[];
}

export class FieldSelectorError extends Error {
  override readonly name = 'FieldSelectorError';
}

/** fields.EscapeValue: `\`, `,` and `=` get a backslash. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue, with upstream's errors for a bad escape or a bare `,`/`=`. */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // Go prints the rune with %v, i.e. its code point.
    else if (c === ',' || c === '=') throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS: FieldOperator[] = ['!=', '==', '='];

function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** Byte-wise comparison, as Go sorts strings. */
function compareBytes(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

/** fields.ParseSelector; throws FieldSelectorError with upstream's text. */
export function parseFieldSelectorOrThrow(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort(compareBytes);
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, operator, rhs] = split;
    requirements.push({ field, operator, value: unescapeValue(rhs) });
  }
  return { requirements };
}

/** A `?fieldSelector=` value; a bad one is a 400 BadRequest with the parser's message. */
export function parseFieldSelector(selector: string): FieldSelector {
  try {
    return parseFieldSelectorOrThrow(selector);
  } catch (e) {
    if (e instanceof FieldSelectorError) throw badRequest(e.message);
    throw e;
  }
}

export function matchFields(sel: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return sel.requirements.every((r) => {
    const v = Object.prototype.hasOwnProperty.call(fields, r.field) ? fields[r.field] : '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

/** Selector.String: `a=b,c!=d` with values escaped. */
export function fieldSelectorString(sel: FieldSelector): string {
  return sel.requirements.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeValue(r.value)}`).join(',');
}

/** The value a selector pins for `field` with `=`/`==` (RequiresExactMatch), if any. */
export function fieldRequiresExactMatch(sel: FieldSelector, field: string): string | undefined {
  return sel.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
}

/**
 * The scheme's field label conversion for a kind: each field must be one the kind supports
 * (renamed where upstream renames, e.g. a pod's `spec.host`); the first that is not is a 400
 * BadRequest with the conversion func's message, as the apiserver's list handler answers.
 */
export function convertFieldSelector(rt: ResourceType, sel: FieldSelector): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const r of sel.requirements) {
    const field = rt.fieldLabels.aliases?.[r.field] ?? r.field;
    if (!rt.fieldLabels.supported.includes(field)) throw badRequest(fieldLabelError(rt, r.field));
    requirements.push({ ...r, field });
  }
  return { requirements };
}

/** What the kind's conversion func says about a field it does not support. */
export function fieldLabelError(rt: ResourceType, field: string): string {
  if (rt.fieldLabels.unsupported) return rt.fieldLabels.unsupported(field);
  if (rt.fieldLabels.custom) return `field label not supported: ${field}`;
  return `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}
