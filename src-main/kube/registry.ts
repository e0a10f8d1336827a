/**
 * Every resource the API server serves, in discovery order: the core group first, then apps;
 * within a group-version, resources sorted by name as kube-apiserver lists them.
 */
import type { ResourceType } from './resource-type';
import { CONFIG_MAPS, SECRETS, SERVICE_ACCOUNTS } from './resources/config';
import { DEPLOYMENTS } from './resources/deployments';
import { EVENTS } from './resources/events';
import { LEASES } from './resources/leases';
import { NAMESPACES } from './resources/namespaces';
import { NODES } from './resources/nodes';
import { PODS } from './resources/pods';
import { REPLICA_SETS } from './resources/replicasets';
import { SERVICES } from './resources/services';

export const RESOURCE_TYPES: readonly ResourceType[] = [
  CONFIG_MAPS,
  EVENTS,
  NAMESPACES,
  NODES,
  PODS,
  SECRETS,
  SERVICE_ACCOUNTS,
  SERVICES,
  DEPLOYMENTS,
  REPLICA_SETS,
  LEASES,
];

export { CONFIG_MAPS, DEPLOYMENTS, EVENTS, LEASES, NAMESPACES, NODES, PODS, REPLICA_SETS, SECRETS, SERVICE_ACCOUNTS, SERVICES };

/** The resource served at /api(s)/<group>/<version>/<plural>, if any. */
export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((rt) => rt.group === group && rt.version === version && rt.plural === plural);
}

/** The resource of a kind in a group-version, if served. */
export function resourceForKind(group: string, version: string, kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((rt) => rt.group === group && rt.version === version && rt.kind === kind);
}

/** The resource of an `apiVersion` + `kind` pair as objects carry them. */
export function resourceForObject(apiVersion: string, kind: string): ResourceType | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return resourceForKind(group, version, kind);
}

/** Served group-versions in preference order: core v1 first, then apps/v1, ... */
export function groupVersions(): { group: string; version: string }[] {
  const out: { group: string; version: string }[] = [];
  for (const rt of RESOURCE_TYPES) {
    if (!out.some((gv) => gv.group === rt.group && gv.version === rt.version)) out.push({ group: rt.group, version: rt.version });
  }
  return out;
}
