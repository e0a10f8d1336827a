import { describe, expect, it } from 'vitest';
import { lookupPath, mergeStrategy, NO_PATCH_META, patchMetaFor } from './patch-meta';

const POD = { group: '', version: 'v1', kind: 'Pod' };
const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

describe('patchMetaFor', () => {
  // [kind, path to the field, strategies, merge key]; tags as in k8s.io/api v0.32.
  it.each([
    [POD, 'metadata.finalizers', 'merge', ''],
    [POD, 'metadata.ownerReferences', 'merge', 'uid'],
    [POD, 'metadata.labels', '', ''],
    [POD, 'metadata.managedFields', '', ''],
    [POD, 'spec.containers', 'merge', 'name'],
    [POD, 'spec.initContainers', 'merge', 'name'],
    [POD, 'spec.ephemeralContainers', 'merge', 'name'],
    [POD, 'spec.containers.ports', 'merge', 'containerPort'],
    [POD, 'spec.containers.env', 'merge', 'name'],
    [POD, 'spec.containers.envFrom', '', ''],
    [POD, 'spec.containers.volumeMounts', 'merge', 'mountPath'],
    [POD, 'spec.containers.volumeDevices', 'merge', 'devicePath'],
    [POD, 'spec.ephemeralContainers.env', 'merge', 'name'],
    [POD, 'spec.volumes', 'merge,retainKeys', 'name'],
    [POD, 'spec.volumes.ephemeral.volumeClaimTemplate.metadata.finalizers', 'merge', ''],
    [POD, 'spec.imagePullSecrets', 'merge', 'name'],
    [POD, 'spec.hostAliases', 'merge', 'ip'],
    [POD, 'spec.topologySpreadConstraints', 'merge', 'topologyKey'],
    [POD, 'spec.schedulingGates', 'merge', 'name'],
    [POD, 'spec.resourceClaims', 'merge,retainKeys', 'name'],
    [POD, 'spec.tolerations', '', ''],
    [POD, 'spec.readinessGates', '', ''],
    [POD, 'status.conditions', 'merge', 'type'],
    [POD, 'status.podIPs', 'merge', 'ip'],
    [POD, 'status.hostIPs', 'merge', 'ip'],
    [POD, 'status.containerStatuses', '', ''],
    [POD, 'status.containerStatuses.volumeMounts', 'merge', 'mountPath'],
    [DEPLOYMENT, 'spec.template.spec.containers', 'merge', 'name'],
    [DEPLOYMENT, 'spec.template.spec.containers.ports', 'merge', 'containerPort'],
    [DEPLOYMENT, 'spec.template.metadata.finalizers', 'merge', ''],
    [DEPLOYMENT, 'spec.strategy', 'retainKeys', ''],
    [DEPLOYMENT, 'status.conditions', 'merge', 'type'],
    [{ group: 'apps', version: 'v1', kind: 'ReplicaSet' }, 'spec.template.spec.volumes', 'merge,retainKeys', 'name'],
    [{ group: 'apps', version: 'v1', kind: 'StatefulSet' }, 'spec.volumeClaimTemplates.metadata.ownerReferences', 'merge', 'uid'],
    [{ group: 'batch', version: 'v1', kind: 'CronJob' }, 'spec.jobTemplate.spec.template.spec.containers', 'merge', 'name'],
    [{ group: '', version: 'v1', kind: 'Service' }, 'spec.ports', 'merge', 'port'],
    [{ group: '', version: 'v1', kind: 'Service' }, 'status.conditions', 'merge', 'type'],
    [{ group: '', version: 'v1', kind: 'Node' }, 'spec.taints', '', ''],
    [{ group: '', version: 'v1', kind: 'Node' }, 'spec.podCIDRs', 'merge', ''],
    [{ group: '', version: 'v1', kind: 'Node' }, 'status.addresses', 'merge', 'type'],
    [{ group: '', version: 'v1', kind: 'Namespace' }, 'spec.finalizers', '', ''],
    [{ group: '', version: 'v1', kind: 'Namespace' }, 'metadata.finalizers', 'merge', ''],
    [{ group: '', version: 'v1', kind: 'ServiceAccount' }, 'secrets', 'merge', 'name'],
    [{ group: '', version: 'v1', kind: 'ConfigMap' }, 'metadata.ownerReferences', 'merge', 'uid'],
    [{ group: '', version: 'v1', kind: 'Secret' }, 'data', '', ''],
    [{ group: '', version: 'v1', kind: 'Event' }, 'metadata.finalizers', 'merge', ''],
    [{ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' }, 'spec.selector', 'replace', ''],
    [{ group: 'example.com', version: 'v1', kind: 'Widget' }, 'spec.items', '', ''],
    [{ group: 'example.com', version: 'v1', kind: 'Widget' }, 'metadata.finalizers', '', ''],
  ])('%o %s', (gvk, path, strategies, mergeKey) => {
    const field = lookupPath(patchMetaFor(gvk), path.split('.'));
    expect(field.strategies.join(',')).toBe(strategies);
    expect(field.mergeKey).toBe(mergeKey);
  });

  it('gives unknown kinds no metadata at all', () => {
    expect(patchMetaFor({ group: 'example.com', version: 'v1', kind: 'Widget' })).toBe(NO_PATCH_META);
    expect(patchMetaFor({ group: 'apps', version: 'v1beta1', kind: 'Deployment' })).toBe(NO_PATCH_META);
  });

  it('does not mistake Object.prototype members for fields', () => {
    const field = lookupPath(patchMetaFor(POD), ['spec', 'constructor', '__proto__', 'toString']);
    expect(field.strategies).toEqual([]);
    expect(field.mergeKey).toBe('');
  });

  it.each([
    [[], ''],
    [['merge'], 'merge'],
    [['retainKeys'], ''],
    [['merge', 'retainKeys'], 'merge'],
    [['replace'], 'replace'],
  ] as const)('mergeStrategy(%o) is %o', (strategies, expected) => {
    expect(mergeStrategy({ strategies, mergeKey: '', meta: NO_PATCH_META })).toBe(expected);
  });
});
