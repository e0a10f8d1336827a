/**
 * NodeResourcesFit: Filter checks that the pod's requests fit in what the node has left (and that
 * one more pod is allowed); Score is the LeastAllocated strategy by default (emptier nodes score
 * higher), MostAllocated on request.
 */
import type { StateData } from '../../framework/cycle-state';
import { MAX_NODE_SCORE, type CycleContext, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { Status, type MaybeStatus } from '../../framework/status';
import { DEFAULT_RESOURCES, podRequestFor, scoreResources, type ResourceSpec, type Scorer } from '../helper/resource-allocation';
import * as names from '../names';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** Even an empty node could not hold the pod: preemption cannot help. */
  unresolvable: boolean;
}

/** fitsRequest: every resource the pod cannot get on this node, with upstream's reason. */
export function fitsRequest(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  const allowed = alloc.allowedPodNumber;
  if (node.pods.length + 1 > allowed) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.length, capacity: allowed, unresolvable: false });
  }
  const req = pod.requests;
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar.size === 0) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU, unresolvable: req.milliCPU > alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory, unresolvable: req.memory > alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
      unresolvable: req.ephemeralStorage > alloc.ephemeralStorage,
    });
  }
  for (const [name, q] of req.scalar) {
    if (q === 0) continue;
    const a = alloc.scalar.get(name) ?? 0;
    const u = used.scalar.get(name) ?? 0;
    if (q > a - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: a, unresolvable: q > a });
  }
  return out;
}

/** leastRequestedScore: the free fraction of capacity, 0..100, integer. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return Math.trunc((requested * MAX_NODE_SCORE) / capacity);
}

function weightedScorer(resources: readonly ResourceSpec[], one: (r: number, c: number) => number): Scorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      nodeScore += one(requested[i], allocatable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated';

export interface NodeResourcesFitArgs {
  scoringStrategy?: { type?: ScoringStrategyType; resources?: readonly ResourceSpec[] };
}

const PRE_SCORE_KEY = 'PreScore' + names.NodeResourcesFit;

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}
  clone(): StateData {
    return this;
  }
}

export class NodeResourcesFit implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = names.NodeResourcesFit;
  private readonly resources: readonly ResourceSpec[];
  private readonly scorer: Scorer;

  constructor(args: NodeResourcesFitArgs = {}) {
    this.resources = args.scoringStrategy?.resources ?? DEFAULT_RESOURCES;
    const type = args.scoringStrategy?.type ?? 'LeastAllocated';
    this.scorer = weightedScorer(this.resources, type === 'MostAllocated' ? mostRequestedScore : leastRequestedScore);
  }

  filter(_ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const insufficient = fitsRequest(pod, node);
    if (insufficient.length === 0) return undefined;
    const code = insufficient.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return new Status(code, insufficient.map((r) => r.reason));
  }

  preScore(ctx: CycleContext, pod: PodInfo): MaybeStatus {
    ctx.state.write(PRE_SCORE_KEY, new PreScoreState(this.resources.map((r) => podRequestFor(pod, r.name, false))));
    return undefined;
  }

  score(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number {
    const reqs = ctx.state.read(PRE_SCORE_KEY, PreScoreState)?.podRequests ?? this.resources.map((r) => podRequestFor(pod, r.name, false));
    return scoreResources(node, this.resources, reqs, false, this.scorer);
  }
}
