/**
 * The scheduling queue (internal/queue PriorityQueue), without timers: the owner calls flush(now)
 * every second or so. Three places a pending pod can be:
 *   activeQ            — ready, ordered by the profile's QueueSort (PrioritySort: priority, then age);
 *   podBackoffQ        — failed recently, waits 1 s × 2^(attempts−1), at most 10 s;
 *   unschedulablePods  — failed and waits for a cluster event that may help (a node added or
 *                        changed, a pod deleted, ...) or, at the latest, for 5 minutes.
 * Pods held back by PreEnqueue (scheduling gates) wait in unschedulablePods until an update lets
 * them in.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Framework } from '../framework/framework';
import { PodInfo, podKey } from '../framework/pod-info';
import { Heap } from './heap';

export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;

/** What happened in the cluster, as the queue is told (framework.ClusterEvent, simplified). */
export type ClusterEvent = 'NodeAdd' | 'NodeUpdate' | 'AssignedPodAdd' | 'AssignedPodUpdate' | 'AssignedPodDelete' | 'UnschedulableTimeout' | 'ForceActivate';

export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod was last added to a queue (ms); PrioritySort's tie-breaker and the backoff's start. */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** When it was first popped, for the e2e latency. */
  initialAttemptTimestamp?: number;
  /** The plugins that rejected it last time. */
  unschedulablePlugins: Set<string>;
  /** The PreEnqueue plugin holding it back, and why. */
  gatingPlugin?: string;
  gatingMessage?: string;
}

export interface QueueOptions {
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
}

/** isPodUpdated: a change other than status, resourceVersion, generation or managed fields. */
function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod): string => {
    const { status: _s, ...rest } = p;
    const { resourceVersion: _r, generation: _g, managedFields: _m, ...meta } = p.metadata ?? {};
    return JSON.stringify({ ...rest, metadata: meta });
  };
  return strip(oldPod) !== strip(newPod);
}

export class SchedulingQueue {
  private readonly activeQ: Heap<QueuedPodInfo>;
  private readonly backoffQ: Heap<QueuedPodInfo>;
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  /** Popped and not yet done(). */
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private schedulingCycle = 0;
  /** The cycle in which the last move request (cluster event) came. */
  private moveRequestCycle = -1;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;

  constructor(
    private readonly framework: Framework,
    options: QueueOptions = {},
  ) {
    this.initialBackoff = options.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.maxBackoff = options.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.maxInUnschedulable = options.podMaxInUnschedulablePodsMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
    const sort = framework.queueSort;
    const less = sort ? (a: QueuedPodInfo, b: QueuedPodInfo) => sort.less(a, b) : (a: QueuedPodInfo, b: QueuedPodInfo) => a.timestamp < b.timestamp;
    const key = (q: QueuedPodInfo): string => q.podInfo.key;
    this.activeQ = new Heap(key, less);
    this.backoffQ = new Heap(key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  }

  /** calculateBackoffDuration: initial × 2^(attempts−1), capped. */
  backoffDuration(q: QueuedPodInfo): number {
    if (q.attempts === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < q.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return d;
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  private isBackingOff(q: QueuedPodInfo, now: number): boolean {
    return this.backoffExpiry(q) > now;
  }

  private newQueued(pod: Pod, now: number): QueuedPodInfo {
    return { podInfo: new PodInfo(pod), timestamp: now, attempts: 0, unschedulablePlugins: new Set() };
  }

  /** Runs PreEnqueue; a gated pod goes to unschedulablePods, others to activeQ. Returns whether it went active. */
  private moveToActiveQ(q: QueuedPodInfo): boolean {
    const s = this.framework.runPreEnqueuePlugins(q.podInfo.pod);
    if (s) {
      q.gatingPlugin = s.plugin;
      q.gatingMessage = s.message();
      this.unschedulablePods.set(q.podInfo.key, q);
      return false;
    }
    q.gatingPlugin = undefined;
    q.gatingMessage = undefined;
    this.unschedulablePods.delete(q.podInfo.key);
    this.backoffQ.delete(q.podInfo.key);
    this.activeQ.addOrUpdate(q);
    return true;
  }

  /** A new pending pod (informer add). */
  add(pod: Pod, now: number): void {
    const key = podKey(pod);
    if (this.contains(key)) {
      this.update(undefined, pod, now);
      return;
    }
    this.moveToActiveQ(this.newQueued(pod, now));
  }

  /** A pending pod changed (informer update). */
  update(oldPod: Pod | undefined, newPod: Pod, now: number): void {
    const key = podKey(newPod);
    const replace = (q: QueuedPodInfo): QueuedPodInfo => ({ ...q, podInfo: new PodInfo(newPod) });
    const active = this.activeQ.get(key);
    if (active) {
      this.activeQ.addOrUpdate(replace(active));
      return;
    }
    const backoff = this.backoffQ.get(key);
    if (backoff) {
      this.backoffQ.addOrUpdate(replace(backoff));
      return;
    }
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.podInfo = new PodInfo(newPod);
      return;
    }
    const unsched = this.unschedulablePods.get(key);
    if (unsched) {
      const q = replace(unsched);
      if (q.gatingPlugin) {
        this.moveToActiveQ(q);
        return;
      }
      if (!oldPod || isPodUpdated(oldPod, newPod)) {
        this.unschedulablePods.delete(key);
        if (this.isBackingOff(q, now)) this.backoffQ.addOrUpdate(q);
        else this.moveToActiveQ(q);
      } else {
        this.unschedulablePods.set(key, q);
      }
      return;
    }
    this.moveToActiveQ(this.newQueued(newPod, now));
  }

  /** The pod was deleted or bound by someone else. */
  delete(pod: Pod | string): void {
    const key = typeof pod === 'string' ? pod : podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulablePods.delete(key);
    this.inFlight.delete(key);
  }

  contains(key: string): boolean {
    return this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key) || this.inFlight.has(key);
  }

  /**
   * The next pod to schedule, or undefined if activeQ is empty (the owner waits for an add or a
   * flush). The pod is in flight until done().
   */
  pop(now: number): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= now;
    this.schedulingCycle++;
    this.inFlight.set(q.podInfo.key, q);
    return q;
  }

  /** The cycle number of the latest pop; pass it back with addUnschedulableIfNotPresent. */
  get currentSchedulingCycle(): number {
    return this.schedulingCycle;
  }

  /** The scheduling cycle of a popped pod is over (bound, or requeued). */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /**
   * A popped pod could not be scheduled. It waits in unschedulablePods for an event — unless an
   * event came while it was being scheduled (it might have helped), or no plugin rejected it
   * (an error), in which case it only backs off.
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo, unschedulablePlugins: readonly string[], podSchedulingCycle: number, now: number): void {
    const key = q.podInfo.key;
    this.inFlight.delete(key);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key)) return;
    q.timestamp = now;
    q.unschedulablePlugins = new Set(unschedulablePlugins);
    if (this.moveRequestCycle >= podSchedulingCycle || unschedulablePlugins.length === 0) this.backoffQ.addOrUpdate(q);
    else this.unschedulablePods.set(key, q);
  }

  /** A cluster event that may make unschedulable pods schedulable: they go to backoffQ or activeQ. */
  moveAllToActiveOrBackoffQueue(_event: ClusterEvent, now: number): void {
    this.movePods([...this.unschedulablePods.values()], now);
    this.moveRequestCycle = this.schedulingCycle;
  }

  private movePods(pods: QueuedPodInfo[], now: number): void {
    for (const q of pods) {
      if (q.gatingPlugin) {
        // Still gated? PreEnqueue decides again.
        this.moveToActiveQ(q);
        continue;
      }
      this.unschedulablePods.delete(q.podInfo.key);
      if (this.isBackingOff(q, now)) this.backoffQ.addOrUpdate(q);
      else this.moveToActiveQ(q);
    }
  }

  /**
   * The periodic work: pods whose backoff is over go to activeQ (flushBackoffQCompleted), pods
   * unschedulable for longer than 5 minutes are moved (flushUnschedulablePodsLeftover).
   */
  flush(now: number): void {
    for (;;) {
      const top = this.backoffQ.peek();
      if (!top || this.backoffExpiry(top) > now) break;
      this.backoffQ.pop();
      this.moveToActiveQ(top);
    }
    const stale = [...this.unschedulablePods.values()].filter((q) => !q.gatingPlugin && now - q.timestamp > this.maxInUnschedulable);
    if (stale.length > 0) this.movePods(stale, now);
  }

  /** The earliest time flush() has something to do, for owners that want to sleep until then. */
  nextFlushAt(): number | undefined {
    let t: number | undefined;
    const top = this.backoffQ.peek();
    if (top) t = this.backoffExpiry(top);
    for (const q of this.unschedulablePods.values()) {
      if (q.gatingPlugin) continue;
      const at = q.timestamp + this.maxInUnschedulable + 1;
      if (t === undefined || at < t) t = at;
    }
    return t;
  }

  /** PendingPods: where every waiting pod is, for people. */
  pendingPods(): { active: QueuedPodInfo[]; backoff: QueuedPodInfo[]; unschedulable: QueuedPodInfo[] } {
    const active = this.activeQ.list();
    const sort = this.framework.queueSort;
    if (sort) active.sort((a, b) => (sort.less(a, b) ? -1 : sort.less(b, a) ? 1 : 0));
    return { active, backoff: this.backoffQ.list().sort((a, b) => this.backoffExpiry(a) - this.backoffExpiry(b)), unschedulable: [...this.unschedulablePods.values()] };
  }

  get length(): number {
    return this.activeQ.size + this.backoffQ.size + this.unschedulablePods.size;
  }
}
