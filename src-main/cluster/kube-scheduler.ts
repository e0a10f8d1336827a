/** kube-scheduler on one control-plane node: it schedules pods while it holds the kube-system/kube-scheduler Lease. */
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import { Scheduler, type PlacePod } from '../scheduler/scheduler';
import { LeaderElected } from './leader-elected';

export function kubeScheduler(ctx: ApiContext, clock: Clock, rand: Rand, nodeName: string, place: PlacePod): LeaderElected {
  const user = { username: 'system:kube-scheduler', groups: ['system:masters', 'system:authenticated'] };
  return new LeaderElected(ctx, clock, rand, nodeName, 'kube-scheduler', user, (client, informers) => {
    const scheduler = new Scheduler(client, informers, clock, place);
    return { run: () => scheduler.run(1), stop: () => scheduler.stop() };
  });
}
