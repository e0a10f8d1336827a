/**
 * Plain JSON values as the patch code sees them, with the few helpers every patch type needs:
 * own-key access that is safe for a key named `__proto__`, deep equality, and the Go spellings
 * (`map[a:1]`, `[]interface {}`) that upstream error messages print.
 */

export type JsonObject = { [key: string]: unknown };

/** A JSON object: not null, not an array. */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasKey(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The own value at key, or undefined; never something inherited from Object.prototype. */
export function getKey(obj: JsonObject, key: string): unknown {
  return hasKey(obj, key) ? obj[key] : undefined;
}

/** Sets an own, enumerable key, including `__proto__` (which plain assignment would not). */
export function setKey(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function deleteKey(obj: JsonObject, key: string): void {
  delete obj[key];
}

/** Deep copy of a JSON value (callers' inputs are never mutated). */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => hasKey(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Go's reflect type name of a value decoded from JSON, as printed by `%s` of a reflect.Type.
 * Whole numbers are int64 because the apiserver decodes request bodies keeping integers.
 */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
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

/** Go's `%v` of an int64, or of a float64 (shortest 'g' form, exponent when it is < -4 or >= 21). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  // JavaScript writes 1e-7 and 1e+21; Go pads the exponent to two digits.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
