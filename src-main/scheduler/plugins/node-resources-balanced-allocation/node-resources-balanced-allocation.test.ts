import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';
import { balancedResourceScore } from './node-resources-balanced-allocation';

describe('NodeResourcesBalancedAllocation', () => {
  it('is 100 × (1 − std) of the used fractions', () => {
    expect(balancedResourceScore([500, 512], [1000, 1024])).toBe(100);
    expect(balancedResourceScore([1000, 0], [1000, 1024])).toBe(50);
    expect(balancedResourceScore([2000, 0], [1000, 1024])).toBe(50); // fractions cap at 1
    expect(balancedResourceScore([300, 600, 900], [1000, 1000, 1000])).toBe(75); // std of .3 .6 .9 = .2449
  });

  it('prefers the node the pod leaves balanced, counting plain requests', () => {
    const nodes = [{ name: 'cpu-heavy', cpu: 4, memory: '4Gi' }, { name: 'even', cpu: 4, memory: '4Gi' }];
    const existing = [{ name: 'x', node: 'cpu-heavy', cpu: 2 }];
    const r = runPlugins([{ name: 'NodeResourcesBalancedAllocation' }], nodes, existing, { name: 'p', cpu: 1, memory: '1Gi' });
    // cpu-heavy: .75 / .25 → 75; even: .25 / .25 → 100.
    expect(r.scores).toEqual({ 'cpu-heavy': 75, even: 100 });
  });
});
