/**
 * The checks and fill-ins every write goes through before it reaches storage, in apiserver's order:
 * decode → defaults → server-set metadata → strategy → validation → admission (namespace lifecycle).
 */
import type { KubeObject } from '../../kube/object';
import { applyDefaults } from '../../kube/defaults';
import { validateCreate, validateUpdate } from '../../kube/validation';
import { generateName } from '../../kube/names';
import { decodeError, unknownFields } from '../../kube/openapi';
import * as errors from '../../kube/status';
import { admitCreate } from '../admission/admission';
import type { RequestScope } from './scope';

/** fieldValidation=Strict|Warn|Ignore (default Warn): what to do with fields the schema lacks. */
export function checkUnknownFields(scope: RequestScope, obj: KubeObject): void {
  const mode = scope.query.get('fieldValidation') ?? 'Warn';
  if (mode !== 'Strict' && mode !== 'Warn' && mode !== 'Ignore') {
    throw errors.badRequest(`fieldValidation parameter unsupported: ${JSON.stringify(mode)}`);
  }
  if (mode === 'Ignore') return;
  const unknown = unknownFields(scope.rt, obj);
  if (unknown.length === 0) return;
  const messages = unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
  if (mode === 'Strict') {
    const detail = messages.length === 1 ? messages[0] : messages.join(', ');
    throw errors.badRequest(
      `${scope.rt.kind} in version ${JSON.stringify(scope.rt.version)} cannot be handled as a ${scope.rt.kind}: strict decoding error: ${detail}`,
    );
  }
  scope.warnings.push(...messages);
}

/** A body whose fields have the wrong JSON types fails as Go's decoder fails it (400). */
export function checkDecodable(scope: RequestScope, obj: KubeObject): void {
  const message = decodeError(scope.rt, obj);
  if (message !== undefined) throw errors.badRequest(message);
}

/** The object's namespace must be the URL's (or empty, then it takes the URL's). */
export function ensureNamespace(scope: RequestScope, obj: KubeObject): void {
  const requested = scope.rt.namespaced ? scope.namespace : '';
  const own = obj.metadata.namespace ?? '';
  if (own === requested) return;
  if (own === '') {
    obj.metadata.namespace = requested;
    return;
  }
  if (requested === '') {
    delete obj.metadata.namespace;
    return;
  }
  throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
}

export function checkName(obj: KubeObject, name: string): void {
  const own = obj.metadata.name ?? '';
  if (own !== name) {
    throw errors.badRequest(`the name of the object (${own}) does not match the name on the URL (${name})`);
  }
}

/** NamespaceLifecycle admission: no new objects in a namespace that is missing or terminating. */
export async function admitNamespace(scope: RequestScope, name: string): Promise<void> {
  if (!scope.rt.namespaced) return;
  const nsType = scope.ctx.namespaces;
  const ns = await scope.ctx.storage(nsType).get('', scope.namespace);
  if (!ns) throw errors.notFound({ group: '', resource: 'namespaces' }, scope.namespace);
  const phase = (ns.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Terminating') {
    const err = errors.forbidden(
      { group: scope.rt.group, resource: scope.rt.plural },
      name,
      new Error(`unable to create new content in namespace ${scope.namespace} because it is being terminated`),
    );
    err.status.details = {
      ...(err.status.details ?? {}),
      causes: [
        { reason: 'NamespaceTerminating', message: `namespace ${scope.namespace} is being terminated`, field: 'metadata.namespace' },
      ],
    };
    throw err;
  }
}

function invalid(scope: RequestScope, name: string, causes: ReturnType<typeof validateCreate>): errors.StatusError {
  return errors.invalid({ group: scope.rt.group, kind: scope.rt.kind }, name, causes);
}

/** Fills in what the server owns on create and validates; the result is ready to store. */
export async function prepareCreate(scope: RequestScope, obj: KubeObject): Promise<KubeObject> {
  checkDecodable(scope, obj);
  const meta = obj.metadata;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, scope.ctx.rand);
  applyDefaults(scope.rt, obj);
  await admitCreate(scope, obj);
  meta.uid = scope.ctx.newUid();
  meta.creationTimestamp = scope.ctx.timestamp();
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.resourceVersion;
  delete meta.generation;
  await scope.strategy.prepareForCreate(obj, scope.ctx.strategyContext());
  const problems = validateCreate(scope.rt, obj);
  if (problems.length > 0) throw invalid(scope, meta.name ?? '', problems);
  await admitNamespace(scope, meta.name ?? '');
  return obj;
}

/**
 * Prepares `obj` to replace `old` through the main resource or a subresource. Metadata the server
 * owns is carried over; a stale resourceVersion is a Conflict.
 */
export async function prepareUpdate(scope: RequestScope, obj: KubeObject, old: KubeObject): Promise<KubeObject> {
  checkDecodable(scope, obj);
  const meta = obj.metadata;
  const oldMeta = old.metadata;
  if (meta.resourceVersion && meta.resourceVersion !== oldMeta.resourceVersion) {
    throw errors.conflict(
      { group: scope.rt.group, resource: scope.rt.plural },
      oldMeta.name ?? '',
      new Error('the object has been modified; please apply your changes to the latest version and try again'),
    );
  }
  applyDefaults(scope.rt, obj);
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  meta.deletionTimestamp = oldMeta.deletionTimestamp;
  meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
  if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
  meta.generation = oldMeta.generation;
  if (meta.generation === undefined) delete meta.generation;
  meta.resourceVersion = oldMeta.resourceVersion;
  let next = obj;
  if (scope.subresource === 'status') {
    next = structuredClone(old);
    next.status = obj.status;
  } else if (scope.subresource === 'finalize') {
    // namespaces/finalize: only spec.finalizers changes.
    next = structuredClone(old);
    const finalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers;
    next.spec = { ...((old.spec as object | undefined) ?? {}), finalizers };
    if (finalizers === undefined) delete (next.spec as { finalizers?: string[] }).finalizers;
  } else {
    await scope.strategy.prepareForUpdate(obj, old, scope.ctx.strategyContext());
  }
  const problems = validateUpdate(scope.rt, next, old);
  if (problems.length > 0) throw invalid(scope, meta.name ?? '', problems);
  return next;
}
