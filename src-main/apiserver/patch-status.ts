/** A failed patch as the Status kube-apiserver replies with (codes and reasons decided in kube/patch). */
import type { PatchError } from '../kube/patch';
import { StatusError } from '../kube/status';

export function patchErrorStatus(e: PatchError): StatusError {
  const status: ConstructorParameters<typeof StatusError>[0] = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    code: e.code,
  };
  if (e.reason) status.reason = e.reason as typeof status.reason;
  return new StatusError(status);
}
