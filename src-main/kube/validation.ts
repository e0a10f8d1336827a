/**
 * Validation of objects on create and update, per kind, with kube-apiserver's field paths and
 * messages; the API layer turns a non-empty list into a 422 Invalid Status (status.invalid).
 */
import type { FieldError } from './field-error';
import type { KubeObject } from './object';
import type { ResourceType } from './resource-type';
import { validateDeploymentCreate, validateDeploymentUpdate, validateReplicaSetCreate, validateReplicaSetUpdate } from './validation/apps';
import { validateControllerRevisionCreate, validateControllerRevisionUpdate } from './validation/controller-revision';
import { validateLeaseCreate, validateLeaseUpdate } from './validation/coordination';
import { CORE_CREATE, CORE_UPDATE } from './validation/core';
import { validateCronJobCreate, validateCronJobUpdate } from './validation/cronjob';
import { validateDaemonSetCreate, validateDaemonSetUpdate } from './validation/daemonset';
import { validateEndpointSliceCreate, validateEndpointSliceUpdate, validateEndpointsCreate, validateEndpointsUpdate } from './validation/endpoints';
import { validateJobCreate, validateJobUpdate } from './validation/job';
import { validatePodCreate, validatePodUpdate } from './validation/pod';
import { validatePodDisruptionBudgetCreate, validatePodDisruptionBudgetUpdate } from './validation/pod-disruption-budget';
import { RBAC_CREATE, RBAC_UPDATE } from './validation/rbac';
import { validateStatefulSetCreate, validateStatefulSetUpdate } from './validation/statefulset';

const CREATE: Record<string, (obj: KubeObject) => FieldError[]> = {
  ...Object.fromEntries(Object.entries(CORE_CREATE).map(([k, f]) => [`/${k}`, f])),
  '/Pod': validatePodCreate,
  '/Endpoints': validateEndpointsCreate,
  'apps/Deployment': validateDeploymentCreate,
  'apps/ReplicaSet': validateReplicaSetCreate,
  'apps/StatefulSet': validateStatefulSetCreate,
  'apps/DaemonSet': validateDaemonSetCreate,
  'apps/ControllerRevision': validateControllerRevisionCreate,
  'batch/Job': validateJobCreate,
  'batch/CronJob': validateCronJobCreate,
  'policy/PodDisruptionBudget': validatePodDisruptionBudgetCreate,
  'discovery.k8s.io/EndpointSlice': validateEndpointSliceCreate,
  'coordination.k8s.io/Lease': validateLeaseCreate,
  ...Object.fromEntries(Object.entries(RBAC_CREATE).map(([k, f]) => [`rbac.authorization.k8s.io/${k}`, f])),
};

const UPDATE: Record<string, (obj: KubeObject, old: KubeObject) => FieldError[]> = {
  ...Object.fromEntries(Object.entries(CORE_UPDATE).map(([k, f]) => [`/${k}`, f])),
  '/Pod': validatePodUpdate,
  '/Endpoints': validateEndpointsUpdate,
  'apps/Deployment': validateDeploymentUpdate,
  'apps/ReplicaSet': validateReplicaSetUpdate,
  'apps/StatefulSet': validateStatefulSetUpdate,
  'apps/DaemonSet': validateDaemonSetUpdate,
  'apps/ControllerRevision': validateControllerRevisionUpdate,
  'batch/Job': validateJobUpdate,
  'batch/CronJob': validateCronJobUpdate,
  'policy/PodDisruptionBudget': validatePodDisruptionBudgetUpdate,
  'discovery.k8s.io/EndpointSlice': validateEndpointSliceUpdate,
  'coordination.k8s.io/Lease': validateLeaseUpdate,
  ...Object.fromEntries(Object.entries(RBAC_UPDATE).map(([k, f]) => [`rbac.authorization.k8s.io/${k}`, f])),
};

/** The field errors of a new object (already defaulted); empty when it is valid. */
export function validateCreate(rt: ResourceType, obj: KubeObject): FieldError[] {
  return CREATE[`${rt.group}/${rt.kind}`]?.(obj) ?? [];
}

/** The field errors of an update from `old` to `obj` (both defaulted). */
export function validateUpdate(rt: ResourceType, obj: KubeObject, old: KubeObject): FieldError[] {
  return UPDATE[`${rt.group}/${rt.kind}`]?.(obj, old) ?? [];
}
