/**
 * InterPodAffinity: pod affinity and anti-affinity between pods, in topology domains (a node, a
 * zone, ... named by topologyKey). PreFilter counts, once per cycle over all nodes, the pods the
 * incoming pod's terms match and the existing pods whose anti-affinity the incoming pod would
 * violate; Filter then only looks the node's labels up in those counts. Score does the same with
 * the preferred terms (and existing pods' required affinity, weight hardPodAffinityWeight).
 */
import type { StateData } from '../../framework/cycle-state';
import {
  MAX_NODE_SCORE,
  type CycleContext,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { podMatchesAllTerms, termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info';
import { skip, unresolvable, unschedulable, type MaybeStatus } from '../../framework/status';
import * as names from '../names';
import { pairKey, TopologyCounts } from './topology-counts';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

const PRE_FILTER_KEY = 'PreFilter' + names.InterPodAffinity;
const PRE_SCORE_KEY = 'PreScore' + names.InterPodAffinity;

class PreFilterState implements StateData {
  constructor(
    readonly pod: PodInfo,
    readonly existingAntiAffinityCounts: TopologyCounts,
    readonly affinityCounts: TopologyCounts,
    readonly antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): StateData {
    return new PreFilterState(this.pod, this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone());
  }
}

class PreScoreState implements StateData {
  /** topologyKey → value → score */
  constructor(readonly topologyScore: Map<string, Map<string, number>>) {}
  clone(): StateData {
    return this;
  }
}

export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = names.InterPodAffinity;
  private readonly hardPodAffinityWeight: number;
  private readonly ignorePreferredTermsOfExistingPods: boolean;

  constructor(args: InterPodAffinityArgs = {}) {
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
    this.ignorePreferredTermsOfExistingPods = args.ignorePreferredTermsOfExistingPods ?? false;
  }

  preFilter(ctx: CycleContext, pod: PodInfo): PreFilterResult | undefined {
    const snap = ctx.snapshot;
    const nsLabels = snap.namespaceLabels(pod.namespace);
    // Existing pods whose required anti-affinity the incoming pod matches.
    const existing = new TopologyCounts();
    for (const ni of snap.havePodsWithRequiredAntiAffinity()) {
      for (const ep of ni.podsWithRequiredAntiAffinity) existing.updateWithAntiAffinityTerms(ep.requiredAntiAffinityTerms, pod, nsLabels, ni.node!, 1);
    }
    const affinity = new TopologyCounts();
    const anti = new TopologyCounts();
    const aff = pod.requiredAffinityTerms;
    const antiTerms = pod.requiredAntiAffinityTerms;
    if (aff.length > 0 || antiTerms.length > 0) {
      for (const ni of snap.list()) {
        for (const ep of ni.pods) {
          const epNs = snap.namespaceLabels(ep.namespace);
          if (aff.length > 0) affinity.updateWithAffinityTerms(aff, ep, epNs, ni.node!, 1);
          if (antiTerms.length > 0) anti.updateWithAntiAffinityTerms(antiTerms, ep, epNs, ni.node!, 1);
        }
      }
    }
    if (existing.size === 0 && aff.length === 0 && antiTerms.length === 0) return { status: skip() };
    ctx.state.write(PRE_FILTER_KEY, new PreFilterState(pod, existing, affinity, anti));
    return undefined;
  }

  addPod(ctx: CycleContext, _pod: PodInfo, toAdd: PodInfo, node: NodeInfo): MaybeStatus {
    this.updateWithPod(ctx, toAdd, node, 1);
    return undefined;
  }

  removePod(ctx: CycleContext, _pod: PodInfo, toRemove: PodInfo, node: NodeInfo): MaybeStatus {
    this.updateWithPod(ctx, toRemove, node, -1);
    return undefined;
  }

  private updateWithPod(ctx: CycleContext, p: PodInfo, node: NodeInfo, delta: number): void {
    const s = ctx.state.read(PRE_FILTER_KEY, PreFilterState);
    if (!s || !node.node) return;
    const snap = ctx.snapshot;
    s.existingAntiAffinityCounts.updateWithAntiAffinityTerms(p.requiredAntiAffinityTerms, s.pod, snap.namespaceLabels(s.pod.namespace), node.node, delta);
    const pNs = snap.namespaceLabels(p.namespace);
    s.affinityCounts.updateWithAffinityTerms(s.pod.requiredAffinityTerms, p, pNs, node.node, delta);
    s.antiAffinityCounts.updateWithAntiAffinityTerms(s.pod.requiredAntiAffinityTerms, p, pNs, node.node, delta);
  }

  filter(ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const s = ctx.state.read(PRE_FILTER_KEY, PreFilterState);
    if (!s || !node.node) return undefined;
    const labels = node.labels;
    if (!satisfyPodAffinity(s, labels, ctx.snapshot.namespaceLabels(pod.namespace))) return unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    if (!satisfyPodAntiAffinity(s, labels)) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    if (!satisfyExistingPodsAntiAffinity(s, labels)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    return undefined;
  }

  preScore(ctx: CycleContext, pod: PodInfo, nodes: readonly NodeInfo[]): MaybeStatus {
    if (nodes.length === 0) return undefined;
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    if (this.ignorePreferredTermsOfExistingPods && !hasConstraints) return skip();
    const snap = ctx.snapshot;
    const all = hasConstraints ? snap.list() : snap.havePodsWithAffinity();
    const nsLabels = snap.namespaceLabels(pod.namespace);
    const topologyScore = new Map<string, Map<string, number>>();
    const add = (term: AffinityTerm, weight: number, labels: Readonly<Record<string, string>>): void => {
      const v = labels[term.topologyKey];
      if (v === undefined) return;
      let m = topologyScore.get(term.topologyKey);
      if (!m) topologyScore.set(term.topologyKey, (m = new Map()));
      m.set(v, (m.get(v) ?? 0) + weight);
    };
    for (const ni of all) {
      const labels = ni.labels;
      if (Object.keys(labels).length === 0) continue;
      for (const ep of hasConstraints ? ni.pods : ni.podsWithAffinity) {
        const epNs = snap.namespaceLabels(ep.namespace);
        // The incoming pod's preferred terms against the existing pod.
        for (const t of pod.preferredAffinityTerms) if (termMatches(t, ep, epNs)) add(t, t.weight, labels);
        for (const t of pod.preferredAntiAffinityTerms) if (termMatches(t, ep, epNs)) add(t, -t.weight, labels);
        // The existing pod's terms against the incoming pod.
        if (this.hardPodAffinityWeight > 0) for (const t of ep.requiredAffinityTerms) if (termMatches(t, pod, nsLabels)) add(t, this.hardPodAffinityWeight, labels);
        for (const t of ep.preferredAffinityTerms) if (termMatches(t, pod, nsLabels)) add(t, t.weight, labels);
        for (const t of ep.preferredAntiAffinityTerms) if (termMatches(t, pod, nsLabels)) add(t, -t.weight, labels);
      }
    }
    // Upstream counts a node's contributions only when they are non-empty; a key whose values sum
    // to zero still counts, which matters for NormalizeScore.
    if (topologyScore.size === 0) return skip();
    ctx.state.write(PRE_SCORE_KEY, new PreScoreState(topologyScore));
    return undefined;
  }

  score(ctx: CycleContext, _pod: PodInfo, node: NodeInfo): number {
    const s = ctx.state.read(PRE_SCORE_KEY, PreScoreState);
    if (!s) return 0;
    const labels = node.labels;
    let score = 0;
    for (const [key, values] of s.topologyScore) {
      const v = labels[key];
      if (v !== undefined) score += values.get(v) ?? 0;
    }
    return score;
  }

  /** Min-max scaling into 0..100 (scores can be negative before it). */
  normalizeScore(ctx: CycleContext, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): MaybeStatus {
    const s = ctx.state.read(PRE_SCORE_KEY, PreScoreState);
    if (!s || s.topologyScore.size === 0) return undefined;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const x of scores) {
      if (x > max) max = x;
      if (x < min) min = x;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
    return undefined;
  }
}

function satisfyPodAffinity(s: PreFilterState, labels: Readonly<Record<string, string>>, nsLabels: Readonly<Record<string, string>> | undefined): boolean {
  let podsExist = true;
  for (const t of s.pod.requiredAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v === undefined) return false; // every topology label must exist on the node
    if (s.affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: if no pod anywhere matches the terms and the
  // pod matches its own terms, let it in, so such groups can start.
  return s.affinityCounts.size === 0 && podMatchesAllTerms(s.pod.requiredAffinityTerms, s.pod, nsLabels);
}

function satisfyPodAntiAffinity(s: PreFilterState, labels: Readonly<Record<string, string>>): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.pod.requiredAntiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, labels: Readonly<Record<string, string>>): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(labels)) if (s.existingAntiAffinityCounts.counts.has(pairKey(k, v))) return false;
  return true;
}
