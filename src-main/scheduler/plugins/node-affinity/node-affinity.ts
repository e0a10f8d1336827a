/**
 * NodeAffinity: Filter enforces the pod's nodeSelector and required node affinity; Score adds the
 * weights of the preferred terms a node matches (normalized so the best node gets 100). PreFilter
 * narrows the nodes when every required term pins node names with a metadata.name field.
 */
import type { PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type { StateData } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type CycleContext, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { skip, unresolvable, type MaybeStatus } from '../../framework/status';
import { getRequiredNodeAffinity, matchesRequiredNodeAffinity, preferredNodeAffinityScore, type RequiredNodeAffinity } from '../helper/node-affinity';
import { defaultNormalizeScore } from '../helper/normalize-score';
import * as names from '../names';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const PRE_FILTER_KEY = 'PreFilter' + names.NodeAffinity;
const PRE_SCORE_KEY = 'PreScore' + names.NodeAffinity;

class PreFilterState implements StateData {
  constructor(readonly required: RequiredNodeAffinity) {}
  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferred: readonly PreferredSchedulingTerm[]) {}
  clone(): StateData {
    return this;
  }
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = names.NodeAffinity;

  preFilter(ctx: CycleContext, pod: PodInfo): PreFilterResult | undefined {
    const required = pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !pod.pod.spec?.nodeSelector) return { status: skip() };
    ctx.state.write(PRE_FILTER_KEY, new PreFilterState(getRequiredNodeAffinity(pod.pod)));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return undefined;
    // Affinity to specific nodes by name: the union over terms of the names each term pins.
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      // A term without a node-name field allows all nodes, and the terms are ORed.
      if (!termNames) return undefined;
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames && nodeNames.size === 0) return { status: unresolvable(ERR_REASON_CONFLICT) };
    return { nodeNames };
  }

  filter(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    if (!node.node) return unresolvable(ERR_REASON_POD);
    const required = ctx.state.read(PRE_FILTER_KEY, PreFilterState)?.required ?? getRequiredNodeAffinity(pod.pod);
    return matchesRequiredNodeAffinity(required, node.node) ? undefined : unresolvable(ERR_REASON_POD);
  }

  preScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return skip();
    ctx.state.write(PRE_SCORE_KEY, new PreScoreState(preferred));
    return undefined;
  }

  score(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number {
    if (!node.node) return 0;
    const preferred = ctx.state.read(PRE_SCORE_KEY, PreScoreState)?.preferred ?? pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return preferredNodeAffinityScore(preferred, node.node);
  }

  normalizeScore(_ctx: CycleContext, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return undefined;
  }
}
