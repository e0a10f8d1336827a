import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../../client/testing/api-fixture';
import type { KubeObject } from '../../kube/object';
import { EVENTS, PODS, REPLICA_SETS } from '../../kube/registry';
import { ReplicaSetController, slowStartBatch } from './replica-set-controller';

const rs = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
});

describe('ReplicaSetController', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let ctrl: ReplicaSetController;
  let running: Promise<void>;

  beforeEach(async () => {
    f = await startApiFixture();
    informers = new InformerFactory(f.client, f.clock);
    ctrl = new ReplicaSetController(f.client, informers, f.clock);
    await informers.start();
    running = ctrl.run(2);
  });
  afterEach(async () => {
    ctrl.stop();
    await running;
    informers.stop();
    await f.close();
  });

  const pods = async () => (await f.client.list(PODS, { namespace: 'default' })).items;
  const markReady = async (pod: KubeObject) =>
    f.client.update(
      PODS,
      { ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(f.clock.now()).toISOString().replace(/\.\d+Z/, 'Z') }] } },
      { subresource: 'status' },
    );

  it('creates pods from the template with a controller reference, and reports status', async () => {
    await f.client.create(REPLICA_SETS, 'default', rs(3));
    await f.step(500);
    const list = await pods();
    expect(list).toHaveLength(3);
    const owner = await f.client.get(REPLICA_SETS, 'default', 'web');
    for (const p of list) {
      expect(p.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(owner.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    for (const p of list) await markReady(p);
    await f.step(500);
    const ready = await f.client.get(REPLICA_SETS, 'default', 'web');
    expect(ready.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const events = (await f.client.list(EVENTS, { namespace: 'default' })).items;
    expect(events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message).sort()).toEqual(list.map((p) => `Created pod: ${p.metadata.name ?? ''}`).sort());
  });

  it('replaces a deleted pod and deletes not-ready pods first when scaled down', async () => {
    await f.client.create(REPLICA_SETS, 'default', rs(3));
    await f.step(500);
    const [first, second, third] = await pods();
    await markReady(first);
    await markReady(third);
    await f.client.delete(PODS, 'default', second.metadata.name ?? '', { gracePeriodSeconds: 0 });
    await f.step(500);
    const after = await pods();
    expect(after).toHaveLength(3);
    expect(after.map((p) => p.metadata.name)).not.toContain(second.metadata.name);
    await f.client.patch(REPLICA_SETS, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    await f.step(500);
    const left = (await pods()).filter((p) => !p.metadata.deletionTimestamp);
    expect(left.map((p) => p.metadata.name).sort()).toEqual([first.metadata.name, third.metadata.name].sort());
  });

  it('adopts a matching orphan instead of creating a pod', async () => {
    await f.client.create(PODS, 'default', { metadata: { name: 'orphan', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await f.client.create(REPLICA_SETS, 'default', rs(1));
    await f.step(500);
    const list = await pods();
    expect(list.map((p) => p.metadata.name)).toEqual(['orphan']);
    expect(list[0].metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
  });

  it('slowStartBatch grows batches 1, 2, 4 and stops after a failing batch', async () => {
    const batches: number[] = [];
    let calls = 0;
    const n = await slowStartBatch(10, 1, async () => {
      const mine = ++calls;
      if (mine === 1 || mine === 2 || mine === 4) batches.push(mine);
      await Promise.resolve();
      if (mine === 5) throw new Error('quota');
    });
    expect(batches).toEqual([1, 2, 4]); // batch starts: call 1, calls 2-3, calls 4-7
    expect(calls).toBe(7);
    expect(n).toBe(6);
  });
});
