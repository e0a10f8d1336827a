/** Typed reads of JSON fields for validators (Go's zero values for missing fields). */
import { isJsonObject, type JsonObject } from '../object';

export function obj(v: unknown, key: string): JsonObject | undefined {
  if (!isJsonObject(v)) return undefined;
  const x = v[key];
  return isJsonObject(x) ? x : undefined;
}

export function objects(v: unknown, key: string): JsonObject[] {
  if (!isJsonObject(v)) return [];
  const x = v[key];
  return Array.isArray(x) ? x.map((e) => (isJsonObject(e) ? e : {})) : [];
}

export function str(v: unknown, key: string): string {
  if (!isJsonObject(v)) return '';
  const x = v[key];
  return typeof x === 'string' ? x : '';
}

/** A number field, or undefined when unset (pointer fields) — 0 for Go non-pointer ints is the caller's call. */
export function num(v: unknown, key: string): number | undefined {
  if (!isJsonObject(v)) return undefined;
  const x = v[key];
  return typeof x === 'number' ? x : undefined;
}

export function strings(v: unknown, key: string): string[] {
  if (!isJsonObject(v)) return [];
  const x = v[key];
  return Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string') : [];
}

export function stringMap(v: unknown, key: string): Record<string, string> | undefined {
  const m = obj(v, key);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(m)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function has(v: unknown, key: string): boolean {
  return isJsonObject(v) && v[key] !== undefined && v[key] !== null;
}
