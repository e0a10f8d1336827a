/**
 * Fields of an object that its kind's schema does not know, as strict decoding reports them
 * (`spec.containers[0].imagee`). Only modelled objects are checked: a schema marked
 * x-kubernetes-preserve-unknown-fields, or one without properties, accepts anything.
 */
import { isJsonObject } from '../object';
import type { Schema } from './schema-builders';
import { SCHEMAS } from './schemas';

const REF_PREFIX = '#/components/schemas/';

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  const direct = schema.$ref;
  if (typeof direct === 'string') return resolve(SCHEMAS[direct.slice(REF_PREFIX.length)]);
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isJsonObject(allOf[0])) return resolve(allOf[0]);
  return schema;
}

function walk(schema: Schema | undefined, value: unknown, path: string, out: string[]): void {
  const s = resolve(schema);
  if (!s || s['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (Array.isArray(value)) {
    if (isJsonObject(s.items)) value.forEach((v, i) => walk(s.items as Schema, v, `${path}[${i}]`, out));
    return;
  }
  if (!isJsonObject(value)) return;
  const properties = s.properties;
  if (isJsonObject(properties)) {
    for (const [k, v] of Object.entries(value)) {
      const p = path === '' ? k : `${path}.${k}`;
      const prop = properties[k];
      if (isJsonObject(prop)) walk(prop, v, p, out);
      else out.push(p);
    }
    return;
  }
  if (isJsonObject(s.additionalProperties)) {
    for (const [k, v] of Object.entries(value)) walk(s.additionalProperties, v, `${path}.${k}`, out);
  }
}

/** Paths of the fields `obj` has that the schema named `schemaName` does not, in document order. */
export function unknownFieldsOf(schemaName: string, obj: unknown): string[] {
  const out: string[] = [];
  walk(SCHEMAS[schemaName], obj, '', out);
  return out;
}
