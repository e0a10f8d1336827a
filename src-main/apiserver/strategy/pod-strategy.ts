/** Pods: status starts Pending with the QoS class computed; deletion is graceful once bound. */
import type { KubeObject } from '../../kube/object';
import { parseQuantity } from '../../kube/quantity';
import { DefaultStrategy, type StrategyContext } from './strategy';

interface ResourceList {
  [name: string]: string | number | undefined;
}
interface ContainerLike {
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

/** The pod's quality-of-service class, as upstream's qos.GetPodQOS computes it. */
export function podQOSClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  const supported = new Set(['cpu', 'memory']);
  let anyRequestOrLimit = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const [name, q] of Object.entries(requests)) {
      if (supported.has(name) && q !== undefined && parseQuantity(String(q)) > 0) anyRequestOrLimit = true;
    }
    for (const [name, q] of Object.entries(limits)) {
      if (supported.has(name) && q !== undefined && parseQuantity(String(q)) > 0) anyRequestOrLimit = true;
    }
    for (const name of supported) {
      const limit = limits[name];
      if (limit === undefined) {
        guaranteed = false;
        continue;
      }
      const request = requests[name] ?? limit;
      if (parseQuantity(String(request)) !== parseQuantity(String(limit))) guaranteed = false;
    }
  }
  if (!anyRequestOrLimit) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export class PodStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override prepareForCreate(obj: KubeObject, ctx: StrategyContext): void {
    super.prepareForCreate(obj, ctx);
    obj.status = { phase: 'Pending', qosClass: podQOSClass(obj) };
  }

  override gracePeriodSeconds(obj: KubeObject, requested: number | undefined): number {
    const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const status = (obj.status ?? {}) as { phase?: string };
    // An unscheduled pod, or one that has finished, has nothing to stop: it goes at once.
    if (!spec.nodeName) return 0;
    if (status.phase === 'Failed' || status.phase === 'Succeeded') return 0;
    const period = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, period);
  }
}
