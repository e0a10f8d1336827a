/**
 * A coarse throughput guard at the target scale (5,000 nodes, 10,000 pods): plain pods must
 * schedule well above a generous floor, so an accidental O(pods) step per node shows up here.
 * Measured on the dev box: ~1,800 pods/s plain, ~330 pods/s for ReplicaSet pods (default
 * topology spreading counts matching pods over all nodes each cycle, as upstream does).
 */
import { describe, expect, it } from 'vitest';
import { seededRand } from '../common/rand';
import { Snapshot } from './framework/snapshot';
import { createProfile } from './profile';
import { schedulePod } from './schedule-pod';
import { makeNode, makePod } from './testing/objects';

describe('schedulePod throughput', () => {
  it('schedules pods on 5,000 nodes with 10,000 pods at over 200 pods/s', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => makeNode({ name: `n${i}`, cpu: 32, memory: '128Gi', zone: `z${i % 3}` }));
    const pods = Array.from({ length: 10000 }, (_, i) => makePod({ name: `e${i}`, node: `n${i % 5000}`, cpu: '250m', memory: '256Mi', labels: { app: `a${i % 50}` } }));
    const snapshot = Snapshot.from(nodes, pods);
    const profile = createProfile();
    const rand = seededRand(1);
    const n = 400;
    let next = 0;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const pod = makePod({ name: `p${i}`, cpu: '100m', memory: '128Mi', labels: { app: `a${i % 50}` } });
      const r = schedulePod(pod, snapshot, profile, rand, { nextStartNodeIndex: next });
      next = r.nextStartNodeIndex;
      expect(r.result).toBe('Scheduled');
      if (r.result === 'Scheduled') {
        // adaptive percentageOfNodesToScore: 10% of 5,000 nodes
        expect(r.feasibleNodes).toBe(500);
        snapshot.addPod({ ...pod, spec: { ...pod.spec!, nodeName: r.nodeName } });
      }
    }
    const perSecond = (n / (performance.now() - start)) * 1000;
    expect(perSecond).toBeGreaterThan(200);
  });
});
