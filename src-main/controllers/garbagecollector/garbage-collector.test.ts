import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../../client/testing/api-fixture';
import type { KubeObject } from '../../kube/object';
import { CONFIG_MAPS, PODS, REPLICA_SETS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { GarbageCollector } from './garbage-collector';

describe('GarbageCollector', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let gc: GarbageCollector;
  let running: Promise<void>;

  beforeEach(async () => {
    f = await startApiFixture();
    informers = new InformerFactory(f.client, f.clock);
    gc = new GarbageCollector(f.client, informers, f.clock);
    await informers.start();
    running = gc.run(2);
  });
  afterEach(async () => {
    gc.stop();
    await running;
    informers.stop();
    await f.close();
  });

  async function ownerWithPods(n: number): Promise<KubeObject> {
    const owner = await f.client.create(REPLICA_SETS, 'default', {
      metadata: { name: 'owner' },
      spec: { replicas: 0, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    for (let i = 0; i < n; i++) {
      await f.client.create(PODS, 'default', {
        metadata: {
          name: `dep-${i}`,
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'owner', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      });
    }
    await f.settle();
    return owner;
  }
  const podNames = async () => (await f.client.list(PODS, { namespace: 'default' })).items.map((p) => p.metadata.name);
  const exists = async (name: string) => {
    try {
      await f.client.get(REPLICA_SETS, 'default', name);
      return true;
    } catch (e) {
      if (e instanceof StatusError && e.status.code === 404) return false;
      throw e;
    }
  };

  it('background: deleting the owner deletes its dependents', async () => {
    await ownerWithPods(2);
    await f.client.delete(REPLICA_SETS, 'default', 'owner', { propagationPolicy: 'Background' });
    await f.step(500);
    expect(await podNames()).toEqual([]);
  });

  it('foreground: the owner waits, marked with foregroundDeletion, until its dependents are gone', async () => {
    await ownerWithPods(2);
    const marked = await f.client.delete(REPLICA_SETS, 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(marked.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    await f.step(2000);
    expect(await podNames()).toEqual([]);
    expect(await exists('owner')).toBe(false);
  });

  it('orphan: dependents stay, without the owner reference', async () => {
    await ownerWithPods(1);
    await f.client.delete(REPLICA_SETS, 'default', 'owner', { propagationPolicy: 'Orphan' });
    await f.step(1000);
    expect(await exists('owner')).toBe(false);
    const [pod] = (await f.client.list(PODS, { namespace: 'default' })).items;
    expect(pod.metadata.name).toBe('dep-0');
    expect(pod.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('a dependent created for an owner that no longer exists is collected; other owners keep it', async () => {
    const owner = await f.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'alive' } });
    await f.client.create(CONFIG_MAPS, 'default', {
      metadata: { name: 'orphaned', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }] },
    });
    await f.client.create(CONFIG_MAPS, 'default', {
      metadata: {
        name: 'shared',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'alive', uid: owner.metadata.uid ?? '' },
        ],
      },
    });
    await f.step(500);
    const names = (await f.client.list(CONFIG_MAPS, { namespace: 'default' })).items.map((c) => c.metadata.name);
    expect(names).toEqual(['alive', 'shared']);
    const shared = await f.client.get(CONFIG_MAPS, 'default', 'shared');
    expect(shared.metadata.ownerReferences?.map((r) => r.name)).toEqual(['alive']);
  });
});
