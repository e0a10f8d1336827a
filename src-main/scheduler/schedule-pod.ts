/**
 * One scheduling cycle for one pod (schedulePod / findNodesThatFitPod / prioritizeNodes /
 * selectHost), pure: PreFilter, Filter over enough nodes (percentageOfNodesToScore), PostFilter
 * (preemption) when none fits, otherwise PreScore, Score and the highest total, ties broken at
 * random with the injected Rand. The caller binds (or evicts victims) and updates the Snapshot.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Rand } from '../common/rand';
import { CycleState } from './framework/cycle-state';
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage } from './framework/fit-error';
import type { Framework } from './framework/framework';
import type { CycleContext } from './framework/interface';
import type { NodeInfo } from './framework/node-info';
import { NodeToStatus } from './framework/node-to-status';
import { PodInfo } from './framework/pod-info';
import type { Snapshot } from './framework/snapshot';
import { unresolvable, type Status } from './framework/status';
import type { Diagnosis } from './diagnosis';
import type { Profile } from './profile';

/** Below this many nodes, all are filtered; above, at least this many feasible ones are looked for. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface ScheduleOptions {
  /** Where the previous cycle stopped looking (upstream keeps it across cycles for fairness). */
  nextStartNodeIndex?: number;
}

interface Common {
  diagnosis: Diagnosis;
  /** Pass to the next cycle's options. */
  nextStartNodeIndex: number;
}

export type ScheduleResult =
  | (Common & { result: 'Scheduled'; nodeName: string; evaluatedNodes: number; feasibleNodes: number })
  | (Common & {
      result: 'Unschedulable';
      /** The FailedScheduling event / PodScheduled condition message. */
      message: string;
      /** Set by preemption: the node to nominate ('' clears an earlier nomination). */
      nominatedNodeName?: string;
      /** The pods to evict so the pod can go to nominatedNodeName. */
      victims?: Pod[];
    })
  | (Common & { result: 'Error'; message: string });

/** numFeasibleNodesToFind: how many feasible nodes are enough to stop filtering. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage <= 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

function emptyDiagnosis(profile: Profile, numAllNodes: number): Diagnosis {
  return {
    numAllNodes,
    unschedulablePlugins: [],
    filterPlugins: profile.framework.filterPlugins.map((p) => p.name),
    skippedFilterPlugins: [],
    filtered: [],
    feasibleNodes: [],
  };
}

export function schedulePod(pod: Pod, snapshot: Snapshot, profile: Profile, rand: Rand, options: ScheduleOptions = {}): ScheduleResult {
  const fw = profile.framework;
  const allNodes = snapshot.list();
  const diagnosis = emptyDiagnosis(profile, allNodes.length);
  let nextStartNodeIndex = options.nextStartNodeIndex ?? 0;
  if (allNodes.length === 0) return { result: 'Unschedulable', message: ERR_NO_NODES_AVAILABLE, diagnosis, nextStartNodeIndex };
  nextStartNodeIndex %= allNodes.length;

  const podInfo = new PodInfo(pod);
  const state = new CycleState();
  const ctx = fw.newContext(state, snapshot, rand);
  const statuses = new NodeToStatus();

  // PreFilter
  const pre = fw.runPreFilterPlugins(ctx, podInfo);
  diagnosis.unschedulablePlugins = [...pre.unschedulablePlugins].sort();
  diagnosis.skippedFilterPlugins = [...state.skipFilterPlugins];
  if (pre.status) {
    if (!pre.status.isRejected()) return { result: 'Error', message: pre.status.message(), diagnosis, nextStartNodeIndex };
    statuses.absent = pre.status;
    diagnosis.preFilterMsg = pre.status.message();
    return unschedulable(fw, ctx, podInfo, statuses, diagnosis, nextStartNodeIndex);
  }

  let feasible: NodeInfo[] = [];
  // A node nominated by an earlier preemption is tried first: it is likely the only one that fits.
  const nominated = pod.status?.nominatedNodeName;
  const nominatedInfo = nominated ? snapshot.get(nominated) : undefined;
  if (nominatedInfo && (!pre.nodeNames || pre.nodeNames.has(nominated!))) {
    const s = fw.runFilterPlugins(ctx, podInfo, nominatedInfo);
    if (!s) feasible = [nominatedInfo];
  }

  if (feasible.length === 0) {
    let nodes = allNodes;
    if (pre.nodeNames) {
      nodes = allNodes.filter((n) => pre.nodeNames!.has(n.name));
      statuses.absent = unresolvable(`node(s) didn't satisfy plugin(s) [${diagnosis.unschedulablePlugins.join(' ')}]`);
      diagnosis.notConsidered = { count: allNodes.length - nodes.length, reasons: [...statuses.absent.reasons] };
    }
    const r = findNodesThatPassFilters(ctx, podInfo, nodes, profile, nextStartNodeIndex, statuses, diagnosis);
    if (r.error) return { result: 'Error', message: r.error.message(), diagnosis, nextStartNodeIndex };
    feasible = r.feasible;
    nextStartNodeIndex = (nextStartNodeIndex + feasible.length + statuses.size) % allNodes.length;
  }
  diagnosis.feasibleNodes = feasible.map((n) => n.name);

  if (feasible.length === 0) {
    for (const [, s] of statuses.entries()) if (s.plugin) pre.unschedulablePlugins.add(s.plugin);
    diagnosis.unschedulablePlugins = [...pre.unschedulablePlugins].sort();
    return unschedulable(fw, ctx, podInfo, statuses, diagnosis, nextStartNodeIndex);
  }
  const evaluatedNodes = feasible.length + statuses.size;
  if (feasible.length === 1) return { result: 'Scheduled', nodeName: feasible[0].name, diagnosis, evaluatedNodes, feasibleNodes: 1, nextStartNodeIndex };

  // PreScore and Score
  const preScore = fw.runPreScorePlugins(ctx, podInfo, feasible);
  if (preScore) return { result: 'Error', message: preScore.message(), diagnosis, nextStartNodeIndex };
  const { plugins, totals } = fw.runScorePlugins(ctx, podInfo, feasible);
  diagnosis.scores = { nodes: feasible.map((n) => n.name), plugins, totals, skippedPlugins: [...state.skipScorePlugins] };
  return { result: 'Scheduled', nodeName: selectHost(feasible, totals, rand), diagnosis, evaluatedNodes, feasibleNodes: feasible.length, nextStartNodeIndex };
}

/** selectHost: the highest total; among equals each is chosen with equal chance (reservoir sampling). */
export function selectHost(nodes: readonly NodeInfo[], totals: readonly number[], rand: Rand): string {
  let best = 0;
  let count = 1;
  for (let i = 1; i < nodes.length; i++) {
    if (totals[i] > totals[best]) {
      best = i;
      count = 1;
    } else if (totals[i] === totals[best]) {
      count++;
      if (rand.int(count) === 0) best = i;
    }
  }
  return nodes[best].name;
}

function findNodesThatPassFilters(
  ctx: CycleContext,
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  profile: Profile,
  start: number,
  statuses: NodeToStatus,
  diagnosis: Diagnosis,
): { feasible: NodeInfo[]; error?: Status } {
  const fw = profile.framework;
  const numToFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, nodes.length);
  const feasible: NodeInfo[] = [];
  if (nodes.length === 0) return { feasible };
  for (let i = 0; i < nodes.length && feasible.length < numToFind; i++) {
    const ni = nodes[(start + i) % nodes.length];
    const s = fw.runFilterPlugins(ctx, pod, ni);
    if (!s) {
      feasible.push(ni);
      diagnosis.filtered.push({ node: ni.name, code: 'Success', reasons: [] });
      continue;
    }
    if (s.code === 'Error') return { feasible, error: s };
    statuses.set(ni.name, s);
    diagnosis.filtered.push({ node: ni.name, plugin: s.plugin, code: s.code, reasons: [...s.reasons] });
  }
  return { feasible };
}

/** The FitError path: run PostFilter (preemption) and build the message. */
function unschedulable(fw: Framework, ctx: CycleContext, pod: PodInfo, statuses: NodeToStatus, diagnosis: Diagnosis, nextStartNodeIndex: number): ScheduleResult {
  const post = fw.runPostFilterPlugins(ctx, pod, statuses);
  const postFilterMsg = post?.status.code === 'Success' ? '' : (post?.status.message() ?? '');
  if (postFilterMsg) diagnosis.postFilterMsg = postFilterMsg;
  const message = fitErrorMessage({ numAllNodes: diagnosis.numAllNodes, statuses, preFilterMsg: diagnosis.preFilterMsg, postFilterMsg });
  const out: ScheduleResult = { result: 'Unschedulable', message, diagnosis, nextStartNodeIndex };
  if (post?.nominatedNodeName !== undefined) out.nominatedNodeName = post.nominatedNodeName;
  if (post?.victims) out.victims = post.victims.map((v) => v.pod);
  return out;
}
