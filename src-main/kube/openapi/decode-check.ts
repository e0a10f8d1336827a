/**
 * The errors kube-apiserver's JSON decoding reports before any validation runs: a value of the
 * wrong JSON type (`json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels
 * of type string`), a quantity that does not parse, bytes that are not base64. Like Go's decoder
 * it reports the first such error in document order.
 */
import { isJsonObject } from '../object';
import { Quantity, QuantityError } from '../quantity';
import { base64ErrorOffset } from '../defaults/base64';
import { INT_OR_STRING, QUANTITY, type Schema } from './schema-builders';
import { SCHEMAS } from './schemas';

const REF_PREFIX = '#/components/schemas/';
const TIME_SCHEMAS = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']);
/** Named map types whose Go type name is not map[...]. */
const RESOURCE_LIST = 'v1.ResourceList';

class DecodeError extends Error {}

interface Resolved {
  schema: Schema;
  /** The schema's name when it is a named component, e.g. io.k8s.api.core.v1.PodSpec. */
  name?: string;
}

function resolve(schema: Schema): Resolved {
  const direct = schema.$ref;
  if (typeof direct === 'string') {
    const name = direct.slice(REF_PREFIX.length);
    return { schema: SCHEMAS[name] ?? {}, name };
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isJsonObject(allOf[0])) return resolve(allOf[0]);
  return { schema };
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The Go type a schema stands for, as `%v` of a reflect.Type prints it. */
function goType(schema: Schema): string {
  const { schema: s, name } = resolve(schema);
  if (name === QUANTITY) return 'resource.Quantity';
  if (name === INT_OR_STRING) return 'intstr.IntOrString';
  if (name && TIME_SCHEMAS.has(name)) return `v1.${shortName(name)}`;
  if (name) return `v1.${shortName(name)}`;
  switch (s.type) {
    case 'string':
      return s.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return s.format === 'int64' ? 'int64' : 'int32';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'array':
      return `[]${isJsonObject(s.items) ? goType(s.items) : 'interface {}'}`;
    case 'object': {
      const ap = s.additionalProperties;
      if (isJsonObject(ap)) {
        const elem = goType(ap);
        return elem === 'resource.Quantity' ? RESOURCE_LIST : `map[string]${elem}`;
      }
      return 'map[string]interface {}';
    }
    default:
      return 'interface {}';
  }
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'object';
}

interface Context {
  /** The Go struct the current field belongs to. */
  struct: string;
  /** JSON field names from the root, without list indexes (Go's error context). */
  path: string;
}

function typeError(value: string, schema: Schema, ctx: Context): never {
  throw new DecodeError(`json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.path} of type ${goType(schema)}`);
}

const INT_RANGES: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [-(2 ** 63), 2 ** 63 - 1] };

function check(schema: Schema, value: unknown, ctx: Context): void {
  if (value === null || value === undefined) return;
  const { schema: s, name } = resolve(schema);
  if (name === QUANTITY) {
    if (typeof value !== 'string' && typeof value !== 'number') typeError(jsonKind(value), schema, ctx);
    try {
      Quantity.parse(value);
    } catch (e) {
      if (e instanceof QuantityError) throw new DecodeError(e.message);
      throw e;
    }
    return;
  }
  if (name === INT_OR_STRING) {
    if (typeof value === 'string') return;
    if (typeof value !== 'number') throw new DecodeError(`json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`);
    if (!Number.isInteger(value) || value < INT_RANGES.int32[0] || value > INT_RANGES.int32[1]) throw new DecodeError(`json: cannot unmarshal number ${value} into Go value of type int32`);
    return;
  }
  if (name && TIME_SCHEMAS.has(name)) return;
  if (s['x-kubernetes-preserve-unknown-fields'] === true && !isJsonObject(s.properties)) return;
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') typeError(jsonKind(value), schema, ctx);
      if (s.format === 'byte') {
        const at = base64ErrorOffset(value as string);
        if (at !== undefined) throw new DecodeError(`illegal base64 data at input byte ${at}`);
      }
      return;
    case 'integer': {
      if (typeof value !== 'number') typeError(jsonKind(value), schema, ctx);
      const range = INT_RANGES[s.format === 'int64' ? 'int64' : 'int32'];
      if (!Number.isInteger(value) || (value as number) < range[0] || (value as number) > range[1]) typeError(`number ${value}`, schema, ctx);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') typeError(jsonKind(value), schema, ctx);
      return;
    case 'number':
      if (typeof value !== 'number') typeError(jsonKind(value), schema, ctx);
      return;
    case 'array':
      if (!Array.isArray(value)) typeError(jsonKind(value), schema, ctx);
      if (isJsonObject(s.items)) for (const item of value as unknown[]) check(s.items, item, ctx);
      return;
    case 'object': {
      if (!isJsonObject(value)) typeError(jsonKind(value), schema, ctx);
      const obj = value as Record<string, unknown>;
      const properties = s.properties;
      if (isJsonObject(properties)) {
        const struct = name ? shortName(name) : ctx.struct;
        for (const [k, v] of Object.entries(obj)) {
          const prop = properties[k];
          if (isJsonObject(prop)) check(prop, v, { struct, path: ctx.path === '' ? k : `${ctx.path}.${k}` });
        }
        return;
      }
      if (isJsonObject(s.additionalProperties)) for (const v of Object.values(obj)) check(s.additionalProperties, v, ctx);
      return;
    }
  }
}

/**
 * The decoding error of `obj` against the schema named `schemaName`, e.g. `json: cannot
 * unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`; undefined
 * when it decodes.
 */
export function decodeErrorOf(schemaName: string, obj: unknown): string | undefined {
  const root = SCHEMAS[schemaName];
  if (!root) return undefined;
  try {
    check({ $ref: `${REF_PREFIX}${schemaName}` }, obj, { struct: shortName(schemaName), path: '' });
    return undefined;
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
}
