/** The strategy for each resource this API server serves. */
import type { ResourceType } from '../../kube/resource-type';
import { DaemonSetStrategy } from './daemonset-strategy';
import { EndpointSliceStrategy } from './endpointslice-strategy';
import { JobStrategy } from './job-strategy';
import { NamespaceStrategy } from './namespace-strategy';
import { PodStrategy } from './pod-strategy';
import { ServiceStrategy } from './service-strategy';
import { emptyPodDisruptionBudgetStatus, emptyStatefulSetStatus, emptyStatus, StatusResetStrategy } from './status-reset-strategy';
import { DefaultStrategy, type Strategy } from './strategy';

/** Nodes: the kubelet registers a node with its status; later main-resource writes keep it. */
class NodeStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override prepareForCreate(): void {}
}

const STRATEGIES: Record<string, () => Strategy> = {
  '/pods': () => new PodStrategy(),
  '/namespaces': () => new NamespaceStrategy(),
  '/services': () => new ServiceStrategy(),
  '/nodes': () => new NodeStrategy(),
  'apps/deployments': () => new DefaultStrategy(true, true),
  'apps/replicasets': () => new DefaultStrategy(true, true),
  'apps/statefulsets': () => new StatusResetStrategy(emptyStatefulSetStatus),
  'apps/daemonsets': () => new DaemonSetStrategy(),
  'batch/jobs': () => new JobStrategy(),
  'batch/cronjobs': () => new StatusResetStrategy(emptyStatus),
  'policy/poddisruptionbudgets': () => new StatusResetStrategy(emptyPodDisruptionBudgetStatus),
  'discovery.k8s.io/endpointslices': () => new EndpointSliceStrategy(),
};

export function strategyFor(rt: ResourceType): Strategy {
  const make = STRATEGIES[`${rt.group}/${rt.plural}`];
  if (make) return make();
  return new DefaultStrategy(rt.subresources.some((s) => s.name === 'status'), false);
}

export { prepareStatusUpdate } from './strategy';
export type { Strategy, StrategyContext } from './strategy';
