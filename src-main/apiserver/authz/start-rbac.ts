/**
 * What kube-apiserver's rbac/bootstrap-roles hook and RBAC authorizer do at start: create the
 * default policy objects that are missing (existing ones are left as the user changed them),
 * then load the policy and keep it current, and make the context authorize with it.
 */
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, findResource, ROLE_BINDINGS, ROLES } from '../../kube/registry';
import type { ResourceType } from '../../kube/resource-type';
import type { ApiContext } from '../api-context';
import { newScope } from '../rest/scope';
import { createObject } from '../rest/write';
import { authorizerChain } from './authorizer';
import { bootstrapPolicy } from './bootstrap-policy';
import { PolicyCache } from './policy-cache';

const SYSTEM = { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

export async function startRbac(ctx: ApiContext): Promise<PolicyCache> {
  for (const obj of bootstrapPolicy()) {
    const rt = findResource('rbac.authorization.k8s.io', 'v1', obj.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings') as ResourceType;
    if (await ctx.storage(rt).get('', obj.metadata.name ?? '')) continue;
    const scope = newScope(ctx, rt, { verb: 'create', namespace: '', name: '', subresource: '', query: new URLSearchParams(), user: SYSTEM });
    await createObject(scope, structuredClone(obj));
  }
  const cache = new PolicyCache(ctx, { roles: ROLES, clusterRoles: CLUSTER_ROLES, roleBindings: ROLE_BINDINGS, clusterRoleBindings: CLUSTER_ROLE_BINDINGS });
  await cache.start();
  ctx.authorizer = { chain: authorizerChain(cache), policy: cache };
  return cache;
}
