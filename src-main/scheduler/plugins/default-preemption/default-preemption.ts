/**
 * DefaultPreemption (PostFilter): when a pod fits nowhere, find nodes where evicting pods of lower
 * priority would make it fit, choose the fewest and least important victims there, and pick one
 * node as upstream's pickOneNodeForPreemption does (fewest PDB violations, lowest highest-victim
 * priority, lowest priority sum, fewest victims, latest start of the top victims, first found).
 * The pod is then nominated to that node; the caller evicts the victims.
 *
 * Not modelled yet: PodDisruptionBudgets (no victim ever violates one), nominated pods of other
 * preemptors, extenders.
 */
import type { CycleContext, PostFilterPlugin, PostFilterResult } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { NodeToStatus } from '../../framework/node-to-status';
import { fitErrorMessage } from '../../framework/fit-error';
import type { PodInfo } from '../../framework/pod-info';
import { Status, unresolvable, type MaybeStatus } from '../../framework/status';
import * as names from '../names';

export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_POLICY = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

export interface Candidate {
  nodeName: string;
  /** Most important first. */
  victims: PodInfo[];
  numPDBViolations: number;
}

export interface DefaultPreemptionArgs {
  /** At least this percentage of nodes are tried as candidates (default 10). */
  minCandidateNodesPercentage?: number;
  /** ... and at least this many (default 100). */
  minCandidateNodesAbsolute?: number;
}

/** util.MoreImportantPod: higher priority, then started earlier. */
export function moreImportant(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.startTime < b.startTime;
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = names.DefaultPreemption;
  private readonly minPercentage: number;
  private readonly minAbsolute: number;

  constructor(args: DefaultPreemptionArgs = {}) {
    this.minPercentage = args.minCandidateNodesPercentage ?? 10;
    this.minAbsolute = args.minCandidateNodesAbsolute ?? 100;
  }

  postFilter(ctx: CycleContext, pod: PodInfo, statuses: NodeToStatus): PostFilterResult {
    const r = this.preempt(ctx, pod, statuses);
    const msg = r.status.message();
    if (msg) return { ...r, status: new Status(r.status.code, [`preemption: ${msg}`]) };
    return r;
  }

  private preempt(ctx: CycleContext, pod: PodInfo, statuses: NodeToStatus): PostFilterResult {
    const eligible = this.eligibleToPreemptOthers(ctx, pod, statuses);
    if (eligible) return { status: new Status('Unschedulable', [eligible]) };
    const allNodes = ctx.snapshot.list();
    const { candidates, nodeStatuses } = this.findCandidates(ctx, pod, allNodes, statuses);
    if (candidates.length === 0) {
      nodeStatuses.absent = unresolvable(NOT_HELPFUL);
      // An empty nominatedNodeName clears a nomination the pod may have from an earlier cycle.
      return { status: new Status('Unschedulable', [fitErrorMessage({ numAllNodes: allNodes.length, statuses: nodeStatuses })]), nominatedNodeName: '' };
    }
    const best = selectCandidate(candidates);
    return { status: new Status('Success'), nominatedNodeName: best.nodeName, victims: best.victims };
  }

  /** PodEligibleToPreemptOthers: a reason it may not preempt, or '' if it may. */
  private eligibleToPreemptOthers(ctx: CycleContext, pod: PodInfo, statuses: NodeToStatus): string {
    if (pod.pod.spec?.preemptionPolicy === 'Never') return NOT_ELIGIBLE_POLICY;
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      if (statuses.get(nominated).code === 'UnschedulableAndUnresolvable') return '';
      const ni = ctx.snapshot.get(nominated);
      if (ni) for (const p of ni.pods) if (p.priority < pod.priority && p.terminating) return NOT_ELIGIBLE_TERMINATING;
    }
    return '';
  }

  private findCandidates(ctx: CycleContext, pod: PodInfo, allNodes: readonly NodeInfo[], statuses: NodeToStatus): { candidates: Candidate[]; nodeStatuses: NodeToStatus } {
    const nodeStatuses = new NodeToStatus();
    // nodesWherePreemptionMightHelp: only nodes rejected as Unschedulable (not ...AndUnresolvable).
    const potential = allNodes.filter((n) => statuses.get(n.name).code === 'Unschedulable');
    if (potential.length === 0) return { candidates: [], nodeStatuses };
    const offset = ctx.rand.int(potential.length);
    const numCandidates = this.numCandidates(potential.length);
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    for (let i = 0; i < potential.length; i++) {
      const ni = potential[(offset + i) % potential.length];
      const r = selectVictimsOnNode(ctx, pod, ni);
      if ('victims' in r) {
        if (r.victims.length === 0) {
          nodeStatuses.set(ni.name, new Status('Error', [`expected at least one victim pod on node "${ni.name}"`]));
          continue;
        }
        const c: Candidate = { nodeName: ni.name, victims: r.victims, numPDBViolations: 0 };
        (c.numPDBViolations === 0 ? nonViolating : violating).push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
      } else {
        nodeStatuses.set(ni.name, r.status);
      }
    }
    return { candidates: [...nonViolating, ...violating], nodeStatuses };
  }

  /** calculateNumCandidates */
  private numCandidates(numNodes: number): number {
    let n = Math.trunc((numNodes * this.minPercentage) / 100);
    if (n < this.minAbsolute) n = this.minAbsolute;
    return Math.min(n, numNodes);
  }
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod, check the pod fits, then put them back
 * most important first, keeping each one that still lets the pod fit. The rest are the victims.
 */
export function selectVictimsOnNode(ctx: CycleContext, pod: PodInfo, original: NodeInfo): { victims: PodInfo[] } | { status: Status } {
  const node = original.clone();
  const state = ctx.state.clone();
  const c: CycleContext = { ...ctx, state };
  const fw = ctx.framework;
  const remove = (p: PodInfo): MaybeStatus => {
    node.removePod(p.key);
    return fw.runPreFilterExtensionRemovePod(c, pod, p, node);
  };
  const add = (p: PodInfo): MaybeStatus => {
    node.addPod(p);
    return fw.runPreFilterExtensionAddPod(c, pod, p, node);
  };
  const potential: PodInfo[] = [];
  for (const p of [...node.pods]) {
    if (p.priority < pod.priority) {
      potential.push(p);
      const s = remove(p);
      if (s) return { status: s };
    }
  }
  if (potential.length === 0) return { status: unresolvable(NO_VICTIMS) };
  const fits = fw.runFilterPlugins(c, pod, node);
  if (fits) return { status: fits };
  potential.sort((a, b) => (moreImportant(a, b) ? -1 : moreImportant(b, a) ? 1 : 0));
  const victims: PodInfo[] = [];
  for (const p of potential) {
    const s = add(p);
    if (s) return { status: s };
    if (fw.runFilterPlugins(c, pod, node)) {
      const r = remove(p);
      if (r) return { status: r };
      victims.push(p);
    }
  }
  return { victims };
}

/** pickOneNodeForPreemption over the candidates. */
export function selectCandidate(candidates: readonly Candidate[]): Candidate {
  const earliestTopStart = (c: Candidate): number => {
    const top = c.victims[0].priority;
    let earliest = Number.POSITIVE_INFINITY;
    for (const v of c.victims) if (v.priority === top && v.startTime < earliest) earliest = v.startTime;
    return earliest;
  };
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    // MaxInt32 + 1 added to every priority keeps the sum of negative priorities ordered right.
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    earliestTopStart,
  ];
  let all = [...candidates];
  for (const f of scoreFuncs) {
    let max = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > max) {
        max = s;
        selected = [];
      }
      if (s === max) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}
