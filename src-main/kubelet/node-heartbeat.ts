/**
 * The kubelet's two heartbeats: the node Lease in kube-node-lease, renewed every 10 s (a quarter
 * of its 40 s duration), and the node status, computed every nodeStatusUpdateFrequency (10 s)
 * and posted when it changed or nodeStatusReportFrequency (5 min) has passed.
 */
import type { Clock, TimerHandle } from '../common/clock';
import type { ClusterClient } from '../client/cluster-client';
import { metaTime as ts, microTime } from '../kube/meta-time';
import type { KubeObject } from '../kube/object';
import { LEASES, NODES } from '../kube/registry';
import { StatusError } from '../kube/status';

export const NODE_LEASE_DURATION_S = 40;
export const NODE_LEASE_RENEW_MS = 10_000;
export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

const HEALTHY: Record<string, [string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
};

export class NodeHeartbeat {
  private leaseTimer: TimerHandle | undefined;
  private statusTimer: TimerHandle | undefined;
  private lastReport = 0;
  private running = false;

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly nodeName: string,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await this.postStatus(true).catch(() => undefined);
    await this.renewLease().catch(() => undefined);
    this.scheduleLease();
    this.scheduleStatus();
  }

  stop(): void {
    this.running = false;
    if (this.leaseTimer) this.clock.clearTimeout(this.leaseTimer);
    if (this.statusTimer) this.clock.clearTimeout(this.statusTimer);
    this.leaseTimer = this.statusTimer = undefined;
  }

  private scheduleLease(): void {
    if (!this.running) return;
    this.leaseTimer = this.clock.setTimeout(() => {
      void this.renewLease()
        .catch(() => undefined)
        .finally(() => this.scheduleLease());
    }, NODE_LEASE_RENEW_MS);
  }

  private scheduleStatus(): void {
    if (!this.running) return;
    this.statusTimer = this.clock.setTimeout(() => {
      void this.postStatus(false)
        .catch(() => undefined)
        .finally(() => this.scheduleStatus());
    }, NODE_STATUS_UPDATE_MS);
  }

  private async renewLease(): Promise<void> {
    if (!this.running) return;
    const now = microTime(this.clock.now());
    try {
      const lease = await this.client.get(LEASES, 'kube-node-lease', this.nodeName);
      await this.client.update(LEASES, { ...lease, spec: { ...(lease.spec as object), holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_S, renewTime: now } });
    } catch (e) {
      if (!(e instanceof StatusError && e.status.code === 404)) throw e;
      const node = await this.client.get(NODES, '', this.nodeName);
      await this.client.create(LEASES, 'kube-node-lease', {
        metadata: {
          name: this.nodeName,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid ?? '' }],
        },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_S, renewTime: now },
      });
    }
  }

  /** Posts the node's conditions when they changed, or when the report interval has passed. */
  private async postStatus(force: boolean): Promise<void> {
    if (!this.running) return;
    const now = this.clock.now();
    const node: KubeObject = await this.client.get(NODES, '', this.nodeName);
    const conditions = ((node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []).map((c) => ({ ...c }));
    let changed = false;
    for (const [type, [status, reason, message]] of Object.entries(HEALTHY)) {
      let c = conditions.find((x) => x.type === type);
      if (!c) {
        c = { type, status, lastHeartbeatTime: ts(now), lastTransitionTime: ts(now), reason, message };
        conditions.push(c);
        changed = true;
        continue;
      }
      if (c.status !== status || c.reason !== reason) {
        Object.assign(c, { status, reason, message, lastTransitionTime: ts(now) });
        changed = true;
      }
    }
    if (!force && !changed && now - this.lastReport < NODE_STATUS_REPORT_MS) return;
    for (const c of conditions) c.lastHeartbeatTime = ts(now);
    await this.client.patch(NODES, '', this.nodeName, 'strategic', { status: { conditions } }, { subresource: 'status' });
    this.lastReport = now;
  }
}
