/** Schemas of rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding. */
import { listKind, object, objectMetaField, ref, refList, string, stringList, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: 'rbac.authorization.k8s.io', version: 'v1', kind });

function roleSchema(kind: string, description: string, extra: Record<string, Schema> = {}): Schema {
  return object(description, { ...typeMeta(), metadata: objectMetaField(), rules: refList('rbac.PolicyRule', 'What the role allows.', { listType: 'atomic' }), ...extra }, { gvk: gvk(kind) });
}

function bindingSchema(kind: string, description: string): Schema {
  return object(
    description,
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      roleRef: { ...ref('rbac.RoleRef', 'The role granted; cannot be changed (delete and re-create the binding instead).'), default: {} },
      subjects: refList('rbac.Subject', 'Who gets the role.', { listType: 'atomic' }),
    },
    { gvk: gvk(kind), required: ['roleRef'] },
  );
}

export const RBAC_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.rbac.v1.ClusterRole': roleSchema('ClusterRole', 'A cluster-wide set of permissions.', {
    aggregationRule: ref('rbac.AggregationRule', 'Build the rules from other ClusterRoles chosen by label; the controller manager fills them in.'),
  }),
  'io.k8s.api.rbac.v1.ClusterRoleList': listKind('rbac.ClusterRole', gvk('ClusterRoleList'), 'A list of cluster roles.'),
  'io.k8s.api.rbac.v1.Role': roleSchema('Role', 'A set of permissions within one namespace.'),
  'io.k8s.api.rbac.v1.RoleList': listKind('rbac.Role', gvk('RoleList'), 'A list of roles.'),
  'io.k8s.api.rbac.v1.ClusterRoleBinding': bindingSchema('ClusterRoleBinding', 'Grants a ClusterRole across the whole cluster.'),
  'io.k8s.api.rbac.v1.ClusterRoleBindingList': listKind('rbac.ClusterRoleBinding', gvk('ClusterRoleBindingList'), 'A list of cluster role bindings.'),
  'io.k8s.api.rbac.v1.RoleBinding': bindingSchema('RoleBinding', 'Grants a Role or ClusterRole within one namespace.'),
  'io.k8s.api.rbac.v1.RoleBindingList': listKind('rbac.RoleBinding', gvk('RoleBindingList'), 'A list of role bindings.'),
  'io.k8s.api.rbac.v1.PolicyRule': object(
    'One permission: verbs on resources (or non-resource URLs).',
    {
      apiGroups: stringList('API groups; "" is the core group, "*" all.'),
      nonResourceURLs: stringList('URL paths such as /healthz; a trailing * matches a prefix. Only in ClusterRoles.'),
      resourceNames: stringList('Limit the rule to these object names.'),
      resources: stringList('Resources, "resource/subresource", or "*".'),
      verbs: stringList('Verbs such as get, list, watch, create, update, patch, delete, or "*".'),
    },
    { required: ['verbs'] },
  ),
  'io.k8s.api.rbac.v1.AggregationRule': object('How an aggregated ClusterRole finds its parts.', {
    clusterRoleSelectors: refList('meta.LabelSelector', 'Label selectors of the ClusterRoles whose rules are combined.', { listType: 'atomic' }),
  }),
  'io.k8s.api.rbac.v1.RoleRef': object(
    'The role a binding grants.',
    {
      apiGroup: string('The role\'s API group: rbac.authorization.k8s.io.'),
      kind: string('Role or ClusterRole.'),
      name: string('The role\'s name.'),
    },
    { required: ['apiGroup', 'kind', 'name'] },
  ),
  'io.k8s.api.rbac.v1.Subject': object(
    'Who a binding is for.',
    {
      apiGroup: string('rbac.authorization.k8s.io for User and Group, "" for ServiceAccount.'),
      kind: string('User, Group or ServiceAccount.'),
      name: string('The user, group or service account name.'),
      namespace: string('For a ServiceAccount: its namespace.'),
    },
    { required: ['kind', 'name'] },
  ),
};
