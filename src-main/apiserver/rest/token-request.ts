/**
 * serviceaccounts/token (TokenRequest, what `kubectl create token` posts): a signed, expiring
 * token for an existing service account, optionally bound to a Pod or Secret, with upstream's
 * limits on the requested duration.
 */
import type { KubeObject } from '../../kube/object';
import { metaTime } from '../../kube/meta-time';
import * as errors from '../../kube/status';
import { DEFAULT_AUDIENCES } from '../service-account-tokens';
import type { RequestScope } from './scope';

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

const MIN_SECONDS = 600;
const MAX_SECONDS = 2 ** 32;

export async function createToken(scope: RequestScope, body: KubeObject): Promise<KubeObject> {
  const tokens = scope.ctx.tokens;
  if (!tokens) throw errors.internalError(new Error('service account token signing is not configured'));
  const sa = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  const spec = ((body.spec ?? {}) as TokenRequestSpec) ?? {};
  const seconds = spec.expirationSeconds ?? 3600;
  const invalid = (detail: string): never => {
    throw errors.invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, scope.name, [
      { type: 'FieldValueInvalid', field: 'spec.expirationSeconds', badValue: seconds, detail },
    ]);
  };
  if (seconds < MIN_SECONDS) invalid('may not specify a duration less than 10 minutes');
  if (seconds > MAX_SECONDS) invalid('may not specify a duration larger than 2^32 seconds');
  let pod: { name: string; uid: string } | undefined;
  const ref = spec.boundObjectRef;
  if (ref?.kind === 'Pod') {
    const podType = scope.ctx.pods;
    const bound = await scope.ctx.storage(podType).getOrNotFound(scope.namespace, ref.name ?? '');
    if (ref.uid && ref.uid !== bound.metadata.uid) {
      throw errors.conflict({ group: '', resource: 'pods' }, ref.name ?? '', new Error(`the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`));
    }
    pod = { name: bound.metadata.name ?? '', uid: bound.metadata.uid ?? '' };
  }
  const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : DEFAULT_AUDIENCES;
  const { token, expiresAt } = await tokens.issue({
    namespace: scope.namespace,
    serviceAccount: { name: sa.metadata.name ?? '', uid: sa.metadata.uid ?? '' },
    pod,
    audiences,
    expirationSeconds: seconds,
  });
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: scope.name, namespace: scope.namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: ref ?? null },
    status: { token, expirationTimestamp: metaTime(expiresAt) },
  } as unknown as KubeObject;
}
