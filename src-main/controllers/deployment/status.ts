/**
 * Deployment status and its Available / Progressing conditions (deployment/sync.go
 * calculateStatus and syncRolloutStatus), with upstream reasons and messages.
 */
import type { KubeObject } from '../../kube/object';
import { deploymentComplete, fenceposts, rsStatus, specOf, sumActual, sumAvailable, sumReady, sumSpec } from './deployment-util';

export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export const statusOf = (d: KubeObject): DeploymentStatus => (d.status ?? {}) as DeploymentStatus;

export function getCondition(s: DeploymentStatus, type: string): DeploymentCondition | undefined {
  return s.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: replaces the condition of that type (kept last), keeping lastTransitionTime if the status did not change. */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const current = getCondition(s, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = { ...c };
  if (current && current.status === c.status) next.lastTransitionTime = current.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function condition(type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** The counts and the Available condition for the ReplicaSets as they are now. */
export function calculateStatus(d: KubeObject, allRSs: readonly KubeObject[], newRS: KubeObject | undefined, now: string): DeploymentStatus {
  const replicas = specOf(d).replicas ?? 1;
  const available = sumAvailable(allRSs);
  const old = statusOf(d);
  const s: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumActual(allRSs),
    updatedReplicas: newRS ? (rsStatus(newRS).replicas ?? 0) : 0,
    readyReplicas: sumReady(allRSs),
    availableReplicas: available,
    // Desired (spec) replicas of all ReplicaSets minus the available ones, never negative.
    unavailableReplicas: Math.max(0, sumSpec(allRSs) - available),
    conditions: old.conditions ? structuredClone(old.conditions) : undefined,
    collisionCount: old.collisionCount,
  };
  const { maxUnavailable } = fenceposts(d);
  if (available >= replicas - maxUnavailable) {
    setCondition(s, condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setCondition(s, condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return s;
}

/** DeploymentProgressing: more pods updated, ready or available than before, or fewer old ones. */
function progressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * The Progressing condition for a status computed by calculateStatus: complete, progressing, or
 * timed out after progressDeadlineSeconds without progress.
 */
export function syncProgressing(d: KubeObject, next: DeploymentStatus, newRS: KubeObject | undefined, nowMs: number, now: string): void {
  const spec = specOf(d);
  const deadline = spec.progressDeadlineSeconds;
  if (deadline === undefined || deadline === 2147483647) return;
  const old = statusOf(d);
  const current = getCondition(next, 'Progressing');
  const rsName = newRS?.metadata.name ?? '';
  if (spec.paused) return;
  if (newRS && deploymentComplete(d, next)) {
    setCondition(next, condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet ${JSON.stringify(rsName)} has successfully progressed.`, now));
    return;
  }
  if (progressing(old, next)) {
    const msg = newRS ? `ReplicaSet ${JSON.stringify(rsName)} is progressing.` : `Deployment ${JSON.stringify(d.metadata.name ?? '')} is progressing.`;
    const c = condition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
    if (current && current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
    next.conditions = [...(next.conditions ?? []).filter((x) => x.type !== 'Progressing'), c];
    return;
  }
  if (current && current.reason !== 'NewReplicaSetAvailable' && current.status === 'True') {
    const since = Date.parse(current.lastUpdateTime);
    if (Number.isFinite(since) && since + deadline * 1000 < nowMs) {
      setCondition(next, condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet ${JSON.stringify(rsName)} has timed out progressing.`, now));
    }
  }
}
