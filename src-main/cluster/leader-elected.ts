/**
 * A control-plane component that works only while it holds its kube-system Lease
 * (kube-controller-manager, kube-scheduler): one instance per control-plane node campaigns;
 * the leader gets fresh shared informers and runs its loops; losing the lease stops them
 * (upstream exits and is restarted; the effect is the same). A graceful stop hands the lease
 * back at once, a crash leaves it to expire.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import type { UserInfo } from '../apiserver/authn';
import type { ClusterClient } from '../client/cluster-client';
import { InProcessClient } from '../client/in-process-client';
import { InformerFactory } from '../client/informer-factory';
import { LeaderElector } from '../client/leader-election';

/** What the leader runs: started once its informers have synced, stopped when leadership ends. */
export interface LeaderWork {
  run(): Promise<unknown>;
  stop(): void;
}

export class LeaderElected {
  readonly identity: string;
  private readonly elector: LeaderElector;
  private informers: InformerFactory | undefined;
  private work: LeaderWork | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly ctx: ApiContext,
    private readonly clock: Clock,
    rand: Rand,
    readonly nodeName: string,
    lease: string,
    private readonly user: UserInfo,
    private readonly build: (client: ClusterClient, informers: InformerFactory) => LeaderWork,
  ) {
    this.identity = `${nodeName}_${randomUUID()}`;
    this.elector = new LeaderElector(new InProcessClient(ctx, user), clock, rand, {
      namespace: 'kube-system',
      name: lease,
      identity: this.identity,
      onStartedLeading: () => void this.lead(),
      onStoppedLeading: () => void this.follow(),
    });
  }

  get isLeader(): boolean {
    return this.elector.isLeader;
  }

  /** Whether the component runs (campaigning or leading). */
  get isRunning(): boolean {
    return this.elector.isRunning;
  }

  start(): void {
    this.elector.start();
  }

  async stop(opts: { release?: boolean } = {}): Promise<void> {
    await this.elector.stop(opts.release ?? false);
    await this.follow();
  }

  private async lead(): Promise<void> {
    const client = new InProcessClient(this.ctx, this.user);
    const informers = new InformerFactory(client, this.clock, () => undefined);
    const work = this.build(client, informers);
    this.informers = informers;
    this.work = work;
    await informers.start();
    if (this.work !== work) return; // lost the lease while syncing
    this.running = work.run();
  }

  private async follow(): Promise<void> {
    this.work?.stop();
    this.work = undefined;
    this.informers?.stop();
    this.informers = undefined;
    await this.running;
    this.running = undefined;
  }
}
