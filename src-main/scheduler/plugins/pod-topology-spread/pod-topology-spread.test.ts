import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';

const spread = (maxSkew: number, key: string, extra: Record<string, unknown> = {}) => [{ maxSkew, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'w' } }, ...extra }];
const SKEW = "node(s) didn't match pod topology spread constraints";

describe('PodTopologySpread', () => {
  const nodes = [
    { name: 'a1', zone: 'a' },
    { name: 'b1', zone: 'b' },
    { name: 'c1', zone: 'c', labels: { pool: 'special' } },
  ];
  const existing = [
    { name: 'x1', node: 'a1', labels: { app: 'w' } },
    { name: 'x2', node: 'a1', labels: { app: 'w' } },
    { name: 'x3', node: 'b1', labels: { app: 'w' } },
  ];

  it('maxSkew against the smallest domain', () => {
    const r = runPlugins([{ name: 'PodTopologySpread', weight: 2 }], nodes, existing, { name: 'p', labels: { app: 'w' }, topologySpreadConstraints: spread(1, 'topology.kubernetes.io/zone') });
    expect(r.filters).toEqual({ a1: SKEW, b1: SKEW, c1: 'ok' });
  });

  it('nodeAffinityPolicy Honor (default) drops domains the pod cannot go to', () => {
    const pod = { name: 'p', labels: { app: 'w' }, nodeSelector: { 'topology.kubernetes.io/zone': 'b' }, topologySpreadConstraints: spread(1, 'topology.kubernetes.io/zone') };
    // Only zone b counts: min 1, b gets 1 + 1 − 1 = 1 ≤ 1.
    expect(runPlugins([{ name: 'PodTopologySpread', weight: 2 }], nodes, existing, pod).filters.b1).toBe('ok');
    const ignore = { ...pod, topologySpreadConstraints: spread(1, 'topology.kubernetes.io/zone', { nodeAffinityPolicy: 'Ignore' }) };
    // With c counted (0 pods) b is 1 + 1 − 0 = 2 > 1.
    expect(runPlugins([{ name: 'PodTopologySpread', weight: 2 }], nodes, existing, ignore).filters.b1).toBe(SKEW);
  });

  it('a pod that does not match its own selector does not count itself', () => {
    const r = runPlugins([{ name: 'PodTopologySpread', weight: 2 }], nodes, existing, { name: 'p', labels: { app: 'other' }, topologySpreadConstraints: spread(1, 'topology.kubernetes.io/zone') });
    expect(r.filters).toEqual({ a1: SKEW, b1: 'ok', c1: 'ok' });
  });

  it('ScheduleAnyway constraints only score', () => {
    const pod = { name: 'p', labels: { app: 'w' }, topologySpreadConstraints: [{ ...spread(1, 'topology.kubernetes.io/zone')[0], whenUnsatisfiable: 'ScheduleAnyway' }] };
    const r = runPlugins([{ name: 'PodTopologySpread', weight: 2 }], nodes, existing, pod);
    expect(r.filters).toEqual({ a1: 'ok', b1: 'ok', c1: 'ok' });
    // raw: a = 2·ln5 = 3.2 → 3, b = 1.6 → 2, c = 0 → 0; 100·(3+0−s)/3 → 0, 33, 100; × 2.
    expect(r.scores).toEqual({ a1: 0, b1: 66, c1: 200 });
  });
});
