/** The scale subresource (autoscaling/v1 Scale) of Deployments and ReplicaSets. */
import type { KubeObject } from '../../kube/object';
import { labelSelectorFromMeta, selectorString } from '../../kube/labels';
import { applyPatch, PatchError } from '../../kube/patch';
import * as errors from '../../kube/status';
import { patchErrorStatus } from '../patch-status';
import { prepareUpdate } from './prepare';
import type { RequestScope } from './scope';

interface Scalable {
  spec?: { replicas?: number; selector?: Parameters<typeof labelSelectorFromMeta>[0] };
  status?: { replicas?: number };
}

function toScale(obj: KubeObject): KubeObject {
  const s = obj as KubeObject & Scalable;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: s.spec?.replicas ?? 0 },
    status: {
      replicas: s.status?.replicas ?? 0,
      selector: selectorString(labelSelectorFromMeta(s.spec?.selector)),
    },
  };
}

export async function getScale(scope: RequestScope): Promise<KubeObject> {
  return toScale(await scope.storage.getOrNotFound(scope.namespace, scope.name));
}

/**
 * Sets spec.replicas from a Scale (update) or from a patch of the current Scale (patch, with the
 * patch's content type); returns the new Scale.
 */
export async function updateScale(scope: RequestScope, change: { scale: unknown } | { patch: unknown; contentType: string }): Promise<KubeObject> {
  const old = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  let scale: unknown;
  if ('scale' in change) {
    scale = change.scale;
  } else {
    try {
      scale = applyPatch(change.contentType, toScale(old), change.patch, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    } catch (e) {
      if (e instanceof PatchError) throw patchErrorStatus(e);
      throw e;
    }
  }
  const replicas = (scale as { spec?: { replicas?: unknown } } | null)?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid({ group: 'autoscaling', kind: 'Scale' }, scope.name, [
      { type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas ?? null, detail: 'must be greater than or equal to 0' },
    ]);
  }
  const rv = (scale as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
  const next = structuredClone(old) as KubeObject & Scalable;
  next.spec = { ...(next.spec ?? {}), replicas };
  if (rv) next.metadata.resourceVersion = rv;
  const prepared = await prepareUpdate({ ...scope, subresource: '' }, next, old);
  const stored = scope.dryRun ? prepared : await scope.storage.update(prepared, Number(old.metadata.resourceVersion));
  return toScale(stored);
}
