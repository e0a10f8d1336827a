/**
 * kube-controller-manager on one control-plane node: while it holds the
 * kube-system/kube-controller-manager Lease it runs the controllers over shared informers.
 */
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { ApiContext } from '../apiserver/api-context';
import type { Controller } from '../controllers/common/queue-controller';
import { ClusterRoleAggregationController } from '../controllers/clusterroleaggregation/cluster-role-aggregation-controller';
import { CronJobController } from '../controllers/cronjob/cron-job-controller';
import { DaemonSetController } from '../controllers/daemonset/daemon-set-controller';
import { DeploymentController } from '../controllers/deployment/deployment-controller';
import { EndpointsController } from '../controllers/endpoints/endpoints-controller';
import { EndpointSliceController } from '../controllers/endpointslice/endpoint-slice-controller';
import { JobController } from '../controllers/job/job-controller';
import { StatefulSetController } from '../controllers/statefulset/stateful-set-controller';
import { GarbageCollector } from '../controllers/garbagecollector/garbage-collector';
import { NamespaceController } from '../controllers/namespace/namespace-controller';
import { NodeLifecycleController } from '../controllers/nodelifecycle/node-lifecycle-controller';
import { ReplicaSetController } from '../controllers/replicaset/replica-set-controller';
import { RootCACertPublisher } from '../controllers/rootcacert/root-ca-cert-publisher';
import { ServiceAccountController } from '../controllers/serviceaccount/service-account-controller';
import { TaintEvictionController } from '../controllers/tainteviction/taint-eviction-controller';
import { LeaderElected } from './leader-elected';

/** Worker counts as kube-controller-manager's --concurrent-* defaults. */
const WORKERS: Record<string, number> = {
  'replicaset-controller': 5,
  'deployment-controller': 5,
  'namespace-controller': 10,
  'garbage-collector-controller': 20,
  'taint-eviction-controller': 8,
  'daemonset-controller': 2,
  'statefulset-controller': 5,
  'job-controller': 5,
  'cronjob-controller': 5,
  'endpoints-controller': 5,
  'endpointslice-controller': 5,
};

export function controllerManager(ctx: ApiContext, clock: Clock, rand: Rand, nodeName: string, caPem: string): LeaderElected {
  const user = { username: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] };
  return new LeaderElected(ctx, clock, rand, nodeName, 'kube-controller-manager', user, (client, informers) => {
    const controllers: Controller[] = [
      new ReplicaSetController(client, informers, clock),
      new DeploymentController(client, informers, clock),
      new NamespaceController(client, informers, clock),
      new GarbageCollector(client, informers, clock),
      new NodeLifecycleController(client, informers, clock),
      new TaintEvictionController(client, informers, clock),
      new ServiceAccountController(client, informers, clock),
      new RootCACertPublisher(client, informers, clock, caPem),
      new ClusterRoleAggregationController(client, informers, clock),
      new DaemonSetController(client, informers, clock),
      new StatefulSetController(client, informers, clock),
      new JobController(client, informers, clock),
      new CronJobController(client, informers, clock),
      new EndpointsController(client, informers, clock),
      new EndpointSliceController(client, informers, clock),
    ];
    return {
      run: () => Promise.all(controllers.map((c) => c.run(WORKERS[c.name] ?? 2))),
      stop: () => {
        for (const c of controllers) c.stop();
      },
    };
  });
}
