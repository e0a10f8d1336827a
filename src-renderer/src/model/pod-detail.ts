/**
 * What the pod drawer's Summary shows beyond the table row: the QoS class (as the API server
 * computes it, pkg/apis/core/helper/qos), each container's state and the pod's conditions, in
 * the words `kubectl describe pod` uses.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { parseTime } from './duration';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

/** status.qosClass, or computed from requests and limits when the server has not set it yet. */
export function qosClass(pod: Pod): QosClass {
  const given = pod.status?.qosClass;
  if (given === 'Guaranteed' || given === 'Burstable' || given === 'BestEffort') return given;
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of QOS_RESOURCES) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      // A limit without a request defaults the request to the limit.
      const request = requests[r] ?? limits[r];
      if (limits[r] === undefined || request !== limits[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export type ContainerKind = 'init' | 'sidecar' | 'app';

export interface ContainerRow {
  name: string;
  kind: ContainerKind;
  image: string;
  /** Running / Waiting / Terminated, or '' before the kubelet reports it. */
  state: string;
  /** Why waiting or terminated (ContainerCreating, CrashLoopBackOff, Completed, Error…). */
  reason: string;
  exitCode?: number;
  /** When it started (running) or finished (terminated), ms; NaN otherwise. */
  since: number;
  ready: boolean;
  restarts: number;
  /** Whether a previous, terminated instance exists (its log is then readable with previous). */
  hasPrevious: boolean;
}

function rowOf(c: Container, kind: ContainerKind, st: ContainerStatus | undefined): ContainerRow {
  const s = st?.state;
  let state = '';
  let reason = '';
  let exitCode: number | undefined;
  let since = NaN;
  if (s?.running) {
    state = 'Running';
    since = parseTime(s.running.startedAt);
  } else if (s?.terminated) {
    state = 'Terminated';
    reason = s.terminated.reason ?? '';
    exitCode = s.terminated.exitCode;
    since = parseTime(s.terminated.finishedAt);
  } else if (s?.waiting) {
    state = 'Waiting';
    reason = s.waiting.reason ?? '';
  }
  return {
    name: c.name,
    kind,
    image: st?.image || c.image || '',
    state,
    reason,
    exitCode,
    since,
    ready: st?.ready ?? false,
    restarts: st?.restartCount ?? 0,
    hasPrevious: Boolean(st?.lastState?.terminated),
  };
}

/** Init containers (restartPolicy Always ones are sidecars) then app containers, in spec order. */
export function containerRows(pod: Pod): ContainerRow[] {
  const status = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const out: ContainerRow[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    out.push(rowOf(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', status(pod.status?.initContainerStatuses, c.name)));
  }
  for (const c of pod.spec?.containers ?? []) out.push(rowOf(c, 'app', status(pod.status?.containerStatuses, c.name)));
  return out;
}

/** The controller that owns the pod as Kind/name, '' for a bare pod. */
export function controllerOf(pod: Pod): string {
  const o = pod.metadata?.ownerReferences?.find((r) => r.controller);
  return o ? `${o.kind}/${o.name}` : '';
}

/** The container whose log to show first: kubectl.kubernetes.io/default-container, else the first app container. */
export function defaultContainer(pod: Pod): string {
  const names = containerRows(pod).map((c) => c.name);
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  return pod.spec?.containers?.[0]?.name ?? names[0] ?? '';
}
