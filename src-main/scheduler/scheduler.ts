/**
 * kube-scheduler's outer loop (scheduleOne): pods that name this scheduler and have no node are
 * queued; each is placed by the scheduling algorithm against a snapshot of nodes and assigned
 * pods (including pods this scheduler has just bound but the informer has not shown yet, as
 * upstream's assume cache does), then bound through pods/binding with a `Scheduled` event; a pod
 * that fits nowhere gets PodScheduled=False (Unschedulable) and a `FailedScheduling` event, and
 * is retried with back-off and whenever the cluster changes (a node appears or changes, a pod
 * goes away).
 */
import type { Clock, TimerHandle } from '../common/clock';
import type { ClusterClient } from '../client/cluster-client';
import { EventRecorder } from '../client/event-recorder';
import { objectKey, splitKey, type Informer } from '../client/informer';
import type { InformerFactory } from '../client/informer-factory';
import { runWorkers, WorkQueue } from '../client/work-queue';
import { metaTime } from '../kube/meta-time';
import type { KubeObject } from '../kube/object';
import { NODES, PODS } from '../kube/registry';
import { StatusError } from '../kube/status';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export type Placement =
  | { kind: 'Scheduled'; nodeName: string }
  /** With preemption: the node the pod should wait for and the lower-priority pods to evict there. */
  | { kind: 'Unschedulable'; message: string; nominatedNodeName?: string; victims?: KubeObject[] };

/** The scheduling algorithm: where `pod` goes among `nodes`, given the pods already on them. */
export type PlacePod = (pod: KubeObject, nodes: readonly KubeObject[], assignedPods: readonly KubeObject[]) => Placement;

/** kube-scheduler's pod back-off: 1 s doubling to 10 s; unschedulable pods are retried at least every 5 minutes. */
const INITIAL_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;

const isTerminal = (p: KubeObject): boolean => {
  const phase = (p.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};
const nodeOf = (p: KubeObject): string => (p.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
const schedulerOf = (p: KubeObject): string => (p.spec as { schedulerName?: string } | undefined)?.schedulerName || DEFAULT_SCHEDULER_NAME;

export class Scheduler {
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly queue: WorkQueue<string>;
  private readonly recorder: EventRecorder;
  /** Pods bound by this scheduler that the informer has not yet shown with their node. */
  private readonly assumed = new Map<string, KubeObject>();
  private readonly unschedulable = new Set<string>();
  private flushTimer: TimerHandle | undefined;
  private workers: Promise<void> | undefined;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    private readonly clock: Clock,
    private readonly place: PlacePod,
    private readonly schedulerName = DEFAULT_SCHEDULER_NAME,
  ) {
    this.queue = new WorkQueue<string>(clock, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS);
    this.recorder = new EventRecorder(client, clock, schedulerName);
    this.pods = informers.informer(PODS);
    this.nodes = informers.informer(NODES);
    this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (_o, p) => this.podChanged(p),
      onDelete: (p) => {
        this.assumed.delete(objectKey(p));
        if (nodeOf(p)) this.retryUnschedulable();
      },
    });
    this.nodes.addEventHandler({ onAdd: () => this.retryUnschedulable(), onUpdate: () => this.retryUnschedulable() });
  }

  private podChanged(p: KubeObject): void {
    const key = objectKey(p);
    if (nodeOf(p)) {
      this.assumed.delete(key);
      return;
    }
    if (schedulerOf(p) !== this.schedulerName || p.metadata.deletionTimestamp || isTerminal(p)) return;
    if (!this.unschedulable.has(key)) this.queue.add(key);
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.queue.add(key);
    this.unschedulable.clear();
  }

  run(workers = 1): Promise<void> {
    const flush = (): void => {
      this.retryUnschedulable();
      this.flushTimer = this.clock.setTimeout(flush, UNSCHEDULABLE_FLUSH_MS);
    };
    this.flushTimer = this.clock.setTimeout(flush, UNSCHEDULABLE_FLUSH_MS);
    this.workers = runWorkers(this.queue, workers, (key) => this.scheduleOne(key), () => undefined);
    return this.workers;
  }

  stop(): void {
    if (this.flushTimer) this.clock.clearTimeout(this.flushTimer);
    this.queue.shutDown();
  }

  /** Assigned pods as the algorithm should see them: the informer's, plus assumed bindings. */
  private assignedPods(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const p of this.pods.list()) if (nodeOf(p) && !isTerminal(p) && !this.assumed.has(objectKey(p))) out.push(p);
    for (const p of this.assumed.values()) out.push(p);
    return out;
  }

  private async scheduleOne(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod || nodeOf(pod) || pod.metadata.deletionTimestamp || isTerminal(pod) || schedulerOf(pod) !== this.schedulerName) return;
    if (this.assumed.has(key)) return;
    const placement = this.place(pod, this.nodes.list(), this.assignedPods());
    if (placement.kind === 'Unschedulable') {
      await this.recordFailure(pod, placement.message);
      if (placement.nominatedNodeName !== undefined) await this.preempt(pod, placement.nominatedNodeName, placement.victims ?? []);
      return;
    }
    const assumed: KubeObject = { ...pod, spec: { ...(pod.spec as object), nodeName: placement.nodeName } };
    this.assumed.set(key, assumed);
    try {
      await this.client.createSubresource(PODS, namespace, name, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, uid: pod.metadata.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: placement.nodeName },
      });
      this.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${placement.nodeName}`);
    } catch (e) {
      this.assumed.delete(key);
      if (e instanceof StatusError && (e.status.code === 404 || e.status.code === 409)) return;
      throw e;
    }
  }

  /** DefaultPreemption's outcome: evict the victims and nominate the node the pod waits for. */
  private async preempt(pod: KubeObject, nodeName: string, victims: KubeObject[]): Promise<void> {
    for (const v of victims) {
      this.recorder.event(v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid ?? ''} on node ${nodeName}`);
      await this.client.delete(PODS, v.metadata.namespace ?? '', v.metadata.name ?? '', { preconditions: { uid: v.metadata.uid } }).catch(() => undefined);
    }
    await this.client
      .patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', { metadata: { uid: pod.metadata.uid }, status: { nominatedNodeName: nodeName || null } }, { subresource: 'status' })
      .catch(() => undefined);
  }

  private async recordFailure(pod: KubeObject, message: string): Promise<void> {
    const key = objectKey(pod);
    this.unschedulable.add(key);
    this.recorder.event(pod, 'Warning', 'FailedScheduling', message);
    const conditions = ((pod.status as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const prior = (pod.status as { conditions?: { type: string; status: string; message?: string; lastTransitionTime?: string }[] } | undefined)?.conditions?.find((c) => c.type === 'PodScheduled');
    if (prior?.status === 'False' && prior.message === message) return;
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: prior?.status === 'False' ? prior.lastTransitionTime : metaTime(this.clock.now()),
      reason: 'Unschedulable',
      message,
    };
    await this.client
      .patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', { metadata: { uid: pod.metadata.uid }, status: { conditions: [...conditions, condition] } }, { subresource: 'status' })
      .catch(() => undefined);
  }
}
