import { describe, expect, it } from 'vitest';
import { findResource, groupVersions, RESOURCE_TYPES, resourceForKind, resourceForObject } from './registry';

describe('registry', () => {
  it('looks resources up', () => {
    expect(findResource('', 'v1', 'pods')?.kind).toBe('Pod');
    expect(findResource('apps', 'v1', 'deployments')?.kind).toBe('Deployment');
    expect(findResource('', 'v1', 'deployments')).toBeUndefined();
    expect(resourceForKind('apps', 'v1', 'ReplicaSet')?.plural).toBe('replicasets');
    expect(resourceForObject('apps/v1', 'Deployment')?.plural).toBe('deployments');
    expect(resourceForObject('v1', 'Node')?.storageKey).toBe('minions');
    expect(groupVersions()).toEqual([
      { group: '', version: 'v1' },
      { group: 'apps', version: 'v1' },
      { group: 'coordination.k8s.io', version: 'v1' },
    ]);
  });

  it('reports discovery data as kube-apiserver 1.32 does', () => {
    const summary = RESOURCE_TYPES.map((rt) => ({
      r: `${rt.group}/${rt.plural}`,
      kind: rt.kind,
      namespaced: rt.namespaced,
      short: rt.shortNames.join(','),
      cat: rt.categories.join(','),
      verbs: rt.verbs.join(','),
      sub: rt.subresources.map((s) => `${s.name}:${s.group}/${s.version}/${s.kind}:${s.verbs.join(',')}`),
      key: rt.storageKey,
    }));
    const all = 'create,delete,deletecollection,get,list,patch,update,watch';
    expect(summary).toEqual([
      { r: '/configmaps', kind: 'ConfigMap', namespaced: true, short: 'cm', cat: '', verbs: all, sub: [], key: 'configmaps' },
      { r: '/events', kind: 'Event', namespaced: true, short: 'ev', cat: '', verbs: all, sub: [], key: 'events' },
      {
        r: '/namespaces',
        kind: 'Namespace',
        namespaced: false,
        short: 'ns',
        cat: '',
        verbs: 'create,delete,get,list,patch,update,watch',
        sub: ['finalize:/v1/Namespace:update', 'status:/v1/Namespace:get,patch,update'],
        key: 'namespaces',
      },
      {
        r: '/nodes',
        kind: 'Node',
        namespaced: false,
        short: 'no',
        cat: '',
        verbs: all,
        sub: ['proxy:/v1/NodeProxyOptions:create,delete,get,patch,update', 'status:/v1/Node:get,patch,update'],
        key: 'minions',
      },
      {
        r: '/pods',
        kind: 'Pod',
        namespaced: true,
        short: 'po',
        cat: 'all',
        verbs: all,
        sub: [
          'attach:/v1/PodAttachOptions:create,get',
          'binding:/v1/Binding:create',
          'ephemeralcontainers:/v1/Pod:get,patch,update',
          'eviction:policy/v1/Eviction:create',
          'exec:/v1/PodExecOptions:create,get',
          'log:/v1/Pod:get',
          'portforward:/v1/PodPortForwardOptions:create,get',
          'proxy:/v1/PodProxyOptions:create,delete,get,patch,update',
          'status:/v1/Pod:get,patch,update',
        ],
        key: 'pods',
      },
      { r: '/secrets', kind: 'Secret', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'secrets' },
      {
        r: '/serviceaccounts',
        kind: 'ServiceAccount',
        namespaced: true,
        short: 'sa',
        cat: '',
        verbs: all,
        sub: ['token:authentication.k8s.io/v1/TokenRequest:create'],
        key: 'serviceaccounts',
      },
      {
        r: '/services',
        kind: 'Service',
        namespaced: true,
        short: 'svc',
        cat: 'all',
        verbs: all,
        sub: ['proxy:/v1/ServiceProxyOptions:create,delete,get,patch,update', 'status:/v1/Service:get,patch,update'],
        key: 'services/specs',
      },
      {
        r: 'apps/deployments',
        kind: 'Deployment',
        namespaced: true,
        short: 'deploy',
        cat: 'all',
        verbs: all,
        sub: ['scale:autoscaling/v1/Scale:get,patch,update', 'status:apps/v1/Deployment:get,patch,update'],
        key: 'deployments',
      },
      {
        r: 'apps/replicasets',
        kind: 'ReplicaSet',
        namespaced: true,
        short: 'rs',
        cat: 'all',
        verbs: all,
        sub: ['scale:autoscaling/v1/Scale:get,patch,update', 'status:apps/v1/ReplicaSet:get,patch,update'],
        key: 'replicasets',
      },
      { r: 'coordination.k8s.io/leases', kind: 'Lease', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'leases' },
    ]);
  });

  it('every kind supports metadata.name in field selectors and lists its fields', () => {
    for (const rt of RESOURCE_TYPES) {
      expect(rt.fieldLabels.supported).toContain('metadata.name');
      const fields = rt.fields({ metadata: { name: 'x', namespace: 'ns' } });
      expect(fields['metadata.name']).toBe('x');
    }
  });
});
