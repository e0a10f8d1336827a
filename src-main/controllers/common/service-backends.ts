/**
 * What a Service selects: its pods (by selector, in its namespace, with an IP, not finished) with
 * their readiness, and each service port resolved against the pod (a named targetPort is looked
 * up in the pod's container ports). Shared by the Endpoints and EndpointSlice controllers.
 */
import { labelSelectorFromMeta, matchLabels } from '../../kube/labels';
import type { KubeObject } from '../../kube/object';
import { isPodReady, podPhase } from './pods';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface Backend {
  pod: KubeObject;
  ip: string;
  ready: boolean;
  terminating: boolean;
}

export function serviceSelector(svc: KubeObject): Record<string, string> | undefined {
  const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function servicePorts(svc: KubeObject): ServicePort[] {
  return ((svc.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []);
}

export function backends(svc: KubeObject, pods: readonly KubeObject[]): Backend[] {
  const sel = serviceSelector(svc);
  if (!sel) return [];
  const selector = labelSelectorFromMeta({ matchLabels: sel });
  const publishNotReady = (svc.spec as { publishNotReadyAddresses?: boolean } | undefined)?.publishNotReadyAddresses === true;
  const out: Backend[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== svc.metadata.namespace || !matchLabels(selector, pod.metadata.labels)) continue;
    const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
    const phase = podPhase(pod);
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    out.push({ pod, ip, ready: (publishNotReady || isPodReady(pod)) && !terminating, terminating });
  }
  return out.sort((a, b) => (a.pod.metadata.name ?? '').localeCompare(b.pod.metadata.name ?? ''));
}

/** The pod port a service port sends to (findPort): a number, or the container port with that name. */
export function resolvePort(pod: KubeObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of ((pod.spec as { containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] } | undefined)?.containers ?? [])) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}
