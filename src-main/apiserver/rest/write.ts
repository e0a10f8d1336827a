/** CREATE, UPDATE and PATCH of objects and of their status subresource, on decoded bodies. */
import type { KubeObject } from '../../kube/object';
import { applyPatch, PatchError } from '../../kube/patch';
import * as errors from '../../kube/status';
import { decodeObjectBody } from '../decode-body';
import { patchErrorStatus } from '../patch-status';
import { finishIfFinalized } from './delete';
import { withTypeMeta } from './output';
import { checkName, checkUnknownFields, ensureNamespace, prepareCreate, prepareUpdate } from './prepare';
import type { RequestScope } from './scope';

/** Creates `obj` (already decoded and checked against the URL's kind); returns what was stored. */
export async function createObject(scope: RequestScope, obj: KubeObject): Promise<KubeObject> {
  checkUnknownFields(scope, obj);
  ensureNamespace(scope, obj);
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw errors.invalid({ group: scope.rt.group, kind: scope.rt.kind }, '', [
      { type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' },
    ]);
  }
  const prepared = await prepareCreate(scope, obj);
  if (scope.dryRun) {
    const existing = await scope.storage.get(scope.namespace, prepared.metadata.name ?? '');
    if (existing) throw errors.alreadyExists({ group: scope.rt.group, resource: scope.rt.plural }, prepared.metadata.name ?? '');
    return withTypeMeta(scope.rt, prepared);
  }
  return withTypeMeta(scope.rt, await scope.storage.create(prepared));
}

/** Replaces the object named by the scope (or its status) with `obj`. */
export async function updateObject(scope: RequestScope, obj: KubeObject): Promise<KubeObject> {
  checkUnknownFields(scope, obj);
  checkName(obj, scope.name);
  ensureNamespace(scope, obj);
  const old = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  const next = await prepareUpdate(scope, obj, old);
  return writeUpdate(scope, next, old);
}

/** Stores an update (or, once the last finalizer of a deleted object is gone, deletes it). */
async function writeUpdate(scope: RequestScope, next: KubeObject, old: KubeObject): Promise<KubeObject> {
  if (scope.dryRun) return withTypeMeta(scope.rt, next);
  if (JSON.stringify(next) === JSON.stringify(old)) return withTypeMeta(scope.rt, old);
  const stored = await scope.storage.update(next, Number(old.metadata.resourceVersion));
  const finished = await finishIfFinalized(scope, stored);
  return withTypeMeta(scope.rt, finished ?? stored);
}

export const PATCH_TYPES = new Set([
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
]);

export type PatchResult = { object: KubeObject; created: boolean };

/** Applies a parsed patch of `contentType` to the object named by the scope (or its status). */
export async function patchObject(scope: RequestScope, contentType: string, patch: unknown): Promise<PatchResult> {
  if (!PATCH_TYPES.has(contentType)) {
    throw errors.unsupportedMediaType(
      contentType,
      'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    );
  }
  if (contentType === 'application/apply-patch+yaml') return applyServerSide(scope, patch);
  if (contentType !== 'application/json-patch+json' && (patch === null || typeof patch !== 'object' || Array.isArray(patch))) {
    throw errors.badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  for (let attempt = 0; ; attempt++) {
    const old = await scope.storage.getOrNotFound(scope.namespace, scope.name);
    const current = withTypeMeta(scope.rt, structuredClone(old));
    let patched: unknown;
    try {
      patched = applyPatch(contentType, current, patch, { group: scope.rt.group, version: scope.rt.version, kind: scope.rt.kind });
    } catch (e) {
      if (e instanceof PatchError) throw patchErrorStatus(e);
      throw e;
    }
    if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) {
      throw errors.badRequest('the patch produced something that is not an object');
    }
    const obj = patched as KubeObject;
    if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
    obj.apiVersion = current.apiVersion;
    obj.kind = current.kind;
    checkUnknownFields(scope, obj);
    checkName(obj, scope.name);
    ensureNamespace(scope, obj);
    // A resourceVersion the patch itself sets is a precondition; the one carried over is not.
    const rvInPatch = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
    if (rvInPatch === undefined) obj.metadata.resourceVersion = old.metadata.resourceVersion;
    const next = await prepareUpdate(scope, obj, old);
    try {
      return { object: await writeUpdate(scope, next, old), created: false };
    } catch (e) {
      // A write that raced another one is retried on the new object, as apiserver's patcher does.
      if (rvInPatch === undefined && e instanceof errors.StatusError && e.status.reason === 'Conflict' && attempt < 5) continue;
      throw e;
    }
  }
}

/**
 * Server-side apply, first version: creates the object when it is missing and merges the
 * applied configuration into it otherwise. Field ownership (managedFields, conflicts) is not
 * tracked yet.
 */
async function applyServerSide(scope: RequestScope, patch: unknown): Promise<PatchResult> {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw errors.badRequest('error decoding YAML: the applied configuration must be an object');
  }
  const applied = structuredClone(patch) as KubeObject;
  if (!applied.metadata || typeof applied.metadata !== 'object') applied.metadata = {};
  const existing = await scope.storage.get(scope.namespace, scope.name);
  if (!existing) {
    const obj = decodeObjectBody(Buffer.from(JSON.stringify(applied)), 'application/json', scope.rt);
    checkUnknownFields(scope, obj);
    checkName(obj, scope.name);
    ensureNamespace(scope, obj);
    const prepared = await prepareCreate(scope, obj);
    const stored = scope.dryRun ? prepared : await scope.storage.create(prepared);
    return { object: withTypeMeta(scope.rt, stored), created: true };
  }
  const current = withTypeMeta(scope.rt, structuredClone(existing));
  const merged = applyPatch('application/strategic-merge-patch+json', current, applied, {
    group: scope.rt.group,
    version: scope.rt.version,
    kind: scope.rt.kind,
  }) as KubeObject;
  checkUnknownFields(scope, merged);
  checkName(merged, scope.name);
  ensureNamespace(scope, merged);
  merged.metadata.resourceVersion = existing.metadata.resourceVersion;
  const next = await prepareUpdate(scope, merged, existing);
  return { object: await writeUpdate(scope, next, existing), created: false };
}
