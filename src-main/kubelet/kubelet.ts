/**
 * A simulated kubelet for one node: keeps the node's Lease and status fresh, runs the pods bound
 * to the node (PodRuntime), posts their status, stops them gracefully when they are deleted and
 * then removes them from the API (delete with grace 0, guarded by uid), as the real kubelet does.
 */
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ClusterClient } from '../client/cluster-client';
import { EventRecorder } from '../client/event-recorder';
import { Informer, objectKey, splitKey } from '../client/informer';
import { runWorkers, WorkQueue } from '../client/work-queue';
import type { KubeObject } from '../kube/object';
import { NODES, PODS } from '../kube/registry';
import { StatusError } from '../kube/status';
import { NodeHeartbeat } from './node-heartbeat';
import { PodIPAllocator } from './pod-ips';
import { PodRuntime, type LogEntry } from './pod-runtime';
import { CONFIG_HASH, isMirrorPod, mirrorPod } from './static-pods';

export interface KubeletOptions {
  nodeName: string;
  client: ClusterClient;
  clock: Clock;
  rand: Rand;
  mode?: 'fast' | 'realistic';
  /** The static pod manifests of this node (its etc/kubernetes/manifests), read afresh on each check. */
  staticPods?: () => Promise<KubeObject[]>;
}

/** How often the kubelet looks at its manifest folder (--file-check-frequency). */
const FILE_CHECK_MS = 20_000;

const isTerminal = (pod: KubeObject): boolean => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

export class Kubelet {
  readonly nodeName: string;
  private readonly client: ClusterClient;
  private readonly clock: Clock;
  private readonly heartbeat: NodeHeartbeat;
  private readonly recorder: EventRecorder;
  private pods: Informer | undefined;
  private queue: WorkQueue<string> | undefined;
  private workers: Promise<void> | undefined;
  private readonly runtimes = new Map<string, PodRuntime>();
  private readonly images = new Set<string>();
  private ips: PodIPAllocator | undefined;
  private hostIP = '';
  private nodeUid = '';
  private running = false;
  private fileTimer: import('../common/clock').TimerHandle | undefined;

  constructor(private readonly opts: KubeletOptions) {
    this.nodeName = opts.nodeName;
    this.client = opts.client;
    this.clock = opts.clock;
    this.heartbeat = new NodeHeartbeat(this.client, this.clock, this.nodeName);
    this.recorder = new EventRecorder(this.client, this.clock, 'kubelet', this.nodeName);
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const node = await this.client.get(NODES, '', this.nodeName);
    const spec = (node.spec ?? {}) as { podCIDR?: string };
    this.ips ??= new PodIPAllocator(spec.podCIDR ?? '10.244.0.0/24');
    const addresses = ((node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []);
    this.hostIP = addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    this.nodeUid = node.metadata.uid ?? '';
    await this.heartbeat.start();
    this.queue = new WorkQueue<string>(this.clock);
    this.pods = new Informer(this.client, PODS, this.clock, { fieldSelector: `spec.nodeName=${this.nodeName}`, onError: () => undefined });
    const enqueue = (p: KubeObject): void => this.queue?.add(objectKey(p));
    this.pods.addEventHandler({ onAdd: enqueue, onUpdate: (_o, p) => enqueue(p), onDelete: enqueue });
    await this.pods.start();
    const queue = this.queue;
    this.workers = runWorkers(queue, 4, (key) => this.syncPod(key), () => undefined);
    if (this.opts.staticPods) {
      await this.syncStaticPods().catch(() => undefined);
      this.scheduleFileCheck();
    }
  }

  private scheduleFileCheck(): void {
    if (!this.running) return;
    this.fileTimer = this.clock.setTimeout(() => {
      void this.syncStaticPods()
        .catch(() => undefined)
        .finally(() => this.scheduleFileCheck());
    }, FILE_CHECK_MS);
  }

  /** Mirror pods follow the manifests: created when missing, replaced when the manifest changed, deleted when it is gone. */
  async syncStaticPods(): Promise<void> {
    if (!this.opts.staticPods || !this.running) return;
    const manifests = await this.opts.staticPods();
    const wanted = new Map<string, KubeObject>();
    for (const m of manifests) {
      const pod = mirrorPod(m, this.nodeName, this.nodeUid, this.clock.now());
      wanted.set(objectKey(pod), pod);
    }
    for (const existing of this.pods?.list() ?? []) {
      if (!isMirrorPod(existing)) continue;
      const want = wanted.get(objectKey(existing));
      if (want && want.metadata.annotations?.[CONFIG_HASH] === existing.metadata.annotations?.[CONFIG_HASH]) {
        wanted.delete(objectKey(existing));
        continue;
      }
      await this.client
        .delete(PODS, existing.metadata.namespace ?? '', existing.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: existing.metadata.uid } })
        .catch(() => undefined);
    }
    for (const pod of wanted.values()) {
      await this.client.create(PODS, pod.metadata.namespace ?? '', pod).catch((e: unknown) => {
        if (!(e instanceof StatusError && e.status.reason === 'AlreadyExists')) throw e;
      });
    }
  }

  /** The kubelet stops (a node fault): no more heartbeats or status; containers keep their state. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.fileTimer) this.clock.clearTimeout(this.fileTimer);
    this.heartbeat.stop();
    this.pods?.stop();
    this.queue?.shutDown();
    await this.workers;
  }

  logs(namespace: string, name: string, container: string, previous: boolean): LogEntry[] | undefined {
    const pod = this.pods?.get(namespace, name);
    const rt = pod ? this.runtimes.get(pod.metadata.uid ?? '') : undefined;
    return rt?.logs(container, previous);
  }

  private async syncPod(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods?.get(namespace, name);
    if (!pod) {
      this.forgetGone(key);
      // A deleted mirror pod comes back: the static pod itself never stopped.
      if (this.opts.staticPods) void this.syncStaticPods().catch(() => undefined);
      return;
    }
    const uid = pod.metadata.uid ?? '';
    let rt = this.runtimes.get(uid);
    if (pod.metadata.deletionTimestamp) {
      if (!rt) {
        await this.deleteFromApi(pod);
        return;
      }
      rt.stop(pod.metadata.deletionGracePeriodSeconds ?? 30, () => {
        void this.finishDeletion(pod, rt as PodRuntime);
      });
      await this.postStatus(pod, rt, true);
      return;
    }
    if (!rt) {
      if (isTerminal(pod)) return;
      rt = this.admit(pod);
    }
    await this.postStatus(pod, rt, false);
  }

  private admit(pod: KubeObject): PodRuntime {
    const hostNetwork = (pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork === true;
    const existingIP = (pod.status as { podIP?: string } | undefined)?.podIP;
    const ip = hostNetwork ? this.hostIP : (existingIP ?? this.ips!.allocate());
    if (existingIP && !hostNetwork) this.ips!.reserve(existingIP);
    const key = objectKey(pod);
    const rt = new PodRuntime(pod, ip, this.hostIP, { clock: this.clock, rand: this.opts.rand, mode: this.opts.mode ?? 'fast', images: this.images }, {
      event: (type, reason, message, fieldPath) => {
        const current = this.pods?.getByKey(key) ?? pod;
        this.recorder.event(current, type, reason, message, fieldPath);
      },
      changed: () => this.queue?.add(key),
    });
    rt.podRef = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
    this.runtimes.set(pod.metadata.uid ?? '', rt);
    rt.start();
    return rt;
  }

  private async postStatus(pod: KubeObject, rt: PodRuntime, deleting: boolean): Promise<void> {
    const status = rt.status(deleting);
    const current = (pod.status ?? {}) as Record<string, unknown>;
    // Keep the transition times of conditions whose status did not change.
    const oldConds = (current.conditions as { type: string; status: string; lastTransitionTime?: string }[] | undefined) ?? [];
    for (const c of status.conditions as { type: string; status: string; lastTransitionTime?: string }[]) {
      const o = oldConds.find((x) => x.type === c.type);
      if (o && o.status === c.status && o.lastTransitionTime) c.lastTransitionTime = o.lastTransitionTime;
    }
    const changed = Object.entries(status).some(([k, v]) => JSON.stringify(current[k]) !== JSON.stringify(v));
    if (!changed) return;
    try {
      await this.client.patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'merge', { metadata: { uid: pod.metadata.uid }, status }, { subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 404 || e.status.code === 409))) throw e;
    }
  }

  private async finishDeletion(pod: KubeObject, rt: PodRuntime): Promise<void> {
    const fresh = this.pods?.get(pod.metadata.namespace ?? '', pod.metadata.name ?? '') ?? pod;
    await this.postStatus(fresh, rt, true).catch(() => undefined);
    await this.deleteFromApi(fresh);
  }

  private async deleteFromApi(pod: KubeObject): Promise<void> {
    try {
      await this.client.delete(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 404 || e.status.code === 409))) throw e;
    }
  }

  private forgetGone(key: string): void {
    const live = new Set((this.pods?.list() ?? []).map((p) => p.metadata.uid));
    for (const [uid, rt] of this.runtimes) {
      if (live.has(uid)) continue;
      rt.dispose();
      this.ips?.release(rt.podIP);
      this.runtimes.delete(uid);
    }
    void key;
  }
}
