import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRand } from '../common/rand';
import { InformerFactory } from '../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../client/testing/api-fixture';
import { NodeLifecycleController } from '../controllers/nodelifecycle/node-lifecycle-controller';
import { TaintEvictionController } from '../controllers/tainteviction/taint-eviction-controller';
import { Kubelet } from '../kubelet/kubelet';
import { NODES, PODS } from '../kube/registry';
import { nodeObject, defaultTopology } from './topology';

type NodeView = { spec?: { taints?: { key: string; effect: string }[] }; status: { conditions: { type: string; status: string; reason: string; message: string }[] } };

describe('a node whose kubelet stops (fake clock)', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let kubelet: Kubelet;
  let controllers: { run(n: number): Promise<void>; stop(): void }[];
  let running: Promise<unknown>;

  beforeEach(async () => {
    f = await startApiFixture();
    const spec = defaultTopology().workers[0];
    await f.client.create(NODES, '', nodeObject(spec, '2026-01-01T00:00:00Z', 'm1'));
    kubelet = new Kubelet({ nodeName: spec.name, client: f.client, clock: f.clock, rand: seededRand(3) });
    await kubelet.start();
    informers = new InformerFactory(f.client, f.clock);
    controllers = [new NodeLifecycleController(f.client, informers, f.clock), new TaintEvictionController(f.client, informers, f.clock)];
    await informers.start();
    running = Promise.all(controllers.map((c) => c.run(2)));
  });
  afterEach(async () => {
    for (const c of controllers) c.stop();
    await running;
    informers.stop();
    await kubelet.stop();
    await f.close();
  });

  it('goes Unknown after the 50 s grace period, is tainted, and its pods are evicted 300 s later', async () => {
    await f.client.create(PODS, 'default', { metadata: { name: 'web' }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }] } });
    await f.client.create(PODS, 'default', {
      metadata: { name: 'impatient' },
      spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }] },
    });
    await f.step(15_000, 1000);
    expect(((await f.client.get(PODS, 'default', 'web')).status as { phase: string }).phase).toBe('Running');
    await kubelet.stop();
    const stoppedAt = f.clock.now();
    await f.step(45_000, 1000);
    let node = (await f.client.get(NODES, '', 'worker-1')) as unknown as NodeView;
    expect(node.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    await f.step(15_000, 1000);
    node = (await f.client.get(NODES, '', 'worker-1')) as unknown as NodeView;
    const ready = node.status.conditions.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    const web = await f.client.get(PODS, 'default', 'web');
    expect((web.status as { conditions: { type: string; status: string }[] }).conditions.find((c) => c.type === 'Ready')?.status).toBe('False');
    // The pod tolerating for 20 s goes first; the default 300 s toleration keeps the other one until then.
    await f.step(25_000, 1000);
    expect((await f.client.get(PODS, 'default', 'impatient')).metadata.deletionTimestamp).toBeDefined();
    expect((await f.client.get(PODS, 'default', 'web')).metadata.deletionTimestamp).toBeUndefined();
    const untilEviction = 300_000 - (f.clock.now() - stoppedAt) + 60_000;
    await f.step(untilEviction, 5000);
    const evicted = await f.client.get(PODS, 'default', 'web');
    // Its kubelet is gone, so the pod stays Terminating, as on a real cluster.
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect((evicted.status as { conditions: { type: string; reason?: string }[] }).conditions.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
  });

  it('comes back Ready and untainted when its kubelet returns', async () => {
    await kubelet.stop();
    await f.step(60_000, 1000);
    await kubelet.start();
    await f.step(15_000, 1000);
    const node = (await f.client.get(NODES, '', 'worker-1')) as unknown as NodeView;
    expect(node.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node.spec?.taints ?? []).toEqual([]);
  });
});
