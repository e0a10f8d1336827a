/**
 * The node lifecycle controller: watches node heartbeats (the node Lease and the Ready
 * condition's heartbeat). A node silent for node-monitor-grace-period (50 s in v1.32) gets its
 * conditions set to Unknown ("Kubelet stopped posting node status.") and its pods marked not
 * ready. Conditions become taints: not-ready / unreachable with NoSchedule and NoExecute (the
 * taint eviction controller acts on NoExecute), pressure conditions and cordoning with NoSchedule.
 */
import type { Clock, TimerHandle } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import type { Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { metaTime } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { LEASES, NODES, PODS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import type { Taint } from '../../kube/taints';
import { nodeNameOf, podCondition } from '../common/pods';
import type { Controller } from '../common/queue-controller';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Conditions whose state becomes a NoSchedule taint (TaintNodesByCondition). */
const CONDITION_TAINTS: [string, string, string][] = [
  ['Ready', 'False', NOT_READY],
  ['Ready', 'Unknown', UNREACHABLE],
  ['MemoryPressure', 'True', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'True', 'node.kubernetes.io/disk-pressure'],
  ['PIDPressure', 'True', 'node.kubernetes.io/pid-pressure'],
  ['NetworkUnavailable', 'True', 'node.kubernetes.io/network-unavailable'],
];
const MANAGED_KEYS = new Set([...CONDITION_TAINTS.map((c) => c[2]), 'node.kubernetes.io/unschedulable']);

interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface Health {
  probeTimestamp: number;
  heartbeat?: string;
  renewTime?: string;
}

const conditionsOf = (node: KubeObject): NodeCondition[] => (node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? [];
const taintsOf = (node: KubeObject): Taint[] => (node.spec as { taints?: Taint[] } | undefined)?.taints ?? [];

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly nodes: Informer;
  private readonly leases: Informer;
  private readonly pods: Informer;
  private readonly health = new Map<string, Health>();
  private timer: TimerHandle | undefined;
  private stopped = false;
  private finished: (() => void) | undefined;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    private readonly clock: Clock,
  ) {
    this.nodes = informers.informer(NODES);
    this.leases = informers.informer(LEASES, { namespace: 'kube-node-lease' });
    this.pods = informers.informer(PODS);
    this.pods.addIndexer('node', (p) => [nodeNameOf(p)]);
  }

  run(): Promise<void> {
    this.stopped = false;
    this.tick();
    return new Promise((resolve) => {
      this.finished = resolve;
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.finished?.();
  }

  private tick(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      void this.monitor()
        .catch(() => undefined)
        .finally(() => this.tick());
    }, NODE_MONITOR_PERIOD_MS);
  }

  /** One monitorNodeHealth pass over every node. */
  async monitor(): Promise<void> {
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const node of this.nodes.list()) {
      const name = node.metadata.name ?? '';
      seen.add(name);
      const ready = conditionsOf(node).find((c) => c.type === 'Ready');
      const renewTime = (this.leases.get('kube-node-lease', name)?.spec as { renewTime?: string } | undefined)?.renewTime;
      let h = this.health.get(name);
      if (!h) {
        // A node first seen now gets a full grace period (the controller may just have started).
        h = { probeTimestamp: now, heartbeat: ready?.lastHeartbeatTime, renewTime };
        this.health.set(name, h);
      }
      if (ready?.lastHeartbeatTime !== h.heartbeat || renewTime !== h.renewTime) {
        h.probeTimestamp = now;
        h.heartbeat = ready?.lastHeartbeatTime;
        h.renewTime = renewTime;
      }
      let current = node;
      if (now > h.probeTimestamp + NODE_MONITOR_GRACE_PERIOD_MS) current = await this.markUnknown(node, now);
      await this.reconcileTaints(current, now);
    }
    for (const name of [...this.health.keys()]) if (!seen.has(name)) this.health.delete(name);
  }

  private async markUnknown(node: KubeObject, now: number): Promise<KubeObject> {
    const conditions = conditionsOf(node).map((c) => ({ ...c }));
    let changed = false;
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({ type, status: 'Unknown', lastHeartbeatTime: metaTime(now), lastTransitionTime: metaTime(now), reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
        changed = true;
      } else if (c.status !== 'Unknown') {
        Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: metaTime(now) });
        changed = true;
      }
    }
    if (!changed) return node;
    try {
      const updated = await this.client.update(NODES, { ...node, status: { ...(node.status as object), conditions } }, { subresource: 'status' });
      await this.markPodsNotReady(node.metadata.name ?? '', now);
      return updated;
    } catch (e) {
      if (e instanceof StatusError && (e.status.code === 409 || e.status.code === 404)) return node;
      throw e;
    }
  }

  private async markPodsNotReady(nodeName: string, now: number): Promise<void> {
    for (const pod of this.pods.byIndex('node', nodeName)) {
      const ready = podCondition(pod, 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conditions = ((pod.status as { conditions?: object[] } | undefined)?.conditions ?? []).map((c) =>
        (c as { type: string }).type === 'Ready' || (c as { type: string }).type === 'ContainersReady'
          ? { ...c, status: 'False', lastTransitionTime: metaTime(now) }
          : c,
      );
      await this.client
        .patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', { metadata: { uid: pod.metadata.uid }, status: { conditions } }, { subresource: 'status' })
        .catch(() => undefined);
    }
  }

  /** The taints the node's conditions and spec.unschedulable call for; others are kept as they are. */
  private async reconcileTaints(node: KubeObject, now: number): Promise<void> {
    const conditions = conditionsOf(node);
    const existing = taintsOf(node);
    const since = (key: string, effect: string): string => existing.find((t) => t.key === key && t.effect === effect)?.timeAdded ?? metaTime(now);
    const wanted: Taint[] = [];
    for (const [type, status, key] of CONDITION_TAINTS) {
      if (conditions.some((c) => c.type === type && c.status === status)) wanted.push({ key, effect: 'NoSchedule', timeAdded: since(key, 'NoSchedule') });
    }
    const ready = conditions.find((c) => c.type === 'Ready')?.status;
    const noExecuteKey = ready === 'False' ? NOT_READY : ready === 'Unknown' ? UNREACHABLE : undefined;
    if (noExecuteKey) wanted.push({ key: noExecuteKey, effect: 'NoExecute', timeAdded: since(noExecuteKey, 'NoExecute') });
    const unschedulable = 'node.kubernetes.io/unschedulable';
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) wanted.push({ key: unschedulable, effect: 'NoSchedule', timeAdded: since(unschedulable, 'NoSchedule') });
    const kept = existing.filter((t) => !MANAGED_KEYS.has(t.key));
    const managedNow = existing.filter((t) => MANAGED_KEYS.has(t.key));
    const same =
      managedNow.length === wanted.length &&
      wanted.every((w) => managedNow.some((t) => t.key === w.key && t.effect === w.effect));
    if (same) return;
    const taints = [...kept, ...wanted];
    try {
      const fresh = await this.client.get(NODES, '', node.metadata.name ?? '');
      await this.client.update(NODES, { ...fresh, spec: { ...(fresh.spec as object), taints: taints.length > 0 ? taints : undefined } });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
    }
  }
}
