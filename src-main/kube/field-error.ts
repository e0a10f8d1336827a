/**
 * Field-level validation errors, after apimachinery's util/validation/field: the same error types,
 * the same `<field>: <Type text>: <value>: <detail>` rendering, and the same aggregation into
 * `[a, b]` that kube-apiserver puts in a 422 message.
 */
import { goBadValue, goQuote } from './go-format';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  /** The path, e.g. `spec.containers[0].image`. */
  field: string;
  /** The offending value; see goBadValue for how it is printed. Unused by Required/Forbidden/TooLong. */
  badValue?: unknown;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marks a TooMany error whose count is unknown: only the type text is printed. */
const OMIT_VALUE = Symbol('omit');

/** The message without the field: `Invalid value: "X": detail` (field.Error.ErrorBody). */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = e.badValue === OMIT_VALUE ? TYPE_TEXT[e.type] : `${TYPE_TEXT[e.type]}: ${goBadValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `field: body` (field.Error.Error). */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * The text of errs.ToAggregate(): duplicates dropped, one error bare, several as `[a, b]`.
 * Returns '' for an empty list.
 */
export function aggregateMessage(errs: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const m = errorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length === 0) return '';
  if (msgs.length === 1) return msgs[0];
  return `[${msgs.join(', ')}]`;
}

/** Builds field paths the way field.Path.String does: `a.b[0][key].c`. */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(name: string, ...more: string[]): FieldPath {
    return new FieldPath([name, ...more].join('.'));
  }

  child(name: string, ...more: string[]): FieldPath {
    const names = [name, ...more].join('.');
    return new FieldPath(this.text === '' ? names : `${this.text}.${names}`);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

type Path = FieldPath | string;

export function required(field: Path, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field: String(field), badValue: '', detail };
}

export function invalid(field: Path, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: String(field), badValue: value, detail };
}

export function notFound(field: Path, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: String(field), badValue: value, detail: '' };
}

export function duplicate(field: Path, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field: String(field), badValue: value, detail: '' };
}

export function forbidden(field: Path, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field: String(field), badValue: '', detail };
}

/** `Unsupported value: "X": supported values: "a", "b"` (values listed in the order given). */
export function notSupported(field: Path, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field: String(field), badValue: value, detail };
}

/** `Too long: may not be more than N bytes` (the value itself is never printed). */
export function tooLong(field: Path, maxLength: number): FieldError {
  return {
    type: 'FieldValueTooLong',
    field: String(field),
    badValue: '<value omitted>',
    detail: maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long',
  };
}

export function tooMany(field: Path, actual: number, max: number): FieldError {
  return {
    type: 'FieldValueTooMany',
    field: String(field),
    badValue: actual >= 0 ? actual : OMIT_VALUE,
    detail: max >= 0 ? `must have at most ${max} items` : 'has too many items',
  };
}

export function internalError(field: Path, err: Error): FieldError {
  return { type: 'InternalError', field: String(field), badValue: null, detail: err.message };
}

export function typeInvalid(field: Path, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field: String(field), badValue: value, detail };
}
