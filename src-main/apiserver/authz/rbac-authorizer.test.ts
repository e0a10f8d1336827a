import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/object';
import type { UserInfo } from '../authn';
import { forbiddenReason, type Attributes } from './attributes';
import { authorize, rulesFor, type RbacPolicy } from './rbac-authorizer';

const jane: UserInfo = { username: 'jane', groups: ['devs', 'system:authenticated'] };
const sa: UserInfo = { username: 'system:serviceaccount:team:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'] };

function attrs(over: Partial<Attributes>): Attributes {
  return { user: jane, verb: 'get', isResourceRequest: true, apiGroup: '', resource: 'pods', subresource: '', namespace: 'default', name: '', path: '', ...over };
}

const obj = (kind: string, name: string, rest: Record<string, unknown>, namespace?: string): KubeObject => ({ kind, metadata: { name, namespace }, ...rest });

const policy: RbacPolicy = {
  clusterRoles: new Map([
    ['view', obj('ClusterRole', 'view', { rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['', 'apps'], resources: ['pods', 'pods/log', 'deployments', 'deployments/scale'] }] })],
    ['node-reader', obj('ClusterRole', 'node-reader', { rules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'], resourceNames: ['worker-1'] }, { verbs: ['get'], nonResourceURLs: ['/healthz', '/metrics*'] }] })],
  ]),
  clusterRoleBindings: [obj('ClusterRoleBinding', 'readers', { roleRef: { kind: 'ClusterRole', name: 'node-reader' }, subjects: [{ kind: 'Group', name: 'devs' }] })],
  roles: new Map([['team/deployer', obj('Role', 'deployer', { rules: [{ verbs: ['*'], apiGroups: ['apps'], resources: ['*'] }] }, 'team')]]),
  roleBindings: (ns) =>
    ns === 'default'
      ? [obj('RoleBinding', 'jane-view', { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }] }, 'default')]
      : ns === 'team'
        ? [obj('RoleBinding', 'builder', { roleRef: { kind: 'Role', name: 'deployer' }, subjects: [{ kind: 'ServiceAccount', name: 'builder' }] }, 'team')]
        : [],
};

describe('RBAC authorizer', () => {
  it.each([
    ['a ClusterRole bound in the namespace', attrs({ verb: 'list' }), true],
    ['a subresource named in the rule', attrs({ subresource: 'log' }), true],
    ['a subresource not named', attrs({ subresource: 'exec', verb: 'create' }), false],
    ['a verb not granted', attrs({ verb: 'delete' }), false],
    ['another namespace', attrs({ namespace: 'kube-system' }), false],
    ['the resource name it is limited to', attrs({ resource: 'nodes', namespace: '', name: 'worker-1' }), true],
    ['another resource name', attrs({ resource: 'nodes', namespace: '', name: 'worker-2' }), false],
    ['a non-resource URL with a prefix rule', attrs({ isResourceRequest: false, path: '/metrics/cadvisor' }), true],
    ['a service account through a Role (namespace taken from the binding)', attrs({ user: sa, namespace: 'team', apiGroup: 'apps', resource: 'deployments', verb: 'patch' }), true],
  ])('%s', (_what, a, allowed) => {
    expect(authorize(policy, a).allowed).toBe(allowed);
  });

  it('says why it allowed, as kubectl auth can-i shows it', () => {
    expect(authorize(policy, attrs({ verb: 'list' })).reason).toBe('RBAC: allowed by RoleBinding "jane-view/default" of ClusterRole "view" to User "jane"');
    expect(authorize(policy, attrs({ resource: 'nodes', namespace: '', name: 'worker-1' })).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "readers" of ClusterRole "node-reader" to Group "devs"',
    );
  });

  it('words a refusal as kube-apiserver does', () => {
    expect(forbiddenReason(attrs({ verb: 'delete' }))).toBe('User "jane" cannot delete resource "pods" in API group "" in the namespace "default"');
    expect(forbiddenReason(attrs({ resource: 'nodes', namespace: '', verb: 'list' }))).toBe('User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    expect(forbiddenReason(attrs({ subresource: 'exec', verb: 'create' }))).toBe('User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"');
    expect(forbiddenReason(attrs({ isResourceRequest: false, path: '/logs', verb: 'get' }))).toBe('User "jane" cannot get path "/logs"');
  });

  it('lists the rules a user has in a namespace', () => {
    expect(rulesFor(policy, jane, 'default')).toHaveLength(3);
    expect(rulesFor(policy, sa, 'team')).toEqual([{ verbs: ['*'], apiGroups: ['apps'], resources: ['*'] }]);
  });
});
