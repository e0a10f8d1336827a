/**
 * What the Workloads tables show for a Deployment or a ReplicaSet: kubectl's printer columns
 * (READY, UP-TO-DATE, AVAILABLE / DESIRED, CURRENT, READY; IMAGES as `-o wide` prints them) and
 * the rollout state as `kubectl rollout status` decides it (DeploymentStatusViewer in
 * kubectl/pkg/polymorphichelpers/rollout_status.go).
 */
import type { Deployment, DeploymentCondition, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { parseTime } from './duration';

/** Where a rollout stands. */
export type RolloutState = 'complete' | 'progressing' | 'failed' | 'paused';

/** Why a rollout is not complete, as the data of kubectl's "Waiting for deployment …" lines. */
export type RolloutWait =
  | { kind: 'observing' }
  | { kind: 'deadline' }
  | { kind: 'paused' }
  | { kind: 'updating'; updated: number; desired: number }
  | { kind: 'terminating'; old: number }
  | { kind: 'available'; available: number; updated: number };

export interface Rollout {
  state: RolloutState;
  /** Absent when complete. */
  wait?: RolloutWait;
  /** The reason of the Progressing condition (NewReplicaSetAvailable, ReplicaSetUpdated, ProgressDeadlineExceeded…). */
  reason: string;
  /** The Progressing condition's message, for people. */
  message: string;
}

/** The reason the deployment controller gives when progressDeadlineSeconds passed without progress. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';

function condition(d: Deployment, type: string): DeploymentCondition | undefined {
  return d.status?.conditions?.find((c) => c.type === type);
}

export function rolloutOf(d: Deployment): Rollout {
  const progressing = condition(d, 'Progressing');
  const reason = progressing?.reason ?? '';
  const message = progressing?.message ?? '';
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const total = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const base = { reason, message };
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return { ...base, state: 'progressing', wait: { kind: 'observing' } };
  if (reason === TIMED_OUT_REASON) return { ...base, state: 'failed', wait: { kind: 'deadline' } };
  let wait: RolloutWait | undefined;
  if (updated < desired) wait = { kind: 'updating', updated, desired };
  else if (total > updated) wait = { kind: 'terminating', old: total - updated };
  else if (available < updated) wait = { kind: 'available', available, updated };
  if (!wait) return { ...base, state: 'complete' };
  // A paused Deployment does not roll out, so "waiting" would wait for ever: say why instead.
  if (d.spec?.paused) return { ...base, state: 'paused', wait: { kind: 'paused' } };
  return { ...base, state: 'progressing', wait };
}

/** The IMAGES column: each container's image, comma-separated (kubectl -o wide). */
export function templateImages(template: PodTemplateSpec | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? '');
}

export interface DeploymentRow {
  key: string;
  name: string;
  namespace: string;
  /** READY: readyReplicas/spec.replicas, e.g. "2/3". */
  ready: string;
  desired: number;
  readyReplicas: number;
  upToDate: number;
  available: number;
  created: number;
  images: string[];
  rollout: Rollout;
}

export function deploymentRow(d: Deployment, key: string): DeploymentRow {
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  return {
    key,
    name: d.metadata?.name ?? '',
    namespace: d.metadata?.namespace ?? '',
    ready: `${s.readyReplicas ?? 0}/${desired}`,
    desired,
    readyReplicas: s.readyReplicas ?? 0,
    upToDate: s.updatedReplicas ?? 0,
    available: s.availableReplicas ?? 0,
    created: parseTime(d.metadata?.creationTimestamp),
    images: templateImages(d.spec?.template),
    rollout: rolloutOf(d),
  };
}

export interface ReplicaSetRow {
  key: string;
  name: string;
  namespace: string;
  desired: number;
  current: number;
  ready: number;
  created: number;
  images: string[];
  /** The controller that owns it, as kind/name ("Deployment/web"), '' for a bare ReplicaSet. */
  owner: string;
}

export function replicaSetRow(rs: ReplicaSet, key: string): ReplicaSetRow {
  const owner = rs.metadata?.ownerReferences?.find((o) => o.controller);
  return {
    key,
    name: rs.metadata?.name ?? '',
    namespace: rs.metadata?.namespace ?? '',
    desired: rs.spec?.replicas ?? 1,
    current: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    created: parseTime(rs.metadata?.creationTimestamp),
    images: templateImages(rs.spec?.template),
    owner: owner ? `${owner.kind}/${owner.name}` : '',
  };
}

/** Whether a row's name, namespace or images contain a lower-cased needle. */
export function workloadMatches(row: { name: string; namespace: string; images: string[] }, needle: string): boolean {
  if (!needle) return true;
  return row.name.toLowerCase().includes(needle) || row.namespace.toLowerCase().includes(needle) || row.images.some((i) => i.toLowerCase().includes(needle));
}
