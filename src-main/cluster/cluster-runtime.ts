/**
 * What makes the embedded cluster alive: a kubelet per node and, on each control-plane node, a
 * kube-controller-manager (and kube-scheduler) campaigning for leadership. All of them talk to
 * the API server in process, each as its own user, as on a kubeadm cluster.
 */
import type { Clock } from '../common/clock';
import type { ControlPlaneComponent, FaultRequest, NodeRuntimeStatus } from '../common/console-api';
import { seededRand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import { InProcessClient } from '../client/in-process-client';
import { Kubelet } from '../kubelet/kubelet';
import type { KubeObject } from '../kube/object';
import { controllerManager } from './controller-manager';
import { kubeScheduler, spreadingObjects } from './kube-scheduler';
import type { LeaderElected } from './leader-elected';
import { frameworkPlacement } from '../scheduler/framework-placement';
import { allNodes, type Topology } from './topology';

export interface ClusterRuntimeOptions {
  ctx: ApiContext;
  clock: Clock;
  topology: Topology;
  seed: number;
  kubeletMode?: 'fast' | 'realistic';
  /** The cluster CA certificate (PEM), published in every namespace as kube-root-ca.crt. */
  caPem: string;
  /** A node's static pod manifests (control-plane nodes have kubeadm's four). */
  staticPods?: (node: string) => Promise<KubeObject[]>;
}

export interface ClusterRuntime {
  kubelets: ReadonlyMap<string, Kubelet>;
  controllerManagers: readonly LeaderElected[];
  schedulers: readonly LeaderElected[];
  /** Puts the runtime through a fault; throws an Error that says why when the request is wrong. */
  fault(req: FaultRequest): Promise<void>;
  status(): NodeRuntimeStatus[];
  stop(): Promise<void>;
}

export async function startClusterRuntime(opts: ClusterRuntimeOptions): Promise<ClusterRuntime> {
  const { ctx, clock, topology } = opts;
  const kubelets = new Map<string, Kubelet>();
  let i = 0;
  for (const node of allNodes(topology)) {
    // The Node authorizer is not modelled: kubelets act with the privileged group.
    const client = new InProcessClient(ctx, { username: `system:node:${node.name}`, groups: ['system:nodes', 'system:masters', 'system:authenticated'] });
    const staticPods = opts.staticPods;
    const kubelet = new Kubelet({
      nodeName: node.name,
      client,
      clock,
      rand: seededRand(opts.seed + ++i),
      mode: opts.kubeletMode ?? 'fast',
      staticPods: staticPods ? () => staticPods(node.name) : undefined,
    });
    kubelets.set(node.name, kubelet);
  }
  await Promise.all([...kubelets.values()].map((k) => k.start()));
  ctx.nodes = {
    containerLogs: (node, namespace, pod, container, previous) => kubelets.get(node)?.logs(namespace, pod, container, previous),
    exec: (node, req, out) => {
      const kubelet = kubelets.get(node);
      if (!kubelet?.isRunning) throw new Error(`dial tcp: connect: connection refused (kubelet on ${node} is not running)`);
      return kubelet.exec(req, out);
    },
  };
  const controllerManagers = topology.controlPlanes.map((cp) => controllerManager(ctx, clock, seededRand(opts.seed + ++i), cp.name, opts.caPem));
  for (const cm of controllerManagers) cm.start();
  const schedulers = topology.controlPlanes.map((cp) => kubeScheduler(ctx, clock, seededRand(opts.seed + ++i), cp.name, (informers) => frameworkPlacement(seededRand(opts.seed + i * 31), spreadingObjects(informers))));
  for (const s of schedulers) s.start();
  const components = (node: string): Map<ControlPlaneComponent, LeaderElected> => {
    const m = new Map<ControlPlaneComponent, LeaderElected>();
    const cm = controllerManagers.find((c) => c.nodeName === node);
    const s = schedulers.find((c) => c.nodeName === node);
    if (cm) m.set('kube-controller-manager', cm);
    if (s) m.set('kube-scheduler', s);
    return m;
  };
  const fault = async (req: FaultRequest): Promise<void> => {
    const kubelet = kubelets.get(req.node);
    if (!kubelet) throw new Error(`no node ${JSON.stringify(req.node)} in this cluster`);
    const parts = components(req.node);
    switch (req.action) {
      case 'stop-kubelet':
        return kubelet.stop();
      case 'start-kubelet':
        return kubelet.start();
      case 'stop-node':
        await Promise.all([...parts.values()].map((c) => c.stop({ release: false })));
        return kubelet.stop();
      case 'start-node':
        await kubelet.start();
        for (const c of parts.values()) c.start();
        return;
      default: {
        const c = parts.get(req.component);
        if (!c) throw new Error(`${req.component} does not run on ${req.node} (only control-plane nodes run it)`);
        if (req.action === 'start-component') c.start();
        else await c.stop({ release: req.action === 'stop-component' });
      }
    }
  };
  const status = (): NodeRuntimeStatus[] =>
    [...kubelets.entries()].map(([node, k]) => ({
      node,
      kubelet: k.isRunning,
      components: [...components(node).entries()].map(([component, c]) => ({ component, running: c.isRunning, leader: c.isLeader })),
    }));
  return {
    kubelets,
    controllerManagers,
    schedulers,
    fault,
    status,
    stop: async () => {
      ctx.nodes = undefined;
      await Promise.all(schedulers.map((s) => s.stop({ release: true })));
      await Promise.all(controllerManagers.map((cm) => cm.stop({ release: true })));
      await Promise.all([...kubelets.values()].map((k) => k.stop()));
    },
  };
}
