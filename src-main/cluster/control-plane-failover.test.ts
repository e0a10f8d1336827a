import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture } from '../client/testing/api-fixture';
import { LEASES, NODES } from '../kube/registry';
import { startClusterRuntime, type ClusterRuntime } from './cluster-runtime';
import { allNodes, defaultTopology, nodeObject } from './topology';

describe('control-plane failover (fake clock)', () => {
  let f: ApiFixture;
  let runtime: ClusterRuntime;

  beforeEach(async () => {
    f = await startApiFixture();
    const topology = defaultTopology();
    for (const n of allNodes(topology)) await f.client.create(NODES, '', nodeObject(n, '2026-01-01T00:00:00Z', n.name));
    runtime = await startClusterRuntime({ ctx: f.ctx, clock: f.clock, topology, seed: 7, caPem: 'CA' });
    await f.step(5_000, 500);
  });
  afterEach(async () => {
    await runtime.stop();
    await f.close();
  });

  const leaderOf = (component: string): string | undefined =>
    runtime.status().find((n) => n.components.some((c) => c.component === component && c.leader))?.node;

  it('a crashed control-plane node hands kube-controller-manager and kube-scheduler to another node within the 15 s lease', async () => {
    const cm = leaderOf('kube-controller-manager');
    const sched = leaderOf('kube-scheduler');
    expect(cm).toMatch(/^cp-[123]$/);
    expect(sched).toMatch(/^cp-[123]$/);
    const holder = ((await f.client.get(LEASES, 'kube-system', 'kube-controller-manager')).spec as { holderIdentity: string }).holderIdentity;
    expect(holder.startsWith(`${cm}_`)).toBe(true);
    await runtime.fault({ action: 'stop-node', node: cm! });
    const crashed = f.clock.now();
    let moved = 0;
    for (let t = 0; t < 30_000 && !moved; t += 500) {
      await f.step(500, 500);
      const now = leaderOf('kube-controller-manager');
      if (now && now !== cm) moved = f.clock.now() - crashed;
    }
    expect(moved).toBeGreaterThan(0);
    // Another candidate takes over once the lease it saw renewed last runs out (15 s), at its next retry (2 s with jitter).
    expect(moved).toBeLessThanOrEqual(15_000 + 2_000 * 2.2 + 500);
    const after = ((await f.client.get(LEASES, 'kube-system', 'kube-controller-manager')).spec as { holderIdentity: string; leaseTransitions: number });
    expect(after.holderIdentity.startsWith(`${cm}_`)).toBe(false);
    expect(after.leaseTransitions).toBe(1);
    const node = runtime.status().find((n) => n.node === cm)!;
    expect(node.kubelet).toBe(false);
    expect(node.components.every((c) => !c.running)).toBe(true);
  });

  it('a graceful stop of the leading controller manager moves leadership at the next retry', async () => {
    const cm = leaderOf('kube-controller-manager')!;
    await runtime.fault({ action: 'stop-component', node: cm, component: 'kube-controller-manager' });
    const stopped = f.clock.now();
    let moved = 0;
    for (let t = 0; t < 10_000 && !moved; t += 250) {
      await f.step(250, 250);
      const now = leaderOf('kube-controller-manager');
      if (now && now !== cm) moved = f.clock.now() - stopped;
    }
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(2_000 * 2.2 + 250);
  });

  it('refuses faults that name no such node or component', async () => {
    await expect(runtime.fault({ action: 'stop-kubelet', node: 'nope' })).rejects.toThrow('no node "nope" in this cluster');
    await expect(runtime.fault({ action: 'crash-component', node: 'worker-1', component: 'kube-scheduler' })).rejects.toThrow(
      'kube-scheduler does not run on worker-1 (only control-plane nodes run it)',
    );
  });
});
