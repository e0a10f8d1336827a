/**
 * The extension points (framework/interface.go), one small interface each. A plugin implements
 * the ones it needs; the framework calls them in the profile's order. Every call gets the cycle's
 * context: its CycleState, the Snapshot and the Framework (preemption re-runs the filters).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { NodeToStatus } from './node-to-status';
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import type { MaybeStatus, Status } from './status';

/** The highest score a Score plugin may give after normalization. */
export const MAX_NODE_SCORE = 100;

/** What runs the extension points; implemented by Framework. */
export interface FrameworkHandle {
  runFilterPlugins(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus;
  runPreFilterExtensionAddPod(ctx: CycleContext, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): MaybeStatus;
  runPreFilterExtensionRemovePod(ctx: CycleContext, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): MaybeStatus;
}

export interface CycleContext {
  state: CycleState;
  snapshot: Snapshot;
  framework: FrameworkHandle;
  /** For plugins that pick at random (preemption's starting offset). */
  rand: { int(n: number): number };
}

export interface Plugin {
  readonly name: string;
}

/** QueueSort: the order of the active queue. */
export interface QueuedPodView {
  podInfo: PodInfo;
  /** When the pod was (last) added to the queue, in ms. */
  timestamp: number;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodView, b: QueuedPodView): boolean;
}

/** PreEnqueue: whether a pod may enter the active queue at all (scheduling gates). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): MaybeStatus;
}

/** PreFilter may narrow the nodes to look at (nodeNames) or reject the pod outright. */
export interface PreFilterResult {
  status?: Status;
  /** Only these nodes can possibly fit; undefined means all. */
  nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(ctx: CycleContext, pod: PodInfo): PreFilterResult | undefined;
  /** PreFilterExtensions: keep the PreFilter state right when preemption adds or removes a pod. */
  addPod?(ctx: CycleContext, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): MaybeStatus;
  removePod?(ctx: CycleContext, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): MaybeStatus;
}

export interface FilterPlugin extends Plugin {
  filter(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus;
}

export interface PostFilterResult {
  status: Status;
  /** The node the pod should wait for (status.nominatedNodeName), when preemption found one. */
  nominatedNodeName?: string;
  /** The pods to evict to make room there. */
  victims?: PodInfo[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(ctx: CycleContext, pod: PodInfo, statuses: NodeToStatus): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  preScore(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus;
}

export interface ScorePlugin extends Plugin {
  score(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number;
  /** ScoreExtensions.NormalizeScore: rewrites `scores` (aligned with `nodes`) into 0..MAX_NODE_SCORE. */
  normalizeScore?(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): MaybeStatus;
}

export interface ReservePlugin extends Plugin {
  reserve(ctx: CycleContext, pod: PodInfo, nodeName: string): MaybeStatus;
  unreserve(ctx: CycleContext, pod: PodInfo, nodeName: string): void;
}

export function isQueueSort(p: Plugin): p is QueueSortPlugin {
  return typeof (p as Partial<QueueSortPlugin>).less === 'function';
}
export function isPreEnqueue(p: Plugin): p is PreEnqueuePlugin {
  return typeof (p as Partial<PreEnqueuePlugin>).preEnqueue === 'function';
}
export function isPreFilter(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
}
export function isFilter(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}
export function isPostFilter(p: Plugin): p is PostFilterPlugin {
  return typeof (p as Partial<PostFilterPlugin>).postFilter === 'function';
}
export function isPreScore(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === 'function';
}
export function isScore(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}
export function isReserve(p: Plugin): p is ReservePlugin {
  return typeof (p as Partial<ReservePlugin>).reserve === 'function';
}
