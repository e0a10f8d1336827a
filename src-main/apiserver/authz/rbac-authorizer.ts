/**
 * The RBAC authorizer: a request is allowed when a ClusterRoleBinding (anywhere) or a
 * RoleBinding (in the request's namespace) binds the user to a role with a rule that covers it.
 * It also explains an allow the way `kubectl auth can-i` shows it, and lists a user's rules for
 * SelfSubjectRulesReview.
 */
import type { KubeObject } from '../../kube/object';
import type { UserInfo } from '../authn';
import type { Attributes } from './attributes';
import { ruleAllows, subjectMatches, type PolicyRule, type Subject } from './rbac-rules';

export interface RbacPolicy {
  clusterRoles: ReadonlyMap<string, KubeObject>;
  clusterRoleBindings: readonly KubeObject[];
  /** Roles by `namespace/name`. */
  roles: ReadonlyMap<string, KubeObject>;
  roleBindings(namespace: string): readonly KubeObject[];
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

interface RoleRef {
  kind: string;
  name: string;
}

const rulesOf = (role: KubeObject | undefined): PolicyRule[] => ((role?.rules as PolicyRule[] | undefined) ?? []);
const subjectsOf = (b: KubeObject): Subject[] => (b.subjects as Subject[] | undefined) ?? [];
const roleRefOf = (b: KubeObject): RoleRef => (b.roleRef as RoleRef | undefined) ?? { kind: '', name: '' };

function describeSubject(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount "${s.name}/${s.namespace ?? ''}"` : `${s.kind} ${JSON.stringify(s.name)}`;
}

export function authorize(policy: RbacPolicy, a: Attributes): Decision {
  for (const b of policy.clusterRoleBindings) {
    const subject = subjectsOf(b).find((s) => subjectMatches(s, a.user, ''));
    if (!subject) continue;
    const ref = roleRefOf(b);
    if (ref.kind !== 'ClusterRole') continue;
    if (rulesOf(policy.clusterRoles.get(ref.name)).some((r) => ruleAllows(r, a))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding ${JSON.stringify(b.metadata.name ?? '')} of ClusterRole ${JSON.stringify(ref.name)} to ${describeSubject(subject)}` };
    }
  }
  if (a.namespace) {
    for (const b of policy.roleBindings(a.namespace)) {
      const subject = subjectsOf(b).find((s) => subjectMatches(s, a.user, a.namespace));
      if (!subject) continue;
      const ref = roleRefOf(b);
      const role = ref.kind === 'ClusterRole' ? policy.clusterRoles.get(ref.name) : policy.roles.get(`${a.namespace}/${ref.name}`);
      if (rulesOf(role).some((r) => ruleAllows(r, a))) {
        return {
          allowed: true,
          reason: `RBAC: allowed by RoleBinding ${JSON.stringify(`${b.metadata.name ?? ''}/${a.namespace}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject)}`,
        };
      }
    }
  }
  return { allowed: false, reason: '' };
}

/** Every rule that applies to the user in a namespace (SelfSubjectRulesReview). */
export function rulesFor(policy: RbacPolicy, user: UserInfo, namespace: string): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const b of policy.clusterRoleBindings) {
    if (!subjectsOf(b).some((s) => subjectMatches(s, user, ''))) continue;
    const ref = roleRefOf(b);
    if (ref.kind === 'ClusterRole') out.push(...rulesOf(policy.clusterRoles.get(ref.name)));
  }
  if (namespace) {
    for (const b of policy.roleBindings(namespace)) {
      if (!subjectsOf(b).some((s) => subjectMatches(s, user, namespace))) continue;
      const ref = roleRefOf(b);
      out.push(...rulesOf(ref.kind === 'ClusterRole' ? policy.clusterRoles.get(ref.name) : policy.roles.get(`${namespace}/${ref.name}`)));
    }
  }
  return out;
}
