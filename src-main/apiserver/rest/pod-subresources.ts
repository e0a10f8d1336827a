/**
 * pods/binding (what the scheduler posts to place a pod on a node) and pods/eviction (what
 * `kubectl drain` posts). Both answer with a success Status, as upstream.
 */
import type { KubeObject } from '../../kube/object';
import * as field from '../../kube/field-error';
import * as errors from '../../kube/status';
import { deleteObject, deleteOptions } from './delete';
import type { RequestScope } from './scope';

const CREATED: KubeObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } as KubeObject;

interface Binding {
  metadata?: { name?: string; annotations?: Record<string, string> };
  target?: { kind?: string; name?: string };
}

export async function bindPod(scope: RequestScope, body: unknown): Promise<KubeObject> {
  const binding = (body ?? {}) as Binding;
  if ((binding.metadata?.name ?? '') !== scope.name) throw errors.badRequest('name in URL does not match name in Binding object');
  const target = binding.target ?? {};
  const causes: field.FieldError[] = [];
  if (target.kind !== undefined && target.kind !== '' && target.kind !== 'Node') causes.push(field.notSupported('target.kind', target.kind, ['Node', '']));
  if (!target.name) causes.push(field.required('target.name'));
  if (causes.length > 0) throw errors.invalid({ group: '', kind: 'Binding' }, scope.name, causes);
  const resource = { group: '', resource: 'pods/binding' };
  const now = scope.ctx.timestamp();
  const mutate = (pod: KubeObject): KubeObject => {
    const spec = (pod.spec ?? {}) as { nodeName?: string; schedulingGates?: unknown[] };
    if (pod.metadata.deletionTimestamp) {
      throw errors.conflict(resource, scope.name, new Error(`pod ${scope.name} is being deleted, cannot be assigned to a host`));
    }
    if (spec.nodeName) {
      throw errors.conflict(resource, scope.name, new Error(`pod ${scope.name} is already assigned to node ${JSON.stringify(spec.nodeName)}`));
    }
    if ((spec.schedulingGates ?? []).length > 0) {
      throw errors.conflict(resource, scope.name, new Error(`pod ${scope.name} has non-empty .spec.schedulingGates`));
    }
    spec.nodeName = target.name;
    pod.spec = spec;
    if (binding.metadata?.annotations) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), ...binding.metadata.annotations };
    const status = (pod.status ?? {}) as { conditions?: { type: string; status: string; lastTransitionTime?: string | null; lastProbeTime?: null }[] };
    const conditions = status.conditions ?? [];
    const existing = conditions.find((c) => c.type === 'PodScheduled');
    if (existing) {
      if (existing.status !== 'True') existing.lastTransitionTime = now;
      existing.status = 'True';
      delete (existing as { reason?: string }).reason;
      delete (existing as { message?: string }).message;
    } else {
      conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    }
    status.conditions = conditions;
    pod.status = status;
    return pod;
  };
  if (scope.dryRun) mutate(await scope.storage.getOrNotFound(scope.namespace, scope.name));
  else await scope.storage.guaranteedUpdate(scope.namespace, scope.name, mutate);
  return structuredClone(CREATED);
}

interface Eviction {
  metadata?: { name?: string };
  deleteOptions?: unknown;
}

/**
 * Evicts a pod: deletes it with the eviction's DeleteOptions. PodDisruptionBudgets are not
 * served yet, so no budget can refuse it.
 */
export async function evictPod(scope: RequestScope, body: unknown): Promise<KubeObject> {
  const eviction = (body ?? {}) as Eviction;
  if ((eviction.metadata?.name ?? '') !== scope.name) throw errors.badRequest('name in URL does not match name in Eviction object');
  const pods = { ...scope, subresource: '' };
  await deleteObject(pods, deleteOptions(pods, eviction.deleteOptions ?? {}));
  return structuredClone(CREATED);
}
