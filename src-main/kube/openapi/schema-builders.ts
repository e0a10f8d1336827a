/**
 * A small vocabulary for writing OpenAPI v3 schemas the way kube-apiserver publishes them
 * (`allOf: [$ref]` for nested structs, `int32`/`int64` formats, list-map extensions, ...).
 */

export type Schema = { [key: string]: unknown };

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const PREFIXES: Record<string, string> = {
  core: 'io.k8s.api.core.v1',
  apps: 'io.k8s.api.apps.v1',
  batch: 'io.k8s.api.batch.v1',
  policy: 'io.k8s.api.policy.v1',
  discovery: 'io.k8s.api.discovery.v1',
  coordination: 'io.k8s.api.coordination.v1',
  rbac: 'io.k8s.api.rbac.v1',
  meta: 'io.k8s.apimachinery.pkg.apis.meta.v1',
};

/** `core.Pod` → `io.k8s.api.core.v1.Pod`; names with no known prefix are used as given. */
export function fullName(short: string): string {
  const dot = short.indexOf('.');
  const prefix = dot > 0 ? PREFIXES[short.slice(0, dot)] : undefined;
  return prefix ? `${prefix}.${short.slice(dot + 1)}` : short;
}

export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

function described(schema: Schema, description?: string): Schema {
  return description ? { ...schema, description } : schema;
}

export function string(description?: string, values?: readonly string[]): Schema {
  const s: Schema = described({ type: 'string' }, description);
  if (values) s.enum = [...values];
  return s;
}

export function int32(description?: string): Schema {
  return described({ type: 'integer', format: 'int32' }, description);
}

export function int64(description?: string): Schema {
  return described({ type: 'integer', format: 'int64' }, description);
}

export function boolean(description?: string): Schema {
  return described({ type: 'boolean' }, description);
}

export function number(description?: string): Schema {
  return described({ type: 'number', format: 'double' }, description);
}

/** A field holding another named schema (kube's form: a one-element allOf). */
export function ref(short: string, description?: string): Schema {
  return described({ allOf: [{ $ref: `#/components/schemas/${fullName(short)}` }] }, description);
}

export interface ListOptions {
  /** x-kubernetes-list-type: atomic, set or map. */
  listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys (for listType map). */
  mapKeys?: string[];
  /** x-kubernetes-patch-merge-key. */
  mergeKey?: string;
  /** x-kubernetes-patch-strategy, e.g. `merge` or `merge,retainKeys`. */
  strategy?: string;
}

function listExtensions(opts: ListOptions): Schema {
  const ext: Schema = {};
  if (opts.mapKeys) ext['x-kubernetes-list-map-keys'] = opts.mapKeys;
  if (opts.listType) ext['x-kubernetes-list-type'] = opts.listType;
  if (opts.mergeKey) ext['x-kubernetes-patch-merge-key'] = opts.mergeKey;
  if (opts.strategy) ext['x-kubernetes-patch-strategy'] = opts.strategy;
  return ext;
}

export function list(items: Schema, description?: string, opts: ListOptions = {}): Schema {
  return described({ type: 'array', items, ...listExtensions(opts) }, description);
}

export function refList(short: string, description?: string, opts: ListOptions = {}): Schema {
  return list({ allOf: [{ $ref: `#/components/schemas/${fullName(short)}` }], default: {} }, description, opts);
}

export function stringList(description?: string, opts: ListOptions = { listType: 'atomic' }): Schema {
  return list({ type: 'string', default: '' }, description, opts);
}

export function stringMap(description?: string): Schema {
  return described({ type: 'object', additionalProperties: { type: 'string', default: '' } }, description);
}

export function quantityMap(description?: string): Schema {
  return described({ type: 'object', additionalProperties: { $ref: `#/components/schemas/${QUANTITY}` } }, description);
}

export function quantity(description?: string): Schema {
  return ref(QUANTITY, description);
}

export function intOrString(description?: string): Schema {
  return ref(INT_OR_STRING, description);
}

export function time(description?: string): Schema {
  return ref('meta.Time', description);
}

/** An object whose contents we do not model: anything is accepted and nothing is reported as unknown. */
export function freeform(description?: string): Schema {
  return described({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, description);
}

export interface ObjectOptions {
  required?: string[];
  /** Accept fields beyond `properties` (for objects modelled only in part, e.g. statuses). */
  preserveUnknown?: boolean;
  gvk?: GroupVersionKind;
  /** x-kubernetes-map-type, e.g. `atomic` for references. */
  mapType?: string;
  /** Extra top-level keys (x-kubernetes-unions, ...). */
  extra?: Schema;
}

/** A named struct: properties in alphabetical order, as kube's generator emits them. */
export function object(description: string, properties: Record<string, Schema>, opts: ObjectOptions = {}): Schema {
  const sorted: Record<string, Schema> = {};
  for (const k of Object.keys(properties).sort()) sorted[k] = properties[k];
  const s: Schema = { description, type: 'object', properties: sorted };
  if (opts.required && opts.required.length > 0) s.required = [...opts.required];
  if (opts.preserveUnknown) s['x-kubernetes-preserve-unknown-fields'] = true;
  if (opts.gvk) s['x-kubernetes-group-version-kind'] = [{ group: opts.gvk.group, kind: opts.gvk.kind, version: opts.gvk.version }];
  if (opts.mapType) s['x-kubernetes-map-type'] = opts.mapType;
  if (opts.extra) Object.assign(s, opts.extra);
  return s;
}

/** The apiVersion/kind/metadata trio every top-level kind starts with. */
export function typeMeta(): Record<string, Schema> {
  return {
    apiVersion: string('The versioned schema of this object; the server converts known versions to its own.'),
    kind: string('The kind of object this is, in CamelCase; the server may infer it from the URL.'),
  };
}

export function objectMetaField(): Schema {
  return { ...ref('meta.ObjectMeta', "The object's standard metadata: name, namespace, labels, annotations, ..."), default: {} };
}

/** A `<Kind>List` schema with its GVK. */
export function listKind(itemShort: string, gvk: GroupVersionKind, description: string): Schema {
  return object(
    description,
    {
      ...typeMeta(),
      items: refList(itemShort, `The ${gvk.kind.replace(/List$/, '')} objects.`),
      metadata: { ...ref('meta.ListMeta', 'Standard list metadata: resourceVersion and continue token.'), default: {} },
    },
    { required: ['items'], gvk },
  );
}
