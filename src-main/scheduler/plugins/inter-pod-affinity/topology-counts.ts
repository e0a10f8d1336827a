/**
 * topologyToMatchedTermCount: how many matching pods each topology pair (label key and value,
 * e.g. zone=a) holds. A pair that drops to zero is removed, so `size` says whether any is left.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { Labels } from '../../../kube/labels';
import { podMatchesAllTerms, termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info';

export const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;

export class TopologyCounts {
  readonly counts = new Map<string, number>();

  get size(): number {
    return this.counts.size;
  }

  get(key: string, value: string): number {
    return this.counts.get(pairKey(key, value)) ?? 0;
  }

  private add(key: string, value: string, delta: number): void {
    const k = pairKey(key, value);
    const n = (this.counts.get(k) ?? 0) + delta;
    if (n === 0) this.counts.delete(k);
    else this.counts.set(k, n);
  }

  /** updateWithAffinityTerms: counts the node's pairs when the pod matches all the terms. */
  updateWithAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: Labels, node: Node, delta: number): void {
    if (!podMatchesAllTerms(terms, pod, nsLabels)) return;
    const labels = node.metadata?.labels ?? {};
    for (const t of terms) {
      const v = labels[t.topologyKey];
      if (v !== undefined) this.add(t.topologyKey, v, delta);
    }
  }

  /** updateWithAntiAffinityTerms: counts the node's pair for each term the pod matches. */
  updateWithAntiAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: Labels, node: Node, delta: number): void {
    const labels = node.metadata?.labels ?? {};
    for (const t of terms) {
      if (!termMatches(t, pod, nsLabels)) continue;
      const v = labels[t.topologyKey];
      if (v !== undefined) this.add(t.topologyKey, v, delta);
    }
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, v] of this.counts) c.counts.set(k, v);
    return c;
  }
}
