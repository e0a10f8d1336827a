/**
 * Go's view of values decoded from JSON, so that our errors read like upstream's and our
 * comparisons fail where Go's do: reflect type names, `%v` and `%s` printing, `==`, and the keys
 * of a map[interface{}].
 */
import { isJsonObject } from './json-value';
import { panicked } from './patch-error';

/**
 * Go's reflect type name of a value decoded from JSON, as printed by `%s` of a reflect.Type.
 * Whole numbers are int64 because the apiserver decodes request bodies keeping integers.
 */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return isInt64(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** Go's `%v` of a value decoded from JSON: `map[k:v]` with sorted keys, `[a b]`, `<nil>`. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** Whole numbers in int64's range decode as int64 (the apiserver keeps integers), others as float64. */
function isInt64(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63;
}

/**
 * Go's `%v` of a number: an int64 in decimal; a float64 in its shortest form, with an exponent
 * (two digits at least) when the exponent is below -4 or at least 6, e.g. `1.2345675e+06`.
 */
function goNumber(n: number): string {
  if (isInt64(n)) return String(n);
  const [mantissa, exp] = n.toExponential().split('e');
  const e = Number(exp);
  if (e >= -4 && e < 6) return String(n);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Go's `%s` of a value that should have been a string. */
export function goSprintS(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'number' || typeof v === 'boolean') return `%!s(${goTypeName(v)}=${goSprint(v)})`;
  return goSprint(v);
}

/** Go's `==` on two values decoded from JSON: maps and slices cannot be compared (a panic). */
export function goEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    throw panicked(`runtime error: comparing uncomparable type ${goTypeName(a)}`);
  }
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}

/** The key of a value in a Go map[interface{}]: maps and slices cannot be keys (a panic). */
export function goMapKey(v: unknown): string {
  if (typeof v === 'object' && v !== null) throw panicked(`runtime error: hash of unhashable type ${goTypeName(v)}`);
  return v === null || v === undefined ? 'nil' : `${typeof v}:${String(v)}`;
}

/** encoding/json's name for the kind of a JSON value, as in `json: cannot unmarshal array into ...`. */
export function jsonKindName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (isJsonObject(v)) return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : 'string';
}
