/**
 * PodTopologySpread: spreads pods that match a selector evenly over topology domains — as a hard
 * rule for DoNotSchedule constraints, as a preference for ScheduleAnyway ones and for the
 * cluster's default spreading (hostname maxSkew 3, zone maxSkew 5) of pods without constraints.
 */
import type { CycleContext, FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { skip, unresolvable, unschedulable, type MaybeStatus } from '../../framework/status';
import * as names from '../names';
import { calPreFilterState, filterNode, PreFilterState } from './filtering';
import { calPreScoreState, normalizeScores, PreScoreState, scoreNode } from './scoring';

const PRE_FILTER_KEY = 'PreFilter' + names.PodTopologySpread;
const PRE_SCORE_KEY = 'PreScore' + names.PodTopologySpread;

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = names.PodTopologySpread;

  preFilter(ctx: CycleContext, pod: PodInfo): PreFilterResult | undefined {
    const s = calPreFilterState(pod, ctx.snapshot);
    if (!s) return { status: skip() };
    ctx.state.write(PRE_FILTER_KEY, s);
    return undefined;
  }

  addPod(ctx: CycleContext, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): MaybeStatus {
    ctx.state.read(PRE_FILTER_KEY, PreFilterState)?.updateWithPod(toAdd, pod, node, 1);
    return undefined;
  }

  removePod(ctx: CycleContext, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): MaybeStatus {
    ctx.state.read(PRE_FILTER_KEY, PreFilterState)?.updateWithPod(toRemove, pod, node, -1);
    return undefined;
  }

  filter(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const s = ctx.state.read(PRE_FILTER_KEY, PreFilterState);
    if (!s) return undefined;
    const r = filterNode(s, pod, node);
    if (!r) return undefined;
    return r.unresolvable ? unresolvable(r.reason) : unschedulable(r.reason);
  }

  preScore(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus {
    if (nodes.length === 0 || ctx.snapshot.numNodes === 0) return skip();
    const s = calPreScoreState(pod, nodes, ctx.snapshot);
    if (!s) return skip();
    ctx.state.write(PRE_SCORE_KEY, s);
    return undefined;
  }

  score(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number {
    const s = ctx.state.read(PRE_SCORE_KEY, PreScoreState);
    return s ? scoreNode(s, pod, node) : 0;
  }

  normalizeScore(ctx: CycleContext, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    const s = ctx.state.read(PRE_SCORE_KEY, PreScoreState);
    if (s) normalizeScores(s, nodes, scores);
    return undefined;
  }
}
