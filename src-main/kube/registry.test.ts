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
      { group: 'authentication.k8s.io', version: 'v1' },
      { group: 'authorization.k8s.io', version: 'v1' },
      { group: 'batch', version: 'v1' },
      { group: 'policy', version: 'v1' },
      { group: 'rbac.authorization.k8s.io', version: 'v1' },
      { group: 'coordination.k8s.io', version: 'v1' },
      { group: 'discovery.k8s.io', version: 'v1' },
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
      { r: '/endpoints', kind: 'Endpoints', namespaced: true, short: 'ep', cat: '', verbs: all, sub: [], key: 'services/endpoints' },
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
      { r: 'apps/controllerrevisions', kind: 'ControllerRevision', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'controllerrevisions' },
      { r: 'apps/daemonsets', kind: 'DaemonSet', namespaced: true, short: 'ds', cat: 'all', verbs: all, sub: ['status:apps/v1/DaemonSet:get,patch,update'], key: 'daemonsets' },
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
      {
        r: 'apps/statefulsets',
        kind: 'StatefulSet',
        namespaced: true,
        short: 'sts',
        cat: 'all',
        verbs: all,
        sub: ['scale:autoscaling/v1/Scale:get,patch,update', 'status:apps/v1/StatefulSet:get,patch,update'],
        key: 'statefulsets',
      },
      { r: 'authentication.k8s.io/selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, short: '', cat: '', verbs: 'create', sub: [], key: '' },
      { r: 'authorization.k8s.io/localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, short: '', cat: '', verbs: 'create', sub: [], key: '' },
      { r: 'authorization.k8s.io/selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, short: '', cat: '', verbs: 'create', sub: [], key: '' },
      { r: 'authorization.k8s.io/selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, short: '', cat: '', verbs: 'create', sub: [], key: '' },
      { r: 'authorization.k8s.io/subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, short: '', cat: '', verbs: 'create', sub: [], key: '' },
      { r: 'batch/cronjobs', kind: 'CronJob', namespaced: true, short: 'cj', cat: 'all', verbs: all, sub: ['status:batch/v1/CronJob:get,patch,update'], key: 'cronjobs' },
      { r: 'batch/jobs', kind: 'Job', namespaced: true, short: '', cat: 'all', verbs: all, sub: ['status:batch/v1/Job:get,patch,update'], key: 'jobs' },
      {
        r: 'policy/poddisruptionbudgets',
        kind: 'PodDisruptionBudget',
        namespaced: true,
        short: 'pdb',
        cat: '',
        verbs: all,
        sub: ['status:policy/v1/PodDisruptionBudget:get,patch,update'],
        key: 'poddisruptionbudgets',
      },
      { r: 'rbac.authorization.k8s.io/clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false, short: '', cat: '', verbs: all, sub: [], key: 'clusterrolebindings' },
      { r: 'rbac.authorization.k8s.io/clusterroles', kind: 'ClusterRole', namespaced: false, short: '', cat: '', verbs: all, sub: [], key: 'clusterroles' },
      { r: 'rbac.authorization.k8s.io/rolebindings', kind: 'RoleBinding', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'rolebindings' },
      { r: 'rbac.authorization.k8s.io/roles', kind: 'Role', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'roles' },
      { r: 'coordination.k8s.io/leases', kind: 'Lease', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'leases' },
      { r: 'discovery.k8s.io/endpointslices', kind: 'EndpointSlice', namespaced: true, short: '', cat: '', verbs: all, sub: [], key: 'endpointslices' },
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
