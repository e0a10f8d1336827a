/**
 * The scheduling framework with kube-scheduler's default profile as the scheduler loop's
 * placement: a snapshot of nodes, assigned pods and the objects default spreading reads
 * (services, ReplicaSets, StatefulSets), one schedulePod cycle, and the start index carried over
 * between cycles as upstream does. Preemption comes back as a nomination with victims.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Rand } from '../common/rand';
import type { KubeObject } from '../kube/object';
import { Snapshot, type SnapshotObjects } from './framework/snapshot';
import { createProfile } from './profile';
import { schedulePod } from './schedule-pod';
import type { Placement, PlacePod } from './scheduler';

export function frameworkPlacement(rand: Rand, objects: () => SnapshotObjects = () => ({})): PlacePod {
  const profile = createProfile();
  let nextStartNodeIndex = 0;
  return (pod: KubeObject, nodes: readonly KubeObject[], assigned: readonly KubeObject[]): Placement => {
    const snapshot = Snapshot.from(nodes as unknown as Node[], assigned as unknown as Pod[], objects());
    const r = schedulePod(pod as unknown as Pod, snapshot, profile, rand, { nextStartNodeIndex });
    nextStartNodeIndex = r.nextStartNodeIndex;
    if (r.result === 'Scheduled') return { kind: 'Scheduled', nodeName: r.nodeName };
    if (r.result === 'Error') return { kind: 'Unschedulable', message: r.message };
    return {
      kind: 'Unschedulable',
      message: r.message,
      ...(r.nominatedNodeName !== undefined ? { nominatedNodeName: r.nominatedNodeName } : {}),
      ...(r.victims ? { victims: r.victims as unknown as KubeObject[] } : {}),
    };
  };
}
