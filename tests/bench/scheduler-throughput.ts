/**
 * Scheduler throughput at Kubernetes' scheduler_perf scale: 5,000 nodes already running 10,000
 * pods, then pods placed one cycle at a time with the default profile (as kube-scheduler does,
 * one pod per cycle), each assumed into the snapshot. Plain pods, and pods of one ReplicaSet
 * (default topology spreading then counts siblings on every feasible node).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { seededRand } from '../../src-main/common/rand';
import { Snapshot } from '../../src-main/scheduler/framework/snapshot';
import { createProfile } from '../../src-main/scheduler/profile';
import { schedulePod } from '../../src-main/scheduler/schedule-pod';
import { makeNode, makePod } from '../../src-main/scheduler/testing/objects';

export interface ThroughputResult {
  kind: string;
  pods: number;
  perSecond: number;
}

function measure(kind: 'plain' | 'replicaset', n: number): ThroughputResult {
  const nodes = Array.from({ length: 5000 }, (_, i) => makeNode({ name: `n${i}`, cpu: 32, memory: '128Gi', zone: `z${i % 3}` }));
  const pods = Array.from({ length: 10000 }, (_, i) => makePod({ name: `e${i}`, node: `n${i % 5000}`, cpu: '250m', memory: '256Mi', labels: { app: `a${i % 50}` } }));
  const rs: ReplicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs-uid' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } };
  const snapshot = Snapshot.from(nodes, pods, kind === 'replicaset' ? { replicaSets: [rs] } : {});
  const profile = createProfile();
  const rand = seededRand(1);
  let next = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const pod: Pod = makePod({ name: `p${i}`, cpu: '100m', memory: '128Mi', labels: { app: kind === 'replicaset' ? 'web' : `a${i % 50}` } });
    if (kind === 'replicaset') pod.metadata = { ...pod.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true }] };
    const r = schedulePod(pod, snapshot, profile, rand, { nextStartNodeIndex: next });
    next = r.nextStartNodeIndex;
    if (r.result !== 'Scheduled') throw new Error(`pod ${i} not scheduled: ${r.result}`);
    snapshot.addPod({ ...pod, spec: { ...pod.spec!, nodeName: r.nodeName } });
  }
  return { kind, pods: n, perSecond: (n / (performance.now() - start)) * 1000 };
}

export function runSchedulerThroughput(): ThroughputResult[] {
  return [measure('plain', 2000), measure('replicaset', 1000)];
}
