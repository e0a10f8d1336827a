/**
 * Mutating admission on create, in kube-apiserver's default plugin order for what we model:
 * ServiceAccount, then DefaultTolerationSeconds (pods). It runs after defaulting and before the
 * strategy and validation, as upstream does.
 */
import type { KubeObject } from '../../kube/object';
import type { RequestScope } from '../rest/scope';
import { addDefaultTolerations } from './default-toleration-seconds';
import { admitServiceAccount } from './service-account';

export async function admitCreate(scope: RequestScope, obj: KubeObject): Promise<void> {
  if (scope.rt.group !== '' || scope.rt.plural !== 'pods' || scope.subresource !== '') return;
  // Mirror pods (static pods shown by their kubelet) get no service account.
  if (obj.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined) {
    const sa = await scope.ctx.storage(scope.ctx.serviceAccounts).get(scope.namespace, ((obj.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName) || 'default');
    admitServiceAccount(obj, scope.ctx.rand, (sa as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken);
  }
  addDefaultTolerations(obj);
}
