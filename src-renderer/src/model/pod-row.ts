/**
 * What the pods table shows for one pod, computed once per pod object: watch events replace
 * objects rather than mutate them, so a WeakMap keyed by the object is an exact cache, and a
 * change to one pod among 100k rebuilds one row.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseTime } from './duration';
import { podSummary, statusTone, type StatusTone } from './pod-status';

export interface PodRow {
  key: string;
  name: string;
  namespace: string;
  status: string;
  tone: StatusTone;
  ready: string;
  restarts: number;
  lastRestart: number;
  node: string;
  ip: string;
  created: number;
}

const cache = new WeakMap<Pod, PodRow>();

/** The pod's (first) IP, '' before it has one. */
export function podIP(pod: Pod): string {
  return pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '';
}

export function podRow(pod: Pod, key: string): PodRow {
  let row = cache.get(pod);
  if (row && row.key === key) return row;
  const s = podSummary(pod);
  const name = pod.metadata?.name ?? '';
  const node = pod.spec?.nodeName ?? '';
  const ip = podIP(pod);
  row = {
    key,
    name,
    namespace: pod.metadata?.namespace ?? '',
    status: s.status,
    tone: statusTone(s.status),
    ready: `${s.ready}/${s.total}`,
    restarts: s.restarts,
    lastRestart: s.lastRestart,
    node,
    ip,
    created: parseTime(pod.metadata?.creationTimestamp),
  };
  cache.set(pod, row);
  return row;
}

export interface PodFilter {
  namespace: string | null;
  search: string;
}

/** Whether a pod's name, node or IP contains a lower-cased needle (cheap: no row is built). */
export function podMatches(pod: Pod, needle: string): boolean {
  const name = pod.metadata?.name ?? '';
  const node = pod.spec?.nodeName ?? '';
  const ip = podIP(pod);
  return name.toLowerCase().includes(needle) || node.toLowerCase().includes(needle) || ip.includes(needle);
}

export const EMPTY_POD_ROW: PodRow = Object.freeze({
  key: '',
  name: '',
  namespace: '',
  status: '',
  tone: 'default',
  ready: '',
  restarts: 0,
  lastRestart: NaN,
  node: '',
  ip: '',
  created: NaN,
});
