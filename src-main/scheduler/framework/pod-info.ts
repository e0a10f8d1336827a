/**
 * framework.PodInfo: a pod with what the scheduler derives from it once (requests, host ports,
 * parsed affinity terms), so that a cycle over thousands of nodes does not parse them again.
 */
import type { ContainerPort, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { labelSelectorFromMeta, matchLabels, NOTHING, type LabelSelector, type Labels } from '../../kube/labels';
import { CPU, MEMORY, podRequestList, podResource, type Resource } from './resource';

/** framework.AffinityTerm: a pod (anti-)affinity term with its selectors parsed. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: LabelSelector;
  topologyKey: string;
  namespaceSelector: LabelSelector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface HostPort {
  hostIP: string;
  protocol: string;
  port: number;
}

function parseSelector(sel: Parameters<typeof labelSelectorFromMeta>[0]): LabelSelector {
  try {
    return labelSelectorFromMeta(sel);
  } catch {
    // Upstream ignores terms it cannot parse (the apiserver does not validate all of them).
    return NOTHING;
  }
}

function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = term.namespaces ?? [];
  const own = namespaces.length === 0 && term.namespaceSelector === undefined;
  return {
    namespaces: new Set(own ? [pod.metadata?.namespace ?? ''] : namespaces),
    selector: parseSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    namespaceSelector: term.namespaceSelector === undefined ? NOTHING : parseSelector(term.namespaceSelector),
  };
}

function weighted(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and its labels match. */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: Labels): boolean {
  if (term.namespaces.has(pod.namespace) || matchLabels(term.namespaceSelector, nsLabels ?? {})) {
    return matchLabels(term.selector, pod.labels);
  }
  return false;
}

/** Whether the pod matches every term (and there is at least one). */
export function podMatchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: Labels): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, nsLabels)) return false;
  return true;
}

/** schedutil.GetHostPorts: the ports of containers that ask for a host port. */
function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const add = (ports: readonly ContainerPort[] | undefined): void => {
    for (const p of ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ hostIP: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  };
  for (const c of pod.spec?.containers ?? []) add(c.ports);
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') add(c.ports);
  return out;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

export class PodInfo {
  readonly key: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priority: number;
  /** Effective requests (containers summed, init containers max'ed, overhead added). */
  readonly requests: Resource;
  /** CPU and memory requests with 100m / 200Mi for containers that request none. */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  /** Has pod affinity or anti-affinity of any kind (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly hasRequiredAntiAffinity: boolean;
  /** Being deleted (metadata.deletionTimestamp set). */
  readonly terminating: boolean;

  constructor(readonly pod: Pod) {
    this.key = podKey(pod);
    this.namespace = pod.metadata?.namespace ?? '';
    this.labels = pod.metadata?.labels ?? {};
    this.priority = podPriority(pod);
    this.requests = podResource(pod);
    const nonZero = podRequestList(pod, true);
    this.nonZeroMilliCPU = nonZero.get(CPU) ?? 0;
    this.nonZeroMemory = nonZero.get(MEMORY) ?? 0;
    this.hostPorts = hostPorts(pod);
    const aff = pod.spec?.affinity;
    this.requiredAffinityTerms = (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t));
    this.requiredAntiAffinityTerms = (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t));
    this.preferredAffinityTerms = weighted(pod, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = weighted(pod, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.hasAffinity = aff?.podAffinity !== undefined || aff?.podAntiAffinity !== undefined;
    this.hasRequiredAntiAffinity = this.requiredAntiAffinityTerms.length > 0;
    this.terminating = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  }

  get nodeName(): string {
    return this.pod.spec?.nodeName ?? '';
  }


  /** status.startTime in ms; pods that have not started count as starting now, i.e. after all others. */
  get startTime(): number {
    const t = this.pod.status?.startTime;
    const ms = t ? Date.parse(t) : NaN;
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  }
}
