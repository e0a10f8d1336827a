/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar
 * fractions with the pod placed — 100 × (1 − standard deviation of the fractions). It counts
 * requests as they are (no 100m / 200Mi defaults).
 */
import type { StateData } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type CycleContext, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { MaybeStatus } from '../../framework/status';
import { DEFAULT_RESOURCES, podRequestFor, scoreResources, type ResourceSpec } from '../helper/resource-allocation';
import * as names from '../names';

/** balancedResourceScorer */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i] / allocatable[i]);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const PRE_SCORE_KEY = 'PreScore' + names.NodeResourcesBalancedAllocation;

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}
  clone(): StateData {
    return this;
  }
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = names.NodeResourcesBalancedAllocation;

  constructor(private readonly resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {}

  preScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    ctx.state.write(PRE_SCORE_KEY, new PreScoreState(this.resources.map((r) => podRequestFor(pod, r.name, true))));
    return undefined;
  }

  score(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number {
    const reqs = ctx.state.read(PRE_SCORE_KEY, PreScoreState)?.podRequests ?? this.resources.map((r) => podRequestFor(pod, r.name, true));
    return scoreResources(node, this.resources, reqs, true, balancedResourceScore);
  }
}
