/**
 * Which pods a ReplicaSet deletes first when it scales down (controller.ActivePodsWithRanks): not
 * yet scheduled before scheduled, Pending before Unknown before Running, not ready before ready,
 * pods sharing a node with more of their siblings first, recently ready before long ready, more
 * restarts first, newer before older.
 */
import type { KubeObject } from '../../kube/object';
import { isPodReady, nodeNameOf, podCondition, podPhase, restartCount } from '../common/pods';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function time(ts: string | null | undefined): number {
  const t = Date.parse(ts ?? '');
  return Number.isFinite(t) ? t : 0;
}

export function podsToDelete(pods: readonly KubeObject[], siblings: readonly KubeObject[], count: number): KubeObject[] {
  if (count <= 0) return [];
  const perNode = new Map<string, number>();
  for (const p of siblings) {
    const node = nodeNameOf(p);
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (p: KubeObject): number => (nodeNameOf(p) ? (perNode.get(nodeNameOf(p)) ?? 0) : 0);
  const sorted = [...pods].sort((a, b) => {
    const sa = nodeNameOf(a) ? 1 : 0;
    const sb = nodeNameOf(b) ? 1 : 0;
    if (sa !== sb) return sa - sb;
    const pa = PHASE_RANK[podPhase(a)] ?? 1;
    const pb = PHASE_RANK[podPhase(b)] ?? 1;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (ra === 1) {
      const ta = time(podCondition(a, 'Ready')?.lastTransitionTime);
      const tb = time(podCondition(b, 'Ready')?.lastTransitionTime);
      if (ta !== tb) return tb - ta;
    }
    if (restartCount(a) !== restartCount(b)) return restartCount(b) - restartCount(a);
    return time(b.metadata.creationTimestamp) - time(a.metadata.creationTimestamp);
  });
  return sorted.slice(0, count);
}
