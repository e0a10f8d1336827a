/**
 * PodTopologySpread's soft constraints (whenUnsatisfiable: ScheduleAnyway, and the cluster
 * defaults). A node's raw score is, over constraints, (pods matching in its domain) × log(domains
 * + 2) + maxSkew − 1; NormalizeScore turns fewer into better: 100 × (max + min − score) / max.
 */
import type { StateData } from '../../framework/cycle-state';
import { MAX_NODE_SCORE } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { Snapshot } from '../../framework/snapshot';
import { getRequiredNodeAffinity } from '../helper/node-affinity';
import { buildDefaultConstraints, countPodsMatchSelector, filterConstraints, LABEL_HOSTNAME, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type Constraint } from './common';

export class PreScoreState implements StateData {
  constructor(
    readonly constraints: readonly Constraint[],
    /** Nodes without all topology keys (when they are required): score 0. */
    readonly ignoredNodes: ReadonlySet<string>,
    /** Per constraint (except hostname ones, counted in Score): domain value → matching pods. */
    readonly podCounts: Map<string, number>[],
    readonly normalizingWeights: readonly number[],
  ) {}

  clone(): StateData {
    return this;
  }
}

/** topologyNormalizingWeight: log(size + 2). */
function normalizingWeight(size: number): number {
  return Math.log(size + 2);
}

function scoreForCount(cnt: number, maxSkew: number, weight: number): number {
  return cnt * weight + (maxSkew - 1);
}

/** PreScore; undefined when the pod has no soft constraints (the plugin then skips scoring). */
export function calPreScoreState(pod: PodInfo, filtered: readonly NodeInfo[], snapshot: Snapshot): PreScoreState | undefined {
  const own = pod.pod.spec?.topologySpreadConstraints ?? [];
  const constraints = own.length > 0 ? filterConstraints(own, pod.labels, 'ScheduleAnyway') : buildDefaultConstraints(pod, snapshot, 'ScheduleAnyway');
  if (constraints.length === 0) return undefined;
  // Only the pod's own constraints require every topology label; the defaults let a node without
  // a zone label still be spread over by hostname.
  const requireAll = own.length > 0;
  const ignored = new Set<string>();
  const podCounts = constraints.map(() => new Map<string, number>());
  for (const ni of filtered) {
    if (requireAll && !nodeLabelsMatchSpreadConstraints(ni.labels, constraints)) {
      ignored.add(ni.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const v = ni.labels[c.topologyKey];
      // A node without the key is counted under "" — as upstream, which reads a missing label as "".
      if (!podCounts[i].has(v ?? '')) podCounts[i].set(v ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) => normalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : podCounts[i].size));
  const required = getRequiredNodeAffinity(pod.pod);
  for (const ni of snapshot.list()) {
    const labels = ni.labels;
    if (requireAll && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey === LABEL_HOSTNAME) continue;
      const v = labels[c.topologyKey] ?? '';
      const cur = podCounts[i].get(v);
      if (cur === undefined) continue; // no candidate node in this domain
      if (!matchNodeInclusionPolicies(c, pod, ni, required)) continue;
      podCounts[i].set(v, cur + countPodsMatchSelector(ni.pods, c.selector, pod.namespace));
    }
  }
  return new PreScoreState(constraints, ignored, podCounts, weights);
}

export function scoreNode(s: PreScoreState, pod: PodInfo, node: NodeInfo): number {
  if (s.ignoredNodes.has(node.name)) return 0;
  let score = 0;
  s.constraints.forEach((c, i) => {
    const v = node.labels[c.topologyKey];
    if (v === undefined) return;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? countPodsMatchSelector(node.pods, c.selector, pod.namespace) : (s.podCounts[i].get(v) ?? 0);
    score += scoreForCount(cnt, c.maxSkew, s.normalizingWeights[i]);
  });
  return Math.round(score);
}

export function normalizeScores(s: PreScoreState, nodes: readonly NodeInfo[], scores: number[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  const ignored = nodes.map((n) => s.ignoredNodes.has(n.name));
  scores.forEach((x, i) => {
    if (ignored[i]) return;
    if (x < min) min = x;
    if (x > max) max = x;
  });
  for (let i = 0; i < scores.length; i++) {
    if (ignored[i]) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
