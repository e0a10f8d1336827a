/** rbac.authorization.k8s.io/v1: Roles, ClusterRoles and their bindings (printers as kube-apiserver's). */
import type { KubeObject } from '../object';
import { arrayAt, objectAt, stringAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

const GROUP = 'rbac.authorization.k8s.io';

function createdAt(obj: KubeObject): string {
  return obj.metadata.creationTimestamp ?? '';
}

/** `ClusterRole/view` — the ROLE column of bindings. */
function roleCell(b: KubeObject): string {
  const ref = objectAt(b, 'roleRef');
  return `${stringAt(ref, 'kind')}/${stringAt(ref, 'name')}`;
}

/** Subjects of one kind, comma separated (namespace/name for service accounts), as the wide columns show them. */
function subjects(b: KubeObject, kind: string): string {
  return arrayAt(b, 'subjects')
    .filter((s) => stringAt(s, 'kind') === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${stringAt(s, 'namespace')}/${stringAt(s, 'name')}` : stringAt(s, 'name')))
    .join(', ');
}

function roleType(kind: 'Role' | 'ClusterRole', namespaced: boolean): ResourceType {
  const plural = kind === 'Role' ? 'roles' : 'clusterroles';
  return {
    group: GROUP,
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: plural.slice(0, -1),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: [],
    storageKey: plural,
    columns: [nameColumn(), column('Created At', 'date', 'When the role was created.')],
    row: (r) => [r.metadata.name ?? '', createdAt(r)],
    fields: (r) => objectMetaFields(r, namespaced),
    fieldLabels: DEFAULT_FIELD_LABELS,
  };
}

function bindingType(kind: 'RoleBinding' | 'ClusterRoleBinding', namespaced: boolean): ResourceType {
  const plural = kind === 'RoleBinding' ? 'rolebindings' : 'clusterrolebindings';
  return {
    group: GROUP,
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: plural.slice(0, -1),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: [],
    storageKey: plural,
    columns: [
      nameColumn(),
      column('Role', 'string', 'The role the binding grants.'),
      ageColumn(),
      column('Users', 'string', 'Users bound.', 1),
      column('Groups', 'string', 'Groups bound.', 1),
      column('ServiceAccounts', 'string', 'Service accounts bound.', 1),
    ],
    row: (b, now) => [b.metadata.name ?? '', roleCell(b), timestampSince(b.metadata.creationTimestamp, now), subjects(b, 'User'), subjects(b, 'Group'), subjects(b, 'ServiceAccount')],
    fields: (b) => objectMetaFields(b, namespaced),
    fieldLabels: DEFAULT_FIELD_LABELS,
  };
}

export const CLUSTER_ROLE_BINDINGS = bindingType('ClusterRoleBinding', false);
export const CLUSTER_ROLES = roleType('ClusterRole', false);
export const ROLE_BINDINGS = bindingType('RoleBinding', true);
export const ROLES = roleType('Role', true);
