/** Pod facts controllers share: active, ready, available (k8s.io/kubernetes/pkg/api/v1/pod and controller utils). */
import type { KubeObject } from '../../kube/object';

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
  lastProbeTime?: string | null;
  reason?: string;
  message?: string;
}

export interface PodStatusView {
  phase?: string;
  conditions?: PodCondition[];
  containerStatuses?: { restartCount?: number; ready?: boolean }[];
}

export function podStatus(pod: KubeObject): PodStatusView {
  return (pod.status ?? {}) as PodStatusView;
}

export function podPhase(pod: KubeObject): string {
  return podStatus(pod).phase ?? '';
}

/** Not finished and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function podCondition(pod: KubeObject, type: string): PodCondition | undefined {
  return podStatus(pod).conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: KubeObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds at `now` (podutil.IsPodAvailable). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(ready.lastTransitionTime ?? '');
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

export function restartCount(pod: KubeObject): number {
  return (podStatus(pod).containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

export function nodeNameOf(pod: KubeObject): string {
  return ((pod.spec as { nodeName?: string } | undefined)?.nodeName) ?? '';
}
