import { describe, expect, it } from 'vitest';
import { seededRand } from '../../common/rand';
import { inTreeRegistry } from '../plugins/registry';
import { NodeToStatus } from './node-to-status';
import { fitErrorMessage } from './fit-error';
import { Registry } from './registry';
import { Snapshot } from './snapshot';
import { unresolvable, unschedulable } from './status';
import { makeNode, makePod } from '../testing/objects';
import { numFeasibleNodesToFind, selectHost } from '../schedule-pod';
import { NodeInfo } from './node-info';

describe('Registry', () => {
  it('refuses a duplicate name', () => {
    const r = inTreeRegistry();
    expect(() => r.register('NodeName', () => ({ name: 'NodeName' }))).toThrow('a plugin named NodeName already exists');
    expect(() => new Registry().merge(r).merge(inTreeRegistry())).toThrow(/already exists/);
  });
});

describe('fitErrorMessage', () => {
  it('counts reasons per node, sorts "<n> <reason>" as strings, absent nodes share one status', () => {
    const s = new NodeToStatus();
    s.set('a', unschedulable('Insufficient cpu', 'Insufficient memory'));
    s.set('b', unschedulable('Insufficient cpu'));
    s.absent = unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage({ numAllNodes: 12, statuses: s, postFilterMsg: 'preemption: x.' })).toBe(
      "0/12 nodes are available: 1 Insufficient memory, 10 node(s) didn't satisfy plugin(s) [NodeAffinity], 2 Insufficient cpu. preemption: x.",
    );
    expect(fitErrorMessage({ numAllNodes: 3, statuses: s, preFilterMsg: 'pod affinity terms conflict' })).toBe('0/3 nodes are available: pod affinity terms conflict.');
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [50, 50],
    [100, 100],
    [1000, 420], // 50 − 8 = 42%
    [5000, 500], // 50 − 40 = 10%
    [6000, 300], // 50 − 48 = 2% → at least 5%
    [1500, 570], // 50 − 12 = 38%
  ])('%i nodes → %i', (n, want) => expect(numFeasibleNodesToFind(0, n)).toBe(want));
  it('honours a configured percentage with the minimum of 100', () => {
    expect(numFeasibleNodesToFind(1, 5000)).toBe(100);
    expect(numFeasibleNodesToFind(100, 5000)).toBe(5000);
  });
});

describe('selectHost', () => {
  it('picks the highest total and spreads ties evenly', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((name) => new NodeInfo(makeNode({ name })));
    const rand = seededRand(7);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const n = selectHost(nodes, [5, 9, 9, 9], rand);
      counts[n] = (counts[n] ?? 0) + 1;
    }
    expect(counts.a).toBeUndefined();
    for (const n of ['b', 'c', 'd']) expect(counts[n]).toBeGreaterThan(850);
  });
});

describe('Snapshot', () => {
  it('keeps NodeInfo sums incremental as pods come, move and go', () => {
    const s = Snapshot.from([makeNode({ name: 'a' }), makeNode({ name: 'b' })], []);
    const p = makePod({ name: 'p', node: 'a', cpu: '1500m', hostPorts: [80] });
    s.addPod(p);
    expect(s.get('a')!.requested.milliCPU).toBe(1500);
    expect(s.get('a')!.usedPorts.list()).toEqual(['0.0.0.0 TCP/80']);
    s.addPod({ ...p, spec: { ...p.spec!, nodeName: 'b' } });
    expect(s.get('a')!.requested.milliCPU).toBe(0);
    expect(s.get('a')!.usedPorts.size).toBe(0);
    expect(s.get('b')!.pods.map((x) => x.key)).toEqual(['default/p']);
    s.addPod({ ...p, spec: { ...p.spec!, nodeName: 'b' }, status: { phase: 'Succeeded' } });
    expect(s.get('b')!.pods).toEqual([]);
    expect(s.get('b')!.nonZeroRequested).toEqual({ milliCPU: 0, memory: 0 });
  });

  it('keeps pods of a node that is not there yet, and shows the node only once it is', () => {
    const s = Snapshot.from([], [makePod({ name: 'early', node: 'late', cpu: 1 })]);
    expect(s.numNodes).toBe(0);
    s.setNode(makeNode({ name: 'late' }));
    expect(s.get('late')!.requested.milliCPU).toBe(1000);
    s.removeNode('late');
    expect(s.list()).toEqual([]);
  });
});
