/**
 * What PodTopologySpread's filter and score share: the constraints a pod is held to (its own, or
 * the cluster's default soft spreading over hostname and zone with the selector of the Services
 * and controllers that select it), node inclusion policies, and counting matching pods.
 */
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { labelSelectorFromMeta, matchLabels, NOTHING, selectorFromSet, type LabelSelector } from '../../../kube/labels';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import type { Snapshot } from '../../framework/snapshot';
import { matchesRequiredNodeAffinity, type RequiredNodeAffinity } from '../helper/node-affinity';
import { doNotScheduleTaints, findMatchingUntoleratedTaint } from '../helper/taints';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export type InclusionPolicy = 'Honor' | 'Ignore';
export type UnsatisfiableAction = 'DoNotSchedule' | 'ScheduleAnyway';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  nodeAffinityPolicy: InclusionPolicy;
  nodeTaintsPolicy: InclusionPolicy;
}

/** The cluster-level defaults (defaultingType: System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export function isEmptySelector(s: LabelSelector): boolean {
  return !s.nothing && s.requirements.length === 0;
}

function parse(sel: TopologySpreadConstraint['labelSelector'] | null): LabelSelector {
  try {
    return labelSelectorFromMeta(sel);
  } catch {
    return NOTHING;
  }
}

/** filterTopologySpreadConstraints: the constraints with this action, selectors parsed (matchLabelKeys merged in). */
export function filterConstraints(constraints: readonly TopologySpreadConstraint[], podLabels: Readonly<Record<string, string>>, action: UnsatisfiableAction): Constraint[] {
  const out: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = parse(c.labelSelector);
    const keys = c.matchLabelKeys ?? [];
    if (keys.length > 0) {
      const extra = keys.filter((k) => k in podLabels).map((k) => ({ key: k, operator: 'in' as const, values: [podLabels[k]] }));
      if (extra.length > 0) selector = { ...selector, requirements: [...selector.requirements, ...extra] };
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the labels of the Services selecting the pod merged, plus the selector
 * of the ReplicaSet / StatefulSet / ReplicationController controlling it.
 */
export function defaultSelector(pod: Pod, snapshot: Snapshot): LabelSelector {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  const labelSet: Record<string, string> = {};
  for (const svc of snapshot.objects.services ?? []) {
    const sel = svc.spec?.selector;
    if ((svc.metadata?.namespace ?? '') !== ns || sel === undefined) continue;
    if (Object.entries(sel).every(([k, v]) => podLabels[k] === v)) Object.assign(labelSet, sel);
  }
  let selector = selectorFromSet(labelSet);
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  if (!owner) return selector;
  const sameOwner = (m: { metadata?: { name?: string; namespace?: string } }): boolean => m.metadata?.name === owner.name && (m.metadata?.namespace ?? '') === ns;
  const addSelector = (meta: TopologySpreadConstraint['labelSelector'] | null): void => {
    const other = parse(meta);
    if (!other.nothing) selector = { requirements: [...selector.requirements, ...other.requirements] };
  };
  if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
    const rc = snapshot.objects.replicationControllers?.find(sameOwner);
    if (rc?.spec?.selector) selector = selectorFromSet({ ...labelSet, ...rc.spec.selector });
  } else if (owner.kind === 'ReplicaSet' && owner.apiVersion === 'apps/v1') {
    const rs = snapshot.objects.replicaSets?.find(sameOwner);
    if (rs) addSelector(rs.spec?.selector);
  } else if (owner.kind === 'StatefulSet' && owner.apiVersion === 'apps/v1') {
    const ss = snapshot.objects.statefulSets?.find(sameOwner);
    if (ss) addSelector(ss.spec?.selector);
  }
  return selector;
}

/** buildDefaultConstraints: the system defaults with the pod's default selector, or none if it is empty. */
export function buildDefaultConstraints(pod: PodInfo, snapshot: Snapshot, action: UnsatisfiableAction): Constraint[] {
  const constraints = filterConstraints(SYSTEM_DEFAULT_CONSTRAINTS, pod.labels, action);
  if (constraints.length === 0) return [];
  const selector = defaultSelector(pod.pod, snapshot);
  if (isEmptySelector(selector)) return [];
  for (const c of constraints) c.selector = selector;
  return constraints;
}

export function nodeLabelsMatchSpreadConstraints(labels: Readonly<Record<string, string>>, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

/** matchNodeInclusionPolicies: whether the node counts for this constraint under its policies. */
export function matchNodeInclusionPolicies(c: Constraint, pod: PodInfo, node: NodeInfo, required: RequiredNodeAffinity): boolean {
  if (!node.node) return false;
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequiredNodeAffinity(required, node.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.node.spec?.taints, pod.pod.spec?.tolerations ?? [], doNotScheduleTaints)) return false;
  return true;
}

/** countPodsMatchSelector: pods in the namespace matching the selector, terminating ones left out. */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: LabelSelector, ns: string): number {
  if (isEmptySelector(selector)) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.terminating || p.namespace !== ns) continue;
    if (matchLabels(selector, p.labels)) n++;
  }
  return n;
}
