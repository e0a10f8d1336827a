/**
 * The shape every stored Kubernetes object shares: type meta, metav1.ObjectMeta, and whatever
 * else the kind has (spec, status, data, ...), kept as plain JSON values.
 */
import type { ObjectMeta as MetaV1ObjectMeta, OwnerReference, ManagedFieldsEntry } from 'kubernetes-types/meta/v1';

/**
 * metav1.ObjectMeta as it travels in JSON (timestamps are RFC 3339 strings). kubernetes-types
 * marks the server-set fields readonly; the server is what sets them, so here they are writable.
 */
export type ObjectMeta = { -readonly [K in keyof MetaV1ObjectMeta]: MetaV1ObjectMeta[K] };
export type { OwnerReference, ManagedFieldsEntry };

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}

/** A JSON object, for walking values whose shape is not modelled. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `obj[key]` when it is a JSON object, else undefined. */
export function objectAt(obj: unknown, key: string): JsonObject | undefined {
  if (!isJsonObject(obj)) return undefined;
  const v = obj[key];
  return isJsonObject(v) ? v : undefined;
}

/** `obj[key]` when it is an array, else an empty array. */
export function arrayAt(obj: unknown, key: string): unknown[] {
  if (!isJsonObject(obj)) return [];
  const v = obj[key];
  return Array.isArray(v) ? v : [];
}

/** `obj[key]` when it is a string, else ''. Go's zero value for a missing string field. */
export function stringAt(obj: unknown, key: string): string {
  if (!isJsonObject(obj)) return '';
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

/** `obj[key]` when it is a number, else undefined. */
export function numberAt(obj: unknown, key: string): number | undefined {
  if (!isJsonObject(obj)) return undefined;
  const v = obj[key];
  return typeof v === 'number' ? v : undefined;
}

/** `obj[key]` when it is a map of strings (labels, selectors), else undefined. */
export function stringMapAt(obj: unknown, key: string): Record<string, string> | undefined {
  const m = objectAt(obj, key);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Parses an RFC 3339 timestamp to ms since the epoch; undefined when missing or unparsable. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Formats ms since the epoch as metav1.Time does: RFC 3339 in UTC, whole seconds. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
