import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../../client/testing/api-fixture';
import { CONFIG_MAPS, NAMESPACES, PODS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { NamespaceController } from './namespace-controller';

describe('NamespaceController', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let ctrl: NamespaceController;
  let running: Promise<void>;

  beforeEach(async () => {
    f = await startApiFixture();
    informers = new InformerFactory(f.client, f.clock);
    ctrl = new NamespaceController(f.client, informers, f.clock);
    await informers.start();
    running = ctrl.run(1);
  });
  afterEach(async () => {
    ctrl.stop();
    await running;
    informers.stop();
    await f.close();
  });

  it('empties a deleted namespace, reports what remains, and lets it go when empty', async () => {
    await f.client.create(NAMESPACES, '', { metadata: { name: 'team' } });
    await f.client.create(CONFIG_MAPS, 'team', { metadata: { name: 'settings' } });
    // A pod on a node is deleted gracefully: it stays until its kubelet (here: the test) finishes it.
    await f.client.create(PODS, 'team', { metadata: { name: 'app' }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }] } });
    await f.client.delete(NAMESPACES, '', 'team');
    await f.step(500);
    expect((await f.client.list(CONFIG_MAPS, { namespace: 'team' })).items).toEqual([]);
    const pod = await f.client.get(PODS, 'team', 'app');
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    const ns = await f.client.get(NAMESPACES, '', 'team');
    const conds = (ns.status as { phase: string; conditions: { type: string; status: string; message: string }[] });
    expect(conds.phase).toBe('Terminating');
    expect(conds.conditions.find((c) => c.type === 'NamespaceContentRemaining')).toMatchObject({
      status: 'True',
      message: 'Some resources are remaining: pods. has 1 resource instances',
    });
    await f.client.delete(PODS, 'team', 'app', { gracePeriodSeconds: 0 });
    await f.step(31_000, 1000);
    await expect(f.client.get(NAMESPACES, '', 'team')).rejects.toBeInstanceOf(StatusError);
  });
});
