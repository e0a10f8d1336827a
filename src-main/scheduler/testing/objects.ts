/**
 * Test shorthands for nodes and pods, used by the plugin tests and the data-driven scripts:
 * `{name: w1, cpu: "2", zone: a, taints: ["dedicated=gpu:NoSchedule"]}` becomes a full v1.Node,
 * `{name: web, cpu: 500m, node: w1, labels: {app: web}}` a v1.Pod. Anything else goes in `spec`.
 */
import type { Container, ContainerPort, Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1';

export interface NodeShorthand {
  name: string;
  cpu?: string | number;
  memory?: string;
  pods?: number;
  ephemeralStorage?: string;
  /** Extended resources in allocatable, e.g. {"example.com/gpu": 2}. */
  extended?: Record<string, string | number>;
  zone?: string;
  labels?: Record<string, string>;
  /** "key=value:Effect" or "key:Effect" */
  taints?: string[];
  /** A kubeadm control-plane node: its role label and NoSchedule taint. */
  controlPlane?: boolean;
  unschedulable?: boolean;
  /** "name=size", e.g. "nginx:1.25=200Mi" (several names: "a,b=size"). */
  images?: string[];
}

export interface PodShorthand {
  name: string;
  namespace?: string;
  node?: string;
  cpu?: string | number;
  memory?: string;
  ephemeralStorage?: string;
  extended?: Record<string, string | number>;
  labels?: Record<string, string>;
  priority?: number;
  preemptionPolicy?: string;
  hostPorts?: number[];
  image?: string;
  tolerations?: PodSpec['tolerations'];
  nodeSelector?: Record<string, string>;
  affinity?: PodSpec['affinity'];
  topologySpreadConstraints?: PodSpec['topologySpreadConstraints'];
  /** A controller owner, "ReplicaSet/web-abc". */
  owner?: string;
  startTime?: string;
  phase?: string;
  nominatedNodeName?: string;
  deleting?: boolean;
  schedulingGates?: string[];
  spec?: Partial<PodSpec>;
}

const SIZE_UNITS: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

function parseSize(s: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(s.trim());
  if (!m) throw new Error(`bad image size ${s}`);
  return Number(m[1]) * SIZE_UNITS[m[2] ?? ''];
}

export function parseTaint(s: string): Taint {
  const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(s);
  if (!m) throw new Error(`bad taint "${s}": want key[=value]:Effect`);
  return m[2] === undefined ? { key: m[1], effect: m[3] } : { key: m[1], value: m[2], effect: m[3] };
}

export function makeNode(n: NodeShorthand): Node {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', ...(n.zone ? { 'topology.kubernetes.io/zone': n.zone } : {}), ...n.labels };
  const taints = (n.taints ?? []).map(parseTaint);
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    taints.unshift({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  }
  const allocatable: Record<string, string> = { cpu: String(n.cpu ?? '4'), memory: n.memory ?? '16Gi', pods: String(n.pods ?? 110), 'ephemeral-storage': n.ephemeralStorage ?? '100Gi' };
  for (const [k, v] of Object.entries(n.extended ?? {})) allocatable[k] = String(v);
  const images = (n.images ?? []).map((s) => {
    const i = s.lastIndexOf('=');
    return { names: s.slice(0, i).split(','), sizeBytes: parseSize(s.slice(i + 1)) };
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels },
    spec: { ...(taints.length ? { taints } : {}), ...(n.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable, capacity: allocatable, ...(images.length ? { images } : {}) },
  };
}

export function makePod(p: PodShorthand): Pod {
  const requests: Record<string, string> = {};
  if (p.cpu !== undefined) requests.cpu = String(p.cpu);
  if (p.memory !== undefined) requests.memory = p.memory;
  if (p.ephemeralStorage !== undefined) requests['ephemeral-storage'] = p.ephemeralStorage;
  for (const [k, v] of Object.entries(p.extended ?? {})) requests[k] = String(v);
  const ports: ContainerPort[] = (p.hostPorts ?? []).map((hp) => ({ containerPort: hp, hostPort: hp, protocol: 'TCP' }));
  const container: Container = { name: 'c', image: p.image ?? 'registry.k8s.io/pause:3.10', ...(Object.keys(requests).length ? { resources: { requests } } : {}), ...(ports.length ? { ports } : {}) };
  const spec: PodSpec = {
    containers: [container],
    schedulerName: 'default-scheduler',
    ...(p.node ? { nodeName: p.node } : {}),
    ...(p.priority !== undefined ? { priority: p.priority } : {}),
    ...(p.preemptionPolicy ? { preemptionPolicy: p.preemptionPolicy } : {}),
    ...(p.tolerations ? { tolerations: p.tolerations } : {}),
    ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}),
    ...(p.affinity ? { affinity: p.affinity } : {}),
    ...(p.topologySpreadConstraints ? { topologySpreadConstraints: p.topologySpreadConstraints } : {}),
    ...(p.schedulingGates ? { schedulingGates: p.schedulingGates.map((name) => ({ name })) } : {}),
    ...p.spec,
  };
  const owner = p.owner ? p.owner.split('/') : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace ?? 'default',
      uid: `uid-${p.namespace ?? 'default'}-${p.name}`,
      ...(p.labels ? { labels: p.labels } : {}),
      ...(owner ? { ownerReferences: [{ apiVersion: owner[0] === 'ReplicationController' ? 'v1' : 'apps/v1', kind: owner[0], name: owner[1], uid: `uid-${owner[1]}`, controller: true }] } : {}),
      ...(p.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec,
    status: {
      phase: p.phase ?? (p.node ? 'Running' : 'Pending'),
      ...(p.startTime ? { startTime: p.startTime } : {}),
      ...(p.nominatedNodeName ? { nominatedNodeName: p.nominatedNodeName } : {}),
    },
  };
}
