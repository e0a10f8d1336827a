/**
 * DELETE and DELETECOLLECTION with DeleteOptions: preconditions, grace periods (pods on a node
 * are marked and left for their kubelet), finalizers (the object waits, marked, until they are
 * removed), dry run.
 */
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import { parseListQuery } from '../list-options';
import { renderList, withTypeMeta } from './output';
import type { RequestScope } from './scope';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
  orphanDependents?: boolean;
}

const POLICIES = new Set(['Orphan', 'Background', 'Foreground']);

/**
 * The effective DeleteOptions: the body's (if any), overridden by the query parameters, checked as
 * apiserver checks them.
 */
export function deleteOptions(scope: RequestScope, body: unknown): DeleteOptions {
  const opts: DeleteOptions = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as DeleteOptions) } : {};
  const q = scope.query;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) opts.gracePeriodSeconds = Number(grace);
  const policy = q.get('propagationPolicy');
  if (policy !== null) opts.propagationPolicy = policy;
  if (opts.propagationPolicy !== undefined && !POLICIES.has(opts.propagationPolicy)) {
    throw errors.invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [
      {
        type: 'FieldValueNotSupported',
        field: 'propagationPolicy',
        badValue: opts.propagationPolicy,
        detail: 'supported values: "Foreground", "Background", "Orphan", "nil"',
      },
    ]);
  }
  if (opts.gracePeriodSeconds !== undefined && (!Number.isInteger(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0)) {
    if (Number.isInteger(opts.gracePeriodSeconds)) opts.gracePeriodSeconds = 1;
    else throw errors.badRequest(`invalid gracePeriodSeconds: ${String(opts.gracePeriodSeconds)}`);
  }
  return opts;
}

function checkPreconditions(scope: RequestScope, obj: KubeObject, opts: DeleteOptions): void {
  const p = opts.preconditions;
  if (!p) return;
  const fail = (msg: string): never => {
    throw errors.conflict({ group: scope.rt.group, resource: scope.rt.plural }, obj.metadata.name ?? '', new Error(msg));
  };
  if (p.uid && p.uid !== obj.metadata.uid) {
    fail(`Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`);
  }
  if (p.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    fail(
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
}

/**
 * Deletes one object. Returns what the reply carries and whether it is gone from storage.
 */
async function deleteOne(scope: RequestScope, obj: KubeObject, opts: DeleteOptions): Promise<{ object: KubeObject; deleted: boolean }> {
  checkPreconditions(scope, obj, opts);
  const meta = obj.metadata;
  const grace = scope.strategy.gracePeriodSeconds(obj, opts.gracePeriodSeconds);
  // Foreground and Orphan deletion hand the object to the garbage collector through a finalizer.
  const gcFinalizer =
    opts.propagationPolicy === 'Foreground'
      ? 'foregroundDeletion'
      : opts.propagationPolicy === 'Orphan' || (opts.propagationPolicy === undefined && opts.orphanDependents === true)
        ? 'orphan'
        : undefined;
  const hasFinalizers = (meta.finalizers ?? []).length > 0 || scope.rt.plural === 'namespaces' || (gcFinalizer !== undefined && !meta.deletionTimestamp);
  if (meta.deletionTimestamp) {
    // Already being deleted: a shorter grace period may still be asked for.
    const current = meta.deletionGracePeriodSeconds ?? 0;
    if (grace === 0 && !hasFinalizers) {
      const gone = scope.dryRun ? obj : await scope.storage.delete(scope.namespace, meta.name ?? '', Number(meta.resourceVersion));
      return { object: gone, deleted: true };
    }
    if (grace < current) {
      const next = structuredClone(obj);
      next.metadata.deletionGracePeriodSeconds = grace;
      next.metadata.deletionTimestamp = new Date(scope.ctx.clock.now() + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { object: scope.dryRun ? next : await scope.storage.update(next, Number(meta.resourceVersion)), deleted: false };
    }
    return { object: obj, deleted: false };
  }
  if (grace > 0 || hasFinalizers) {
    const next = structuredClone(obj);
    next.metadata.deletionTimestamp = new Date(Math.floor(scope.ctx.clock.now() / 1000) * 1000 + grace * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    next.metadata.deletionGracePeriodSeconds = grace;
    if (gcFinalizer && !(next.metadata.finalizers ?? []).includes(gcFinalizer)) next.metadata.finalizers = [...(next.metadata.finalizers ?? []), gcFinalizer];
    if (scope.rt.plural === 'namespaces') next.status = { ...((next.status as object | undefined) ?? {}), phase: 'Terminating' };
    if (!next.metadata.generation && scope.strategy.tracksGeneration) next.metadata.generation = 1;
    const stored = scope.dryRun ? next : await scope.storage.update(next, Number(meta.resourceVersion));
    return { object: stored, deleted: false };
  }
  const gone = scope.dryRun ? obj : await scope.storage.delete(scope.namespace, meta.name ?? '', Number(meta.resourceVersion));
  return { object: gone, deleted: true };
}

/** After an update: a deleted object whose last finalizer went away is removed for good. */
export async function finishIfFinalized(scope: RequestScope, obj: KubeObject): Promise<KubeObject | undefined> {
  const meta = obj.metadata;
  if (!meta.deletionTimestamp || (meta.finalizers ?? []).length > 0) return undefined;
  if (scope.rt.plural === 'namespaces' && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0) {
    return undefined;
  }
  if ((meta.deletionGracePeriodSeconds ?? 0) > 0) return undefined;
  try {
    return await scope.storage.delete(scope.namespace, meta.name ?? '', Number(meta.resourceVersion));
  } catch (e) {
    if (e instanceof errors.StatusError && (e.status.reason === 'NotFound' || e.status.reason === 'Conflict')) return undefined;
    throw e;
  }
}

/** Kinds whose DELETE replies with the object itself rather than a Status. */
const RETURNS_OBJECT = new Set(['pods', 'services', 'namespaces', 'nodes']);

/**
 * Deletes the object named by the scope. The reply is the object (while it waits for its grace
 * period or finalizers, and for kinds upstream answers that way) or a success Status.
 */
export async function deleteObject(scope: RequestScope, opts: DeleteOptions): Promise<KubeObject> {
  const obj = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  const { object, deleted } = await deleteOne(scope, obj, opts);
  if (!deleted || RETURNS_OBJECT.has(scope.rt.plural)) return withTypeMeta(scope.rt, object);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: scope.name, group: scope.rt.group, kind: scope.rt.plural, uid: obj.metadata.uid },
  };
}

/** Deletes every object matching the scope's selectors; the reply is the list of what was deleted. */
export async function deleteCollection(scope: RequestScope, opts: DeleteOptions): Promise<unknown> {
  const q = parseListQuery(scope.rt, scope.query, scope.namespace);
  const list = await scope.storage.list({ namespace: scope.namespace || undefined, filter: q.filter });
  const results: KubeObject[] = [];
  for (const obj of list.items) {
    try {
      const nsScope = { ...scope, namespace: obj.metadata.namespace ?? '' };
      results.push((await deleteOne(nsScope, obj, opts)).object);
    } catch (e) {
      if (e instanceof errors.StatusError && e.status.reason === 'NotFound') continue;
      throw e;
    }
  }
  return renderList(scope.rt, results, { resourceVersion: String(scope.storage.currentRevision()) }, { kind: 'json' }, scope.ctx.clock.now());
}
