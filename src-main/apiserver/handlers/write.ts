/** CREATE, UPDATE (PUT) and PATCH of objects and of their status subresource. */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/object';
import { applyPatch, PatchError } from '../../kube/patch';
import * as errors from '../../kube/status';
import { decodeObjectBody, mediaType, parseBody } from '../decode-body';
import { readBody, writeJson } from '../http-util';
import { patchErrorStatus } from '../patch-status';
import { withTypeMeta } from './output';
import { checkName, checkUnknownFields, ensureNamespace, prepareCreate, prepareUpdate } from './prepare';
import { finishIfFinalized } from './delete';
import type { RequestScope } from './scope';

export async function handleCreate(scope: RequestScope, res: ServerResponse): Promise<void> {
  const body = await readBody(scope.req);
  const obj = decodeObjectBody(body, scope.req.headers['content-type'], scope.rt);
  checkUnknownFields(scope, res, obj);
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
    writeJson(res, 201, withTypeMeta(scope.rt, prepared));
    return;
  }
  const stored = await scope.storage.create(prepared);
  writeJson(res, 201, withTypeMeta(scope.rt, stored));
}

export async function handleUpdate(scope: RequestScope, res: ServerResponse): Promise<void> {
  const body = await readBody(scope.req);
  const obj = decodeObjectBody(body, scope.req.headers['content-type'], scope.rt);
  checkUnknownFields(scope, res, obj);
  checkName(obj, scope.name);
  ensureNamespace(scope, obj);
  const old = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  const next = await prepareUpdate(scope, obj, old);
  await writeUpdate(scope, res, next, old);
}

/** Stores an update (or, once the last finalizer of a deleted object is gone, deletes it). */
async function writeUpdate(scope: RequestScope, res: ServerResponse, next: KubeObject, old: KubeObject): Promise<void> {
  if (scope.dryRun) {
    writeJson(res, 200, withTypeMeta(scope.rt, next));
    return;
  }
  if (JSON.stringify(next) === JSON.stringify(old)) {
    writeJson(res, 200, withTypeMeta(scope.rt, old));
    return;
  }
  const stored = await scope.storage.update(next, Number(old.metadata.resourceVersion));
  const finished = await finishIfFinalized(scope, stored);
  writeJson(res, 200, withTypeMeta(scope.rt, finished ?? stored));
}

const PATCH_TYPES = new Set([
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
]);

export async function handlePatch(scope: RequestScope, res: ServerResponse): Promise<void> {
  const contentType = mediaType(scope.req.headers['content-type']);
  if (!PATCH_TYPES.has(contentType)) {
    throw errors.unsupportedMediaType(
      contentType,
      'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    );
  }
  const body = await readBody(scope.req);
  const patch = parseBody(body, contentType, scope.rt.kind);
  if (contentType === 'application/apply-patch+yaml') {
    await applyServerSide(scope, res, patch);
    return;
  }
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
    checkUnknownFields(scope, res, obj);
    checkName(obj, scope.name);
    ensureNamespace(scope, obj);
    // A resourceVersion the patch itself sets is a precondition; the one carried over is not.
    const rvInPatch = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
    if (rvInPatch === undefined) obj.metadata.resourceVersion = old.metadata.resourceVersion;
    const next = await prepareUpdate(scope, obj, old);
    try {
      await writeUpdate(scope, res, next, old);
      return;
    } catch (e) {
      // A write that raced another one is retried on the new object, as apiserver's patcher does.
      if (rvInPatch === undefined && e instanceof errors.StatusError && e.status.reason === 'Conflict' && attempt < 5) continue;
      throw e;
    }
  }
}

/**
 * Server-side apply, first version: creates the object when it is missing (201) and merges the
 * applied configuration into it otherwise (200). Field ownership (managedFields, conflicts) is
 * not tracked yet.
 */
async function applyServerSide(scope: RequestScope, res: ServerResponse, patch: unknown): Promise<void> {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw errors.badRequest('error decoding YAML: the applied configuration must be an object');
  }
  const applied = structuredClone(patch) as KubeObject;
  if (!applied.metadata || typeof applied.metadata !== 'object') applied.metadata = {};
  const existing = await scope.storage.get(scope.namespace, scope.name);
  if (!existing) {
    const body = Buffer.from(JSON.stringify(applied));
    const obj = decodeObjectBody(body, 'application/json', scope.rt);
    checkUnknownFields(scope, res, obj);
    checkName(obj, scope.name);
    ensureNamespace(scope, obj);
    const prepared = await prepareCreate(scope, obj);
    const stored = scope.dryRun ? prepared : await scope.storage.create(prepared);
    writeJson(res, 201, withTypeMeta(scope.rt, stored));
    return;
  }
  const current = withTypeMeta(scope.rt, structuredClone(existing));
  const merged = applyPatch('application/strategic-merge-patch+json', current, applied, {
    group: scope.rt.group,
    version: scope.rt.version,
    kind: scope.rt.kind,
  }) as KubeObject;
  checkUnknownFields(scope, res, merged);
  checkName(merged, scope.name);
  ensureNamespace(scope, merged);
  merged.metadata.resourceVersion = existing.metadata.resourceVersion;
  const next = await prepareUpdate(scope, merged, existing);
  await writeUpdate(scope, res, next, existing);
}
