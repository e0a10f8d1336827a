import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';

const nodes = [
  { name: 'a1', zone: 'a' },
  { name: 'a2', zone: 'a' },
  { name: 'b1', zone: 'b' },
];
const anti = (app: string, key = 'kubernetes.io/hostname') => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: key }] } });

describe('InterPodAffinity', () => {
  it('required anti-affinity by hostname spreads replicas', () => {
    const existing = [{ name: 'r1', node: 'a1', labels: { app: 'r' } }];
    const r = runPlugins([{ name: 'InterPodAffinity', weight: 2 }], nodes, existing, { name: 'p', labels: { app: 'r' }, affinity: anti('r') });
    expect(r.filters).toEqual({ a1: "node(s) didn't match pod anti-affinity rules", a2: 'ok', b1: 'ok' });
  });

  it("respects existing pods' anti-affinity (symmetry)", () => {
    const existing = [{ name: 'guard', node: 'a2', labels: { app: 'guard' }, affinity: anti('intruder', 'topology.kubernetes.io/zone') }];
    const r = runPlugins([{ name: 'InterPodAffinity', weight: 2 }], nodes, existing, { name: 'p', labels: { app: 'intruder' } });
    expect(r.filters).toEqual({ a1: "node(s) didn't satisfy existing pods anti-affinity rules", a2: "node(s) didn't satisfy existing pods anti-affinity rules", b1: 'ok' });
  });

  it('namespaceSelector chooses namespaces by label', () => {
    const existing = [{ name: 'db', namespace: 'team-a', node: 'b1', labels: { app: 'db' } }];
    const pod = {
      name: 'p',
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, namespaceSelector: {}, topologyKey: 'topology.kubernetes.io/zone' }] } },
    };
    const r = runPlugins([{ name: 'InterPodAffinity', weight: 2 }], nodes, existing, pod);
    expect(r.result.result === 'Scheduled' && r.result.nodeName).toBe('b1');
  });

  it("scores an existing pod's required affinity to the incoming pod (hardPodAffinityWeight 1)", () => {
    const existing = [{ name: 'fan', node: 'b1', labels: { app: 'fan' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'star' } }, topologyKey: 'topology.kubernetes.io/zone' }] } } }];
    const r = runPlugins([{ name: 'InterPodAffinity', weight: 2 }], nodes, existing, { name: 'p', labels: { app: 'star' } });
    expect(r.scores).toEqual({ a1: 0, a2: 0, b1: 200 });
  });
});
