/**
 * component-helpers' nodeaffinity: the pod's nodeSelector ANDed with its required node affinity
 * (terms ORed; a required affinity with no terms matches no node), and preferred terms' weights.
 */
import type { Node, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { nodeSelectorTermMatches } from '../../../kube/node-affinity';
import type { KubeObject } from '../../../kube/object';

export interface RequiredNodeAffinity {
  nodeSelector: Readonly<Record<string, string>> | undefined;
  /** undefined: no required node affinity; []: one that matches nothing. */
  terms: readonly NodeSelectorTerm[] | undefined;
}

export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const sel = pod.spec?.nodeSelector;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return { nodeSelector: sel && Object.keys(sel).length > 0 ? sel : undefined, terms: required ? (required.nodeSelectorTerms ?? []) : undefined };
}

function asKube(node: Node): KubeObject {
  return { metadata: node.metadata ?? {} };
}

export function matchesRequiredNodeAffinity(r: RequiredNodeAffinity, node: Node): boolean {
  if (r.nodeSelector) {
    const labels = node.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(r.nodeSelector)) if (labels[k] !== v) return false;
  }
  if (r.terms) {
    const kn = asKube(node);
    return r.terms.some((t) => nodeSelectorTermMatches(kn, t));
  }
  return true;
}

/** PreferredSchedulingTerms.Score: the summed weights of the preferred terms the node matches. */
export function preferredNodeAffinityScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let score = 0;
  const kn = asKube(node);
  for (const t of terms) {
    if (!t.weight) continue;
    if (nodeSelectorTermMatches(kn, t.preference)) score += t.weight;
  }
  return score;
}
