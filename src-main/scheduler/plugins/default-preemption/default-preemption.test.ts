import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../framework/pod-info';
import { makePod } from '../../testing/objects';
import { runPlugins } from '../../testing/run-plugins';
import { selectCandidate, type Candidate } from './default-preemption';

const plugins = [{ name: 'NodeResourcesFit' }, { name: 'DefaultPreemption' }];
const info = (name: string, priority: number, startTime?: string) => new PodInfo(makePod({ name, priority, startTime }));

describe('DefaultPreemption', () => {
  it('evicts as few and as unimportant pods as it can', () => {
    const existing = [
      { name: 'v1', node: 'n', cpu: 1, priority: 1 },
      { name: 'v2', node: 'n', cpu: 1, priority: 2 },
      { name: 'v3', node: 'n', cpu: 1, priority: 3 },
    ];
    const r = runPlugins(plugins, [{ name: 'n', cpu: 3 }], existing, { name: 'p', cpu: 2, priority: 10 }).result;
    expect(r.result).toBe('Unschedulable');
    if (r.result !== 'Unschedulable') return;
    expect(r.nominatedNodeName).toBe('n');
    expect(r.victims?.map((v) => v.metadata?.name).sort()).toEqual(['v1', 'v2']);
  });

  it('skips nodes where the pod cannot fit even when emptied', () => {
    const r = runPlugins(plugins, [{ name: 'tiny', cpu: 1 }, { name: 'ok', cpu: 4 }], [{ name: 'v', node: 'ok', cpu: 4 }, { name: 't', node: 'tiny', cpu: 1 }], { name: 'p', cpu: 2, priority: 10 }).result;
    expect(r.result === 'Unschedulable' && r.nominatedNodeName).toBe('ok');
  });

  it('picks by fewest PDB violations, lowest top victim, lowest sum, fewest victims, latest start', () => {
    const c = (nodeName: string, victims: PodInfo[]): Candidate => ({ nodeName, victims, numPDBViolations: 0 });
    expect(selectCandidate([c('hi', [info('a', 5)]), c('lo', [info('b', 3), info('c', 3)])]).nodeName).toBe('lo');
    expect(selectCandidate([c('two', [info('a', 3), info('b', 1)]), c('one', [info('c', 3)])]).nodeName).toBe('one');
    expect(selectCandidate([c('old', [info('a', 3, '2026-01-01T00:00:00Z')]), c('new', [info('b', 3, '2026-01-02T00:00:00Z')])]).nodeName).toBe('new');
  });
});
