/**
 * A first placement algorithm, until the scheduling framework with upstream's plugins lands:
 * NodeName, NodeUnschedulable, TaintToleration (NoSchedule/NoExecute), NodeAffinity (nodeSelector
 * and required terms), NodeResourcesFit (cpu, memory, pods) as filters, least-allocated scoring, ties
 * broken by name; the FailedScheduling message counts reasons as upstream formats it.
 */
import { parseQuantity } from '../kube/quantity';
import { podMatchesNode } from '../kube/node-affinity';
import type { KubeObject } from '../kube/object';
import { tolerationsFor, type Taint, type Toleration } from '../kube/taints';
import type { Placement } from './scheduler';

interface Resources {
  cpu: number;
  memory: number;
}

interface ContainerView {
  resources?: { requests?: Record<string, string> };
}

function requests(pod: KubeObject): Resources {
  const spec = (pod.spec ?? {}) as { containers?: ContainerView[]; initContainers?: ContainerView[] };
  const sum: Resources = { cpu: 0, memory: 0 };
  for (const c of spec.containers ?? []) {
    sum.cpu += parseQuantity(c.resources?.requests?.cpu ?? '0');
    sum.memory += parseQuantity(c.resources?.requests?.memory ?? '0');
  }
  for (const c of spec.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, parseQuantity(c.resources?.requests?.cpu ?? '0'));
    sum.memory = Math.max(sum.memory, parseQuantity(c.resources?.requests?.memory ?? '0'));
  }
  return sum;
}

/** Requests for scoring: upstream counts missing cpu/memory requests as 100m / 200Mi. */
function scoringRequests(pod: KubeObject): Resources {
  const r = requests(pod);
  return { cpu: r.cpu || 0.1, memory: r.memory || 200 * 1024 * 1024 };
}

function allocatable(node: KubeObject): Resources & { pods: number } {
  const a = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {});
  return { cpu: parseQuantity(a.cpu ?? '0'), memory: parseQuantity(a.memory ?? '0'), pods: parseQuantity(a.pods ?? '0') };
}

/** Why a node cannot take the pod (upstream's reason strings), or undefined if it can. */
function filter(pod: KubeObject, node: KubeObject, onNode: KubeObject[]): string[] {
  const spec = (pod.spec ?? {}) as { nodeName?: string; nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
  const nspec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
  const reasons: string[] = [];
  const tolerations = spec.tolerations ?? [];
  if (nspec.unschedulable && !tolerationsFor(tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }).length) {
    return ['node(s) were unschedulable'];
  }
  const untolerated = (nspec.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && tolerationsFor(tolerations, t).length === 0);
  if (untolerated) return [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`];
  if (!podMatchesNode(pod.spec, node)) return ["node(s) didn't match Pod's node affinity/selector"];
  const cap = allocatable(node);
  const want = requests(pod);
  const used = onNode.reduce((acc, p) => {
    const r = requests(p);
    return { cpu: acc.cpu + r.cpu, memory: acc.memory + r.memory };
  }, { cpu: 0, memory: 0 });
  if (onNode.length + 1 > cap.pods) reasons.push('Too many pods');
  if (want.cpu > 0 && used.cpu + want.cpu > cap.cpu) reasons.push('Insufficient cpu');
  if (want.memory > 0 && used.memory + want.memory > cap.memory) reasons.push('Insufficient memory');
  return reasons;
}

/** `0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {...}.` (reasons sorted). */
export function fitErrorMessage(total: number, counts: Map<string, number>): string {
  const parts = [...counts.entries()].map(([reason, n]) => `${n} ${reason}`).sort();
  return `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

export function interimPlacement(pod: KubeObject, nodes: readonly KubeObject[], assigned: readonly KubeObject[]): Placement {
  const byNode = new Map<string, KubeObject[]>();
  for (const p of assigned) {
    const n = (p.spec as { nodeName?: string }).nodeName ?? '';
    let list = byNode.get(n);
    if (!list) byNode.set(n, (list = []));
    list.push(p);
  }
  const wanted = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  const counts = new Map<string, number>();
  let best: { name: string; score: number } | undefined;
  for (const node of [...nodes].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    const name = node.metadata.name ?? '';
    if (wanted && wanted !== name) {
      counts.set("node(s) didn't match the requested node name", (counts.get("node(s) didn't match the requested node name") ?? 0) + 1);
      continue;
    }
    const onNode = byNode.get(name) ?? [];
    const reasons = filter(pod, node, onNode);
    if (reasons.length > 0) {
      for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
      continue;
    }
    // LeastAllocated over cpu and memory, counting pods without requests at upstream's non-zero
    // defaults (100m, 200Mi), and spreading: fewer pods of the same owner on the node is better.
    const cap = allocatable(node);
    const used = onNode.reduce((acc, p) => {
      const r = scoringRequests(p);
      return { cpu: acc.cpu + r.cpu, memory: acc.memory + r.memory };
    }, scoringRequests(pod));
    const free = (c: number, u: number): number => (c > 0 ? Math.max(0, (c - u) / c) : 0);
    const owner = pod.metadata.ownerReferences?.[0]?.uid;
    const siblings = owner ? onNode.filter((p) => p.metadata.ownerReferences?.[0]?.uid === owner).length : 0;
    const score = ((free(cap.cpu, used.cpu) + free(cap.memory, used.memory)) / 2) * 100 - siblings * 10;
    if (!best || score > best.score) best = { name, score };
  }
  if (best) return { kind: 'Scheduled', nodeName: best.name };
  return { kind: 'Unschedulable', message: fitErrorMessage(nodes.length, counts) };
}
