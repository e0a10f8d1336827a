/** The scale subresource (autoscaling/v1 Scale) of Deployments and ReplicaSets. */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/object';
import { labelSelectorFromMeta, selectorString } from '../../kube/labels';
import { applyPatch, PatchError } from '../../kube/patch';
import * as errors from '../../kube/status';
import { mediaType, parseBody } from '../decode-body';
import { readBody, writeJson } from '../http-util';
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

export async function handleScale(scope: RequestScope, res: ServerResponse): Promise<void> {
  const { req } = scope;
  const old = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  if (req.method === 'GET') {
    writeJson(res, 200, toScale(old));
    return;
  }
  if (req.method !== 'PUT' && req.method !== 'PATCH') {
    throw errors.methodNotSupported({ group: scope.rt.group, resource: `${scope.rt.plural}/scale` }, req.method ?? '');
  }
  const body = await readBody(req);
  const contentType = mediaType(req.headers['content-type']);
  let scale: unknown;
  if (req.method === 'PUT') {
    scale = parseBody(body, contentType, 'Scale');
  } else {
    try {
      scale = applyPatch(contentType, toScale(old), parseBody(body, contentType, 'Scale'), {
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
      });
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
  writeJson(res, 200, toScale(stored));
}
