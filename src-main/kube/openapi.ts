/**
 * OpenAPI v3 as kube-apiserver serves it under /openapi/v3: the root lists one document per
 * group-version; each document has the resources' operations and every schema they reach, with
 * GVK and list-map extensions, so that kubectl's validation and `kubectl explain` work. Also the
 * unknown-field check behind `fieldValidation`.
 */
import type { KubeObject } from './object';
import { RESOURCE_TYPES } from './registry';
import type { ResourceType } from './resource-type';
import { KUBERNETES_VERSION } from './version';
import { resourcePaths } from './openapi/paths';
import { kindSchemaName, schemaClosure } from './openapi/schemas';
import { decodeErrorOf } from './openapi/decode-check';
import { unknownFieldsOf } from './openapi/unknown-fields';

export interface OpenApiRoot {
  paths: Record<string, { serverRelativeURL: string }>;
}

function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** FNV-1a (64-bit) of the document text, as an opaque upper-case hex cache key. */
function hashOf(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).toUpperCase().padStart(16, '0');
}

const documents = new Map<string, object>();

/** Stored kinds get OpenAPI documents; create-only reviews (nothing stored) are not described yet. */
const DESCRIBED = RESOURCE_TYPES.filter((rt) => rt.verbs.includes('patch'));

function buildDocument(group: string, version: string): object | undefined {
  const types = DESCRIBED.filter((rt) => rt.group === group && rt.version === version);
  if (types.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const rt of types) Object.assign(paths, resourcePaths(rt));
  const roots = types.flatMap((rt) => [kindSchemaName(group, version, rt.kind), kindSchemaName(group, version, rt.listKind)]);
  roots.push('io.k8s.apimachinery.pkg.apis.meta.v1.Patch', 'io.k8s.apimachinery.pkg.apis.meta.v1.Status');
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION.gitVersion },
    paths,
    components: {
      schemas: schemaClosure(roots),
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
  };
}

/** The document of one group-version (`''`, `v1` for the core group), or undefined when not served. */
export function openApiGroupVersion(group: string, version: string): object | undefined {
  const key = gvPath(group, version);
  if (!documents.has(key)) {
    const doc = buildDocument(group, version);
    if (!doc) return undefined;
    documents.set(key, doc);
  }
  return documents.get(key);
}

let root: OpenApiRoot | undefined;

/** GET /openapi/v3: where each group-version document is, with a hash that changes with its content. */
export function openApiRoot(): OpenApiRoot {
  if (root) return root;
  const paths: OpenApiRoot['paths'] = {};
  for (const rt of DESCRIBED) {
    const key = gvPath(rt.group, rt.version);
    if (paths[key]) continue;
    const doc = openApiGroupVersion(rt.group, rt.version);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(JSON.stringify(doc))}` };
  }
  root = { paths };
  return root;
}

/**
 * The fields of `obj` that `rt`'s schema does not know, as paths (`spec.foo`,
 * `spec.containers[0].imagee`); fieldValidation=Strict rejects them with `unknown field "<path>"`.
 */
export function unknownFields(rt: ResourceType, obj: KubeObject): string[] {
  return unknownFieldsOf(kindSchemaName(rt.group, rt.version, rt.kind), obj);
}

/**
 * What the apiserver's decoder says about a body of the wrong shape, as the whole 400 message:
 * `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string
 * into Go struct field DeploymentSpec.spec.replicas of type int32`. Undefined when it decodes.
 * Check it before defaulting: types are what decoding is about.
 */
export function decodeError(rt: ResourceType, obj: KubeObject): string | undefined {
  const err = decodeErrorOf(kindSchemaName(rt.group, rt.version, rt.kind), obj);
  if (err === undefined) return undefined;
  const kind = typeof obj.kind === 'string' && obj.kind !== '' ? obj.kind : rt.kind;
  return `${kind} in version ${JSON.stringify(rt.version)} cannot be handled as a ${rt.kind}: ${err}`;
}
