/** The in-tree plugins (plugins/registry.go NewInTreeRegistry), each under its upstream name. */
import { Registry } from '../framework/registry';
import { DefaultPreemption, type DefaultPreemptionArgs } from './default-preemption/default-preemption';
import { ImageLocality } from './image-locality/image-locality';
import { InterPodAffinity, type InterPodAffinityArgs } from './inter-pod-affinity/inter-pod-affinity';
import * as names from './names';
import { NodeAffinity } from './node-affinity/node-affinity';
import { NodeName } from './node-name/node-name';
import { NodePorts } from './node-ports/node-ports';
import { NodeResourcesBalancedAllocation } from './node-resources-balanced-allocation/node-resources-balanced-allocation';
import { NodeResourcesFit, type NodeResourcesFitArgs } from './node-resources-fit/node-resources-fit';
import { NodeUnschedulable } from './node-unschedulable/node-unschedulable';
import { PodTopologySpread } from './pod-topology-spread/pod-topology-spread';
import { PrioritySort } from './priority-sort/priority-sort';
import { SchedulingGates } from './scheduling-gates/scheduling-gates';
import { TaintToleration } from './taint-toleration/taint-toleration';
import { VolumeBinding } from './volume-binding/volume-binding';

export function inTreeRegistry(): Registry {
  return new Registry()
    .register(names.PrioritySort, () => new PrioritySort())
    .register(names.SchedulingGates, () => new SchedulingGates())
    .register(names.NodeUnschedulable, () => new NodeUnschedulable())
    .register(names.NodeName, () => new NodeName())
    .register(names.TaintToleration, () => new TaintToleration())
    .register(names.NodeAffinity, () => new NodeAffinity())
    .register(names.NodePorts, () => new NodePorts())
    .register(names.NodeResourcesFit, (args) => new NodeResourcesFit(args as NodeResourcesFitArgs))
    .register(names.VolumeBinding, () => new VolumeBinding())
    .register(names.PodTopologySpread, () => new PodTopologySpread())
    .register(names.InterPodAffinity, (args) => new InterPodAffinity(args as InterPodAffinityArgs))
    .register(names.DefaultPreemption, (args) => new DefaultPreemption(args as DefaultPreemptionArgs))
    .register(names.NodeResourcesBalancedAllocation, () => new NodeResourcesBalancedAllocation())
    .register(names.ImageLocality, () => new ImageLocality());
}
