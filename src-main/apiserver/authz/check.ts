/** Asks the context's authorizer and turns a refusal into kube-apiserver's 403. */
import * as errors from '../../kube/status';
import type { ApiContext } from '../api-context';
import { forbiddenReason, type Attributes } from './attributes';

export function checkAccess(ctx: ApiContext, a: Attributes): void {
  if (!ctx.authorizer) return;
  if (ctx.authorizer.chain.authorize(a).allowed) return;
  const reason = forbiddenReason(a);
  if (!a.isResourceRequest) throw errors.forbidden({ group: '', resource: '' }, '', reason);
  // The message names the parent resource (`pods "web" is forbidden: ... "pods/exec" ...`).
  throw errors.forbidden({ group: a.apiGroup, resource: a.resource }, a.name, reason);
}
