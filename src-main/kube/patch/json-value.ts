/**
 * Plain JSON values as the patch code sees them, with the few helpers every patch type needs:
 * own-key access that is safe for a key named `__proto__`, deep copies and deep equality.
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
