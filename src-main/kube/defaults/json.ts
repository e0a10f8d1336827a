/** Small helpers for defaulting plain JSON objects in place. */
import { isJsonObject, type JsonObject } from '../object';

/** `obj[key]` as an object, created (and stored) when missing or not an object. */
export function ensureObject(obj: JsonObject, key: string): JsonObject {
  const v = obj[key];
  if (isJsonObject(v)) return v;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

/** The objects in `obj[key]` when it is an array (non-objects skipped). */
export function objectsIn(obj: JsonObject | undefined, key: string): JsonObject[] {
  const v = obj?.[key];
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

/** `obj[key]` as an object, or undefined; never creates. */
export function child(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = obj?.[key];
  return isJsonObject(v) ? v : undefined;
}

/** Sets `obj[key] = value` when the field is missing, null or the empty string (Go's zero value). */
export function setDefault(obj: JsonObject, key: string, value: unknown): void {
  const v = obj[key];
  if (v === undefined || v === null || v === '') obj[key] = value;
}

/** Sets a pointer field (`*int32`, `*bool`, ...) only when it is missing or null. */
export function setDefaultPointer(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}
