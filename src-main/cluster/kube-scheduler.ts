/**
 * kube-scheduler on one control-plane node: it campaigns for the kube-system/kube-scheduler
 * Lease and, while it leads, schedules pods over its own informers.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import { InProcessClient } from '../client/in-process-client';
import { InformerFactory } from '../client/informer-factory';
import { LeaderElector } from '../client/leader-election';
import { Scheduler, type PlacePod } from '../scheduler/scheduler';

export class KubeScheduler {
  readonly identity: string;
  private readonly elector: LeaderElector;
  private informers: InformerFactory | undefined;
  private scheduler: Scheduler | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: ApiContext,
    private readonly clock: Clock,
    rand: Rand,
    readonly nodeName: string,
    private readonly place: PlacePod,
  ) {
    this.identity = `${nodeName}_${randomUUID()}`;
    const client = new InProcessClient(ctx, { username: 'system:kube-scheduler', groups: ['system:masters', 'system:authenticated'] });
    this.elector = new LeaderElector(client, clock, rand, {
      namespace: 'kube-system',
      name: 'kube-scheduler',
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

  async stop(opts: { release?: boolean } = {}): Promise<void> {
    await this.elector.stop(opts.release ?? false);
    await this.follow();
  }

  private async lead(): Promise<void> {
    const client = new InProcessClient(this.ctx, { username: 'system:kube-scheduler', groups: ['system:masters', 'system:authenticated'] });
    const informers = new InformerFactory(client, this.clock, () => undefined);
    const scheduler = new Scheduler(client, informers, this.clock, this.place);
    this.informers = informers;
    this.scheduler = scheduler;
    await informers.start();
    if (this.scheduler !== scheduler) return;
    this.running = scheduler.run(1);
  }

  private async follow(): Promise<void> {
    this.scheduler?.stop();
    this.scheduler = undefined;
    this.informers?.stop();
    this.informers = undefined;
    await this.running;
    this.running = undefined;
  }
}
