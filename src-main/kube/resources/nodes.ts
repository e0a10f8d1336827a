/** core/v1 nodes: discovery data, the printer (STATUS from the Ready condition, ROLES from labels), fields. */
import type { KubeObject } from '../object';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../object';
import { ALL_VERBS, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` for a cordoned node. */
export function nodeStatus(node: KubeObject): string {
  const status: string[] = [];
  const ready = arrayAt(objectAt(node, 'status'), 'conditions').findLast((c) => stringAt(c, 'type') === 'Ready');
  if (ready) status.push(stringAt(ready, 'status') === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  const spec = objectAt(node, 'spec');
  if (isJsonObject(spec) && spec.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`, sorted. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

function address(node: KubeObject, type: string): string {
  const a = arrayAt(objectAt(node, 'status'), 'addresses').find((x) => stringAt(x, 'type') === type);
  return a ? stringAt(a, 'address') : '<none>';
}

function nodeRow(node: KubeObject, now: number): unknown[] {
  const info = objectAt(objectAt(node, 'status'), 'nodeInfo');
  return [
    node.metadata.name ?? '',
    nodeStatus(node),
    nodeRoles(node).join(',') || '<none>',
    timestampSince(node.metadata.creationTimestamp, now),
    stringAt(info, 'kubeletVersion'),
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    stringAt(info, 'osImage') || '<unknown>',
    stringAt(info, 'kernelVersion') || '<unknown>',
    stringAt(info, 'containerRuntimeVersion') || '<unknown>',
  ];
}

export const NODES: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Node',
  listKind: 'NodeList',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [
    { name: 'proxy', group: '', version: 'v1', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'status', group: '', version: 'v1', kind: 'Node', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'minions',
  columns: [
    nameColumn(),
    column('Status', 'string', 'Whether the node is ready, and whether new pods may be scheduled to it.'),
    column('Roles', 'string', 'The roles the node-role.kubernetes.io/ labels give the node.'),
    ageColumn(),
    column('Version', 'string', 'The kubelet version the node reports.'),
    column('Internal-IP', 'string', 'The first InternalIP among the node addresses.', 1),
    column('External-IP', 'string', 'The first ExternalIP among the node addresses.', 1),
    column('OS-Image', 'string', 'The operating system image the node reports (from /etc/os-release).', 1),
    column('Kernel-Version', 'string', 'The kernel version the node reports (uname -r).', 1),
    column('Container-Runtime', 'string', 'The container runtime and its version, e.g. containerd://2.0.0.', 1),
  ],
  row: nodeRow,
  fields: (node) => ({
    'metadata.name': node.metadata.name ?? '',
    'spec.unschedulable': String(isJsonObject(node.spec) && node.spec.unschedulable === true),
  }),
  fieldLabels: { supported: ['metadata.name', 'spec.unschedulable'], custom: true },
};
