/**
 * PodTopologySpread's hard constraints (whenUnsatisfiable: DoNotSchedule). PreFilter counts
 * matching pods per topology domain over all eligible nodes and keeps the two smallest domains
 * per constraint (the "critical paths"); Filter allows a node when
 *   matching pods in its domain + 1 (if the pod matches itself) − global minimum ≤ maxSkew,
 * where the global minimum is 0 while fewer than minDomains domains exist.
 */
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { Snapshot } from '../../framework/snapshot';
import { matchLabels } from '../../../kube/labels';
import { getRequiredNodeAffinity, type RequiredNodeAffinity } from '../helper/node-affinity';
import { buildDefaultConstraints, countPodsMatchSelector, filterConstraints, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type Constraint } from './common';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

interface Path {
  value: string;
  num: number;
}

/** criticalPaths: the two domains with the fewest matching pods, updated as counts change. */
class CriticalPaths {
  p: [Path, Path] = [
    { value: '', num: Number.MAX_SAFE_INTEGER },
    { value: '', num: Number.MAX_SAFE_INTEGER },
  ];

  update(value: string, num: number): void {
    const p = this.p;
    const i = value === p[0].value ? 0 : value === p[1].value ? 1 : -1;
    if (i === 0 || i === 1) {
      p[i].num = num;
      if (p[0].num > p[1].num) this.p = [p[1], p[0]];
    } else if (num < p[0].num) {
      this.p = [{ value, num }, p[0]];
    } else if (num < p[1].num) {
      p[1] = { value, num };
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.p = [{ ...this.p[0] }, { ...this.p[1] }];
    return c;
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    /** Per constraint: domain value → matching pods. */
    readonly matchNum: Map<string, number>[],
    readonly criticalPaths: CriticalPaths[],
    readonly required: RequiredNodeAffinity,
  ) {}

  clone(): StateData {
    return new PreFilterState(
      this.constraints,
      this.matchNum.map((m) => new Map(m)),
      this.criticalPaths.map((c) => c.clone()),
      this.required,
    );
  }

  minMatchNum(i: number): number {
    const domains = this.matchNum[i].size;
    if (domains < this.constraints[i].minDomains) return 0;
    return this.criticalPaths[i].p[0].num;
  }

  /** updateWithPod: preemption added (delta 1) or removed (−1) a pod on a node. */
  updateWithPod(updated: PodInfo, preemptor: PodInfo, node: NodeInfo, delta: number): void {
    if (updated.namespace !== preemptor.namespace || !node.node) return;
    if (!nodeLabelsMatchSpreadConstraints(node.labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!matchLabels(c.selector, updated.labels)) return;
      if (!matchNodeInclusionPolicies(c, preemptor, node, this.required)) return;
      const v = node.labels[c.topologyKey];
      const n = (this.matchNum[i].get(v) ?? 0) + delta;
      this.matchNum[i].set(v, n);
      this.criticalPaths[i].update(v, n);
    });
  }
}

/** The pod's hard constraints: its own DoNotSchedule ones, or (with none of its own) the defaults, which are all soft. */
export function hardConstraints(pod: PodInfo, snapshot: Snapshot): Constraint[] {
  const own = pod.pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0) return filterConstraints(own, pod.labels, 'DoNotSchedule');
  return buildDefaultConstraints(pod, snapshot, 'DoNotSchedule');
}

export function calPreFilterState(pod: PodInfo, snapshot: Snapshot): PreFilterState | undefined {
  const constraints = hardConstraints(pod, snapshot);
  if (constraints.length === 0) return undefined;
  const required = getRequiredNodeAffinity(pod.pod);
  const matchNum = constraints.map(() => new Map<string, number>());
  for (const ni of snapshot.list()) {
    if (!nodeLabelsMatchSpreadConstraints(ni.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, ni, required)) return;
      const v = ni.labels[c.topologyKey];
      matchNum[i].set(v, (matchNum[i].get(v) ?? 0) + countPodsMatchSelector(ni.pods, c.selector, pod.namespace));
    });
  }
  const criticalPaths = constraints.map((_, i) => {
    const cp = new CriticalPaths();
    for (const [v, n] of matchNum[i]) cp.update(v, n);
    return cp;
  });
  return new PreFilterState(constraints, matchNum, criticalPaths, required);
}

/** Filter: undefined when the node keeps every constraint's skew within maxSkew, else the reason. */
export function filterNode(s: PreFilterState, pod: PodInfo, node: NodeInfo): { reason: string; unresolvable: boolean } | undefined {
  const labels = node.labels;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = labels[c.topologyKey];
    if (v === undefined) return { reason: ERR_REASON_NODE_LABEL_NOT_MATCH, unresolvable: true };
    const selfMatch = matchLabels(c.selector, pod.labels) ? 1 : 0;
    const skew = (s.matchNum[i].get(v) ?? 0) + selfMatch - s.minMatchNum(i);
    if (skew > c.maxSkew) return { reason: ERR_REASON_CONSTRAINTS_NOT_MATCH, unresolvable: false };
  }
  return undefined;
}
