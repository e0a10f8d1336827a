/** kube-scheduler on one control-plane node: it schedules pods while it holds the kube-system/kube-scheduler Lease. */
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import type { InformerFactory } from '../client/informer-factory';
import { Scheduler, type PlacePod } from '../scheduler/scheduler';
import { LeaderElected } from './leader-elected';
import type { Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import { REPLICA_SETS, SERVICES, STATEFUL_SETS } from '../kube/registry';
import type { SnapshotObjects } from '../scheduler/framework/snapshot';

export function kubeScheduler(ctx: ApiContext, clock: Clock, rand: Rand, nodeName: string, placement: (informers: InformerFactory) => PlacePod): LeaderElected {
  const user = { username: 'system:kube-scheduler', groups: ['system:masters', 'system:authenticated'] };
  return new LeaderElected(ctx, clock, rand, nodeName, 'kube-scheduler', user, (client, informers) => {
    const scheduler = new Scheduler(client, informers, clock, placement(informers));
    return { run: () => scheduler.run(1), stop: () => scheduler.stop() };
  });
}

/** What default topology spreading reads to find a pod's siblings: services, ReplicaSets, StatefulSets. */
export function spreadingObjects(informers: InformerFactory): () => SnapshotObjects {
  const services = informers.informer(SERVICES);
  const replicaSets = informers.informer(REPLICA_SETS);
  const statefulSets = informers.informer(STATEFUL_SETS);
  return () => ({
    services: services.list() as unknown as Service[],
    replicaSets: replicaSets.list() as unknown as ReplicaSet[],
    statefulSets: statefulSets.list() as unknown as StatefulSet[],
  });
}
