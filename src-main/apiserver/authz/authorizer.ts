/**
 * kube-apiserver's authorizer chain as kubeadm configures it (--authorization-mode=Node,RBAC),
 * preceded by the privileged group: members of system:masters may do anything; then RBAC.
 * (The Node authorizer's graph is not modelled: kubelets run in process as system:masters.)
 */
import type { Attributes } from './attributes';
import { authorize as rbacAuthorize, type Decision, type RbacPolicy } from './rbac-authorizer';

export const PRIVILEGED_GROUP = 'system:masters';

export interface Authorizer {
  authorize(a: Attributes): Decision;
}

export function authorizerChain(policy: RbacPolicy): Authorizer {
  return {
    authorize(a: Attributes): Decision {
      if (a.user.groups.includes(PRIVILEGED_GROUP)) return { allowed: true, reason: '' };
      return rbacAuthorize(policy, a);
    },
  };
}
