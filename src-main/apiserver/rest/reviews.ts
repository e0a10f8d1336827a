/**
 * Creating a review answers a question about access instead of storing anything: whether a user
 * may do something (SelfSubjectAccessReview for `kubectl auth can-i`, SubjectAccessReview,
 * LocalSubjectAccessReview), what they may do (SelfSubjectRulesReview for `can-i --list`), and who
 * they are (SelfSubjectReview for `kubectl auth whoami`).
 */
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import type { UserInfo } from '../authn';
import type { Attributes } from '../authz/attributes';
import { rulesFor } from '../authz/rbac-authorizer';
import type { RequestScope } from './scope';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface ReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
  namespace?: string;
}

function attributesOf(user: UserInfo, spec: ReviewSpec): Attributes {
  const ra = spec.resourceAttributes;
  if (ra) {
    return {
      user,
      verb: ra.verb ?? '',
      isResourceRequest: true,
      apiGroup: ra.group ?? '',
      resource: ra.resource ?? '',
      subresource: ra.subresource ?? '',
      namespace: ra.namespace ?? '',
      name: ra.name ?? '',
      path: '',
    };
  }
  const nra = spec.nonResourceAttributes ?? {};
  return { user, verb: nra.verb ?? '', isResourceRequest: false, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: nra.path ?? '' };
}

export function createReview(scope: RequestScope, body: KubeObject): KubeObject {
  const kind = scope.rt.kind;
  const spec = ((body.spec ?? {}) as ReviewSpec) ?? {};
  const authz = scope.ctx.authorizer;
  const out: KubeObject = { apiVersion: `${scope.rt.group}/${scope.rt.version}`, kind, metadata: { ...(body.metadata ?? {}) }, spec: body.spec ?? {} };
  if (kind === 'SelfSubjectReview') {
    const u = scope.user;
    return { ...out, spec: undefined, status: { userInfo: { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) } } };
  }
  if (kind === 'SelfSubjectRulesReview') {
    if (!spec.namespace) throw errors.badRequest('no namespace on request');
    const rules = authz ? rulesFor(authz.policy, scope.user, spec.namespace) : [];
    const privileged = scope.user.groups.includes('system:masters');
    const all = privileged ? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] : rules.filter((r) => (r.resources ?? []).length > 0);
    const nonResource = privileged ? [{ verbs: ['*'], nonResourceURLs: ['*'] }] : rules.filter((r) => (r.nonResourceURLs ?? []).length > 0);
    return { ...out, status: { resourceRules: all, nonResourceRules: nonResource, incomplete: false } };
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    throw errors.invalid({ group: scope.rt.group, kind }, '', [{ type: 'FieldValueRequired', field: 'spec.resourceAttributes', badValue: '', detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified' }]);
  }
  let user = scope.user;
  if (kind === 'SubjectAccessReview' || kind === 'LocalSubjectAccessReview') {
    user = { username: spec.user ?? '', uid: spec.uid, groups: spec.groups ?? [], extra: spec.extra };
    if (kind === 'LocalSubjectAccessReview' && spec.resourceAttributes) spec.resourceAttributes.namespace = scope.namespace;
  }
  const decision = authz ? authz.chain.authorize(attributesOf(user, spec)) : { allowed: true, reason: '' };
  return { ...out, status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) } };
}
