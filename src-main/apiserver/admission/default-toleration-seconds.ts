/**
 * DefaultTolerationSeconds admission: every new pod tolerates the node.kubernetes.io/not-ready and
 * node.kubernetes.io/unreachable NoExecute taints for 300 s, unless it already says how it
 * tolerates them, so a failed node's pods are evicted five minutes after it goes away.
 */
import type { KubeObject } from '../../kube/object';

export const DEFAULT_TOLERATION_SECONDS = 300;
const TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function addDefaultTolerations(pod: KubeObject): void {
  const spec = (pod.spec ?? {}) as { tolerations?: Toleration[] };
  const tolerations = spec.tolerations ?? [];
  for (const key of TAINTS) {
    const covered = tolerations.some((t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
    if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  spec.tolerations = tolerations;
  pod.spec = spec;
}
