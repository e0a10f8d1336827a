/** v1helper.FindMatchingUntoleratedTaint with the filters the scheduler uses. */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { toleratesTaint } from '../../../kube/taints';

/** DoNotScheduleTaintsFilterFunc: NoSchedule and NoExecute taints keep pods off a node. */
export const doNotScheduleTaints = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

export function toleratesAny(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint (in the node's order) that passes `filter` and no toleration tolerates. */
export function findMatchingUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!filter(taint)) continue;
    if (!toleratesAny(tolerations, taint)) return taint;
  }
  return undefined;
}
