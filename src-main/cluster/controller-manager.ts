/**
 * kube-controller-manager on one control-plane node: it campaigns for the
 * kube-system/kube-controller-manager Lease and, while it leads, runs the controllers over shared
 * informers. Losing the lease stops them (upstream exits and is restarted; the effect is the same).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import { InProcessClient } from '../client/in-process-client';
import { InformerFactory } from '../client/informer-factory';
import { LeaderElector } from '../client/leader-election';
import type { Controller } from '../controllers/common/queue-controller';
import { DeploymentController } from '../controllers/deployment/deployment-controller';
import { GarbageCollector } from '../controllers/garbagecollector/garbage-collector';
import { NamespaceController } from '../controllers/namespace/namespace-controller';
import { NodeLifecycleController } from '../controllers/nodelifecycle/node-lifecycle-controller';
import { ReplicaSetController } from '../controllers/replicaset/replica-set-controller';
import { RootCACertPublisher } from '../controllers/rootcacert/root-ca-cert-publisher';
import { ServiceAccountController } from '../controllers/serviceaccount/service-account-controller';
import { TaintEvictionController } from '../controllers/tainteviction/taint-eviction-controller';

/** Worker counts as kube-controller-manager's --concurrent-* defaults. */
const WORKERS: Record<string, number> = {
  'replicaset-controller': 5,
  'deployment-controller': 5,
  'namespace-controller': 10,
  'garbage-collector-controller': 20,
  'taint-eviction-controller': 8,
};

export class ControllerManager {
  readonly identity: string;
  private readonly elector: LeaderElector;
  private informers: InformerFactory | undefined;
  private controllers: Controller[] = [];
  private runs: Promise<unknown> | undefined;

  constructor(
    private readonly ctx: ApiContext,
    private readonly clock: Clock,
    rand: Rand,
    readonly nodeName: string,
    private readonly caPem: string,
  ) {
    this.identity = `${nodeName}_${randomUUID()}`;
    const client = new InProcessClient(ctx, { username: 'system:kube-controller-manager', groups: ['system:authenticated'] });
    this.elector = new LeaderElector(client, clock, rand, {
      namespace: 'kube-system',
      name: 'kube-controller-manager',
      identity: this.identity,
      onStartedLeading: () => void this.lead(),
      onStoppedLeading: () => void this.follow(),
    });
  }

  get isLeader(): boolean {
    return this.elector.isLeader;
  }

  start(): void {
    this.elector.start();
  }

  /** Stops; a graceful stop releases the lease so another instance leads at once, a crash does not. */
  async stop(opts: { release?: boolean } = {}): Promise<void> {
    await this.elector.stop(opts.release ?? false);
    await this.follow();
  }

  private async lead(): Promise<void> {
    const client = new InProcessClient(this.ctx, { username: 'system:kube-controller-manager', groups: ['system:authenticated'] });
    const informers = new InformerFactory(client, this.clock, () => undefined);
    this.informers = informers;
    this.controllers = [
      new ReplicaSetController(client, informers, this.clock),
      new DeploymentController(client, informers, this.clock),
      new NamespaceController(client, informers, this.clock),
      new GarbageCollector(client, informers, this.clock),
      new NodeLifecycleController(client, informers, this.clock),
      new TaintEvictionController(client, informers, this.clock),
      new ServiceAccountController(client, informers, this.clock),
      new RootCACertPublisher(client, informers, this.clock, this.caPem),
    ];
    await informers.start();
    if (this.informers !== informers) return; // lost the lease while syncing
    this.runs = Promise.all(this.controllers.map((c) => c.run(WORKERS[c.name] ?? 2)));
  }

  private async follow(): Promise<void> {
    for (const c of this.controllers) c.stop();
    this.controllers = [];
    this.informers?.stop();
    this.informers = undefined;
    await this.runs;
    this.runs = undefined;
  }
}
