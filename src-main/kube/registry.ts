/**
 * Every resource the API server serves, in discovery order: groups as kube-apiserver orders them
 * (core, apps, authentication, authorization, batch, policy, rbac, coordination, discovery.k8s.io);
 * within a group-version, resources sorted by name.
 */
import type { ResourceType } from './resource-type';
import { CONFIG_MAPS, SECRETS, SERVICE_ACCOUNTS } from './resources/config';
import { CONTROLLER_REVISIONS } from './resources/controller-revisions';
import { CRON_JOBS } from './resources/cronjobs';
import { DAEMON_SETS } from './resources/daemonsets';
import { DEPLOYMENTS } from './resources/deployments';
import { ENDPOINT_SLICES } from './resources/endpoint-slices';
import { ENDPOINTS } from './resources/endpoints';
import { EVENTS } from './resources/events';
import { JOBS } from './resources/jobs';
import { LEASES } from './resources/leases';
import { NAMESPACES } from './resources/namespaces';
import { NODES } from './resources/nodes';
import { POD_DISRUPTION_BUDGETS } from './resources/pod-disruption-budgets';
import { PODS } from './resources/pods';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, ROLE_BINDINGS, ROLES } from './resources/rbac';
import { REPLICA_SETS } from './resources/replicasets';
import {
  LOCAL_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_REVIEWS,
  SELF_SUBJECT_RULES_REVIEWS,
  SUBJECT_ACCESS_REVIEWS,
} from './resources/reviews';
import { SERVICES } from './resources/services';
import { STATEFUL_SETS } from './resources/statefulsets';

export const RESOURCE_TYPES: readonly ResourceType[] = [
  CONFIG_MAPS,
  ENDPOINTS,
  EVENTS,
  NAMESPACES,
  NODES,
  PODS,
  SECRETS,
  SERVICE_ACCOUNTS,
  SERVICES,
  CONTROLLER_REVISIONS,
  DAEMON_SETS,
  DEPLOYMENTS,
  REPLICA_SETS,
  STATEFUL_SETS,
  SELF_SUBJECT_REVIEWS,
  LOCAL_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_RULES_REVIEWS,
  SUBJECT_ACCESS_REVIEWS,
  CRON_JOBS,
  JOBS,
  POD_DISRUPTION_BUDGETS,
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  ROLE_BINDINGS,
  ROLES,
  LEASES,
  ENDPOINT_SLICES,
];

export { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, ROLE_BINDINGS, ROLES };
export { CONTROLLER_REVISIONS, CRON_JOBS, DAEMON_SETS, ENDPOINT_SLICES, ENDPOINTS, JOBS, POD_DISRUPTION_BUDGETS, STATEFUL_SETS };
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
