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
import { CONFIG_MAPS, NODES, PODS, SECRETS, SERVICES } from '../kube/registry';
import type { ExecOutput, ExecRequest, ExecSession } from '../apiserver/node-connector';
import { containerEnv } from './container-env';
import { startExec } from './exec';
import type { ShellContext } from './shell/shell-session';
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
  /** Per pod uid: each container's environment and the service account files, fixed when the pod started. */
  private readonly podFiles = new Map<string, { env: Map<string, Record<string, string>>; serviceAccount?: ShellContext['serviceAccount'] }>();
  private services: Informer | undefined;
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
    this.services = new Informer(this.client, SERVICES, this.clock, { onError: () => undefined });
    await this.services.start();
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
    this.services?.stop();
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
      await this.prepareFiles(pod).catch(() => undefined);
      rt = this.runtimes.get(uid) ?? this.admit(pod);
    }
    await this.postStatus(pod, rt, false);
  }

  /** What the kubelet resolves before starting containers: env (configMaps, secrets, service links) and the token mount. */
  private async prepareFiles(pod: KubeObject): Promise<void> {
    const ns = pod.metadata.namespace ?? 'default';
    const spec = (pod.spec ?? {}) as { containers?: { name: string; image?: string }[]; serviceAccountName?: string; volumes?: { name: string }[] };
    const cms = new Map<string, Record<string, string> | undefined>();
    const secrets = new Map<string, Record<string, string> | undefined>();
    const fetch = async (kind: 'cm' | 'secret', name: string): Promise<void> => {
      const cache = kind === 'cm' ? cms : secrets;
      if (cache.has(name)) return;
      try {
        const obj = await this.client.get(kind === 'cm' ? CONFIG_MAPS : SECRETS, ns, name);
        const data = (obj.data ?? {}) as Record<string, string>;
        cache.set(name, kind === 'cm' ? data : Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])));
      } catch {
        cache.set(name, undefined);
      }
    };
    const refs = JSON.stringify(pod.spec ?? {});
    for (const m of refs.matchAll(/"configMap(?:Ref|KeyRef)":\{[^}]*"name":"([^"]+)"/g)) await fetch('cm', m[1]);
    for (const m of refs.matchAll(/"secret(?:Ref|KeyRef)":\{[^}]*"name":"([^"]+)"/g)) await fetch('secret', m[1]);
    const services = this.services?.list() ?? [];
    const env = new Map<string, Record<string, string>>();
    for (const c of spec.containers ?? []) {
      env.set(c.name, containerEnv(pod, c.name, c.image ?? '', services, { configMap: (_n, name) => cms.get(name), secret: (_n, name) => secrets.get(name) }, false));
    }
    let serviceAccount: ShellContext['serviceAccount'];
    if ((spec.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-'))) {
      await fetch('cm', 'kube-root-ca.crt');
      const payload = Buffer.from(JSON.stringify({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${ns}:${spec.serviceAccountName ?? 'default'}` })).toString('base64url');
      serviceAccount = { token: `eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVkZWNrIn0.${payload}.${Buffer.from(pod.metadata.uid ?? '').toString('base64url')}`, caCrt: cms.get('kube-root-ca.crt')?.['ca.crt'] ?? '', namespace: ns };
    }
    this.podFiles.set(pod.metadata.uid ?? '', { env, serviceAccount });
  }

  /** Starts a process in a running container of one of this node's pods. */
  exec(req: ExecRequest, out: ExecOutput): ExecSession {
    const pod = this.pods?.get(req.namespace, req.pod);
    const rt = pod ? this.runtimes.get(pod.metadata.uid ?? '') : undefined;
    const container = rt?.runningContainer(req.container);
    if (!pod || !rt || !container || !this.services) throw new Error(`container not found (${JSON.stringify(req.container)})`);
    const files = this.podFiles.get(pod.metadata.uid ?? '');
    const env = files?.env.get(req.container) ?? { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: req.pod, HOME: '/root' };
    const live = { ...pod, status: { ...((pod.status as object | undefined) ?? {}), podIP: rt.podIP } };
    return startExec({ clock: this.clock, client: this.client, services: this.services, nodeName: this.nodeName, hostIP: this.hostIP }, live, container, env, files?.serviceAccount, req, out);
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
      this.podFiles.delete(uid);
    }
    void key;
  }
}
