/**
 * Leader election by a coordination.k8s.io Lease, as client-go's leaderelection package: a
 * candidate takes the lease when its holder has not renewed it for leaseDuration (measured on the
 * candidate's own clock from when it last saw the lease change, so clocks need not agree), the
 * leader renews every retryPeriod and gives up leadership if it cannot renew within
 * renewDeadline. kube-controller-manager and kube-scheduler use 15 s / 10 s / 2 s.
 */
import type { Clock, TimerHandle } from '../common/clock';
import type { Rand } from '../common/rand';
import { microTime } from '../kube/meta-time';
import type { KubeObject } from '../kube/object';
import { LEASES } from '../kube/registry';
import { StatusError } from '../kube/status';
import type { ClusterClient } from './cluster-client';

export interface LeaderElectionConfig {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Clear the holder on stop() so others need not wait out the lease (ReleaseOnCancel). */
  releaseOnStop?: boolean;
  onStartedLeading(): void;
  onStoppedLeading(): void;
  onNewLeader?(identity: string): void;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** client-go's wait.Jitter factor for the retry period. */
const JITTER = 1.2;

export class LeaderElector {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observed: { spec: LeaseSpec; rv: string } | undefined;
  private observedTime = 0;
  private lastRenew = 0;
  private leading = false;
  private stopped = true;
  private timer: TimerHandle | undefined;
  private reportedLeader = '';

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly rand: Rand,
    private readonly config: LeaderElectionConfig,
  ) {
    this.leaseDurationMs = config.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = config.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = config.retryPeriodMs ?? 2_000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  get isRunning(): boolean {
    return !this.stopped;
  }

  /** The holder this candidate last saw. */
  get leader(): string {
    return this.observed?.spec.holderIdentity ?? '';
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops campaigning; `release` (default: the config's releaseOnStop) hands the lease back at once. */
  async stop(release = this.config.releaseOnStop ?? false): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const wasLeading = this.leading;
    this.leading = false;
    if (wasLeading && release) await this.release();
    if (wasLeading) this.config.onStoppedLeading();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.cycle();
    }, delayMs);
  }

  private async cycle(): Promise<void> {
    if (this.stopped) return;
    const ok = await this.tryAcquireOrRenew().catch(() => false);
    if (this.stopped) return;
    const now = this.clock.now();
    if (ok) {
      this.lastRenew = now;
      if (!this.leading) {
        this.leading = true;
        this.config.onStartedLeading();
      }
    } else if (this.leading && now - this.lastRenew >= this.renewDeadlineMs) {
      this.leading = false;
      this.config.onStoppedLeading();
    }
    this.reportLeader();
    const delay = this.leading ? this.retryPeriodMs : this.retryPeriodMs * (1 + this.rand.float() * JITTER);
    this.schedule(delay);
  }

  private reportLeader(): void {
    const leader = this.leader;
    if (leader && leader !== this.reportedLeader) {
      this.reportedLeader = leader;
      this.config.onNewLeader?.(leader);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name, identity } = this.config;
    const now = this.clock.now();
    const desired = (old: LeaseSpec | undefined): LeaseSpec => {
      const holderChanges = old?.holderIdentity !== identity;
      return {
        holderIdentity: identity,
        leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000),
        acquireTime: holderChanges || !old?.acquireTime ? microTime(now) : old.acquireTime,
        renewTime: microTime(now),
        leaseTransitions: (old?.leaseTransitions ?? 0) + (old && holderChanges && old.holderIdentity ? 1 : 0),
      };
    };
    let current: KubeObject;
    try {
      current = await this.client.get(LEASES, namespace, name);
    } catch (e) {
      if (!(e instanceof StatusError) || e.status.code !== 404) throw e;
      const created = await this.client.create(LEASES, namespace, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace },
        spec: desired(undefined),
      });
      this.observe(created, now);
      return true;
    }
    const spec = (current.spec ?? {}) as LeaseSpec;
    if (this.observed?.rv !== current.metadata.resourceVersion) this.observe(current, now);
    const heldByOther = spec.holderIdentity && spec.holderIdentity !== identity;
    const leaseMs = (spec.leaseDurationSeconds ?? 0) * 1000;
    if (heldByOther && this.observedTime + leaseMs > now) return false;
    const next = { ...current, spec: { ...spec, ...desired(spec) } };
    const updated = await this.client.update(LEASES, next);
    this.observe(updated, now);
    return true;
  }

  private observe(lease: KubeObject, now: number): void {
    this.observed = { spec: (lease.spec ?? {}) as LeaseSpec, rv: lease.metadata.resourceVersion ?? '' };
    this.observedTime = now;
  }

  private async release(): Promise<void> {
    try {
      const current = await this.client.get(LEASES, this.config.namespace, this.config.name);
      const spec = (current.spec ?? {}) as LeaseSpec;
      if (spec.holderIdentity !== this.config.identity) return;
      const now = this.clock.now();
      await this.client.update(LEASES, {
        ...current,
        spec: { ...spec, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: microTime(now), renewTime: microTime(now) },
      });
    } catch {
      // Releasing is a courtesy: others take the lease after it expires anyway.
    }
  }
}
