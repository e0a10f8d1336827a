/**
 * noderesources' resourceAllocationScorer: gathers, per scored resource, the node's allocatable
 * and what would be requested with the pod on it, and hands both lists to a scorer function
 * (least allocated, most allocated, balanced).
 */
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { CPU, EPHEMERAL_STORAGE, MEMORY } from '../../framework/resource';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: CPU, weight: 1 },
  { name: MEMORY, weight: 1 },
];

/** calculatePodResourceRequest: with useRequested false, missing cpu/memory requests count as 100m / 200Mi. */
export function podRequestFor(pod: PodInfo, name: string, useRequested: boolean): number {
  switch (name) {
    case CPU:
      return useRequested ? pod.requests.milliCPU : pod.nonZeroMilliCPU;
    case MEMORY:
      return useRequested ? pod.requests.memory : pod.nonZeroMemory;
    case EPHEMERAL_STORAGE:
      return pod.requests.ephemeralStorage;
    default:
      return pod.requests.scalar.get(name) ?? 0;
  }
}

/** calculateResourceAllocatableRequest: [allocatable, requested including the pod]. */
export function allocatableAndRequested(node: NodeInfo, name: string, podRequest: number, useRequested: boolean): [number, number] {
  switch (name) {
    case CPU:
      return [node.allocatable.milliCPU, (useRequested ? node.requested.milliCPU : node.nonZeroRequested.milliCPU) + podRequest];
    case MEMORY:
      return [node.allocatable.memory, (useRequested ? node.requested.memory : node.nonZeroRequested.memory) + podRequest];
    case EPHEMERAL_STORAGE:
      return [node.allocatable.ephemeralStorage, node.requested.ephemeralStorage + podRequest];
    default:
      // An extended resource the pod does not ask for does not count.
      if (podRequest === 0) return [0, 0];
      return [node.allocatable.scalar.get(name) ?? 0, (node.requested.scalar.get(name) ?? 0) + podRequest];
  }
}

export type Scorer = (requested: number[], allocatable: number[]) => number;

/** resourceAllocationScorer.score: resources the node has none of are left out. */
export function scoreResources(node: NodeInfo, resources: readonly ResourceSpec[], podRequests: readonly number[], useRequested: boolean, scorer: Scorer): number {
  const requested = new Array<number>(resources.length).fill(0);
  const allocatable = new Array<number>(resources.length).fill(0);
  for (let i = 0; i < resources.length; i++) {
    const [alloc, req] = allocatableAndRequested(node, resources[i].name, podRequests[i], useRequested);
    if (alloc === 0) continue;
    allocatable[i] = alloc;
    requested[i] = req;
  }
  return scorer(requested, allocatable);
}
