/**
 * TaintToleration: Filter keeps pods off nodes with a NoSchedule / NoExecute taint they do not
 * tolerate; Score prefers nodes with fewer untolerated PreferNoSchedule taints.
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import type { StateData } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type CycleContext, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import { defaultNormalizeScore } from '../helper/normalize-score';
import { doNotScheduleTaints, findMatchingUntoleratedTaint, toleratesAny } from '../helper/taints';
import * as names from '../names';

const PRE_SCORE_KEY = 'PreScore' + names.TaintToleration;

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}
  clone(): StateData {
    return this;
  }
}

/** `node(s) had untolerated taint {key: value}` */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = names.TaintToleration;

  filter(_ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const taint = findMatchingUntoleratedTaint(node.node?.spec?.taints, pod.pod.spec?.tolerations ?? [], doNotScheduleTaints);
    if (!taint) return undefined;
    return unresolvable(untoleratedTaintReason(taint.key, taint.value));
  }

  preScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    ctx.state.write(PRE_SCORE_KEY, new PreScoreState(tolerations));
    return undefined;
  }

  /** The number of PreferNoSchedule taints the pod does not tolerate. */
  score(ctx: CycleContext, _pod: PodInfo, node: NodeInfo): number {
    const tolerations = ctx.state.read(PRE_SCORE_KEY, PreScoreState)?.tolerationsPreferNoSchedule ?? [];
    let n = 0;
    for (const taint of node.node?.spec?.taints ?? []) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!toleratesAny(tolerations, taint)) n++;
    }
    return n;
  }

  normalizeScore(_ctx: CycleContext, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return undefined;
  }
}
