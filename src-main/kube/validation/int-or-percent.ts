/**
 * IntOrString fields that hold a count or a percentage (maxUnavailable, maxSurge, minAvailable):
 * how apps validation reads and checks them, and how Go prints them in error values.
 */
import { FieldPath, invalid, type FieldError } from '../field-error';
import { goLiteral, goQuote, type GoLiteral } from '../go-format';
import { isValidPercent } from '../names';
import { validateNonnegative } from './object-meta';

export type IntOrString = number | string;

/** Go's `%#v` of an intstr.IntOrString. */
export function goIntOrString(v: IntOrString): GoLiteral {
  return goLiteral(typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
}

/** The number of a valid percentage (`25%` → 25), else undefined. */
export function percentValue(v: IntOrString): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue: the percentage's number, the int, or what a numeric string parses to (0 otherwise). */
export function intOrPercentValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  return percentValue(v) ?? (/^-?\d+$/.test(v) ? Number(v) : 0);
}

/** ValidatePositiveIntOrPercent: a percentage that parses, or a non-negative int. */
export function validatePositiveIntOrPercent(v: IntOrString, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
  return validateNonnegative(v, path);
}

/** IsNotMoreThan100Percent. */
export function validateNotMoreThan100Percent(v: IntOrString, path: FieldPath): FieldError[] {
  const pct = percentValue(v);
  return pct !== undefined && pct > 100 ? [invalid(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/** An IntOrString field's value when set (a number or a string), else undefined. */
export function intOrStringAt(holder: unknown, key: string): IntOrString | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined;
  const v = (holder as Record<string, unknown>)[key];
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}
