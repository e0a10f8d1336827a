import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';
import { makePod } from '../../testing/objects';
import { PodInfo } from '../../framework/pod-info';

describe('NodeResourcesFit', () => {
  it('reports every insufficient resource of a node', () => {
    const r = runPlugins([{ name: 'NodeResourcesFit' }], [{ name: 'small', cpu: 1, memory: '1Gi', pods: 1 }, { name: 'big', cpu: 8 }], [{ name: 'x', node: 'small' }], {
      name: 'p',
      cpu: 2,
      memory: '2Gi',
    });
    expect(r.filters).toEqual({ small: 'Too many pods, Insufficient cpu, Insufficient memory', big: 'ok' });
  });

  it('LeastAllocated: the free share of cpu and memory, counting 100m / 200Mi for missing requests', () => {
    const r = runPlugins([{ name: 'NodeResourcesFit' }], [{ name: 'a', cpu: 4, memory: '4Gi' }, { name: 'b', cpu: 4, memory: '4Gi' }], [{ name: 'x', node: 'a', cpu: 2, memory: '2Gi' }], { name: 'p' });
    // a: cpu (4000-2100)/4000 = 47, memory (4096-2248)/4096 = 45 → 46; b: cpu 97, memory 95 → 96.
    expect(r.scores).toEqual({ a: 46, b: 96 });
  });

  it('computes requests like upstream: init containers max, sidecars add, overhead adds', () => {
    const pod = makePod({
      name: 'p',
      spec: {
        containers: [
          { name: 'a', resources: { requests: { cpu: '500m', memory: '100Mi' } } },
          { name: 'b', resources: { requests: { cpu: '250m' } } },
        ],
        initContainers: [
          { name: 'init', resources: { requests: { cpu: '2', memory: '50Mi' } } },
          { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '10Mi' } } },
          { name: 'late-init', resources: { requests: { cpu: '700m' } } },
        ],
        overhead: { cpu: '50m' },
      },
    });
    const info = new PodInfo(pod);
    // containers 750m + sidecar 100m = 850m; init max(2000, 100, 700+100) = 2000 → 2000m, + 50m overhead.
    expect(info.requests.milliCPU).toBe(2050);
    expect(info.requests.memory).toBe(110 * 1024 * 1024);
    // Non-zero: container b has no memory request, so 200Mi counts for it.
    expect(info.nonZeroMemory).toBe(310 * 1024 * 1024);
  });
});
