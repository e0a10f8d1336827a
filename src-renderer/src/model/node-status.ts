/** A node's STATUS and ROLES as kubectl prints them (printNode), plus the fields the table shows. */
import type { Node } from 'kubernetes-types/core/v1';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** ["Ready"] / ["NotReady"] / ["Unknown"], then "SchedulingDisabled" when cordoned. */
export function nodeStatus(node: Node): string[] {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status;
}

export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Sorted roles from node-role.kubernetes.io/<role> labels and the kubernetes.io/role label. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v) {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

export function nodeInternalIP(node: Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}
