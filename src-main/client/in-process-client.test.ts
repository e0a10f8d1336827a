import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_MAPS, PODS } from '../kube/registry';
import { StatusError } from '../kube/status';
import type { WatchEvent } from './cluster-client';
import { startApiFixture, type ApiFixture } from './testing/api-fixture';

async function statusOf(p: Promise<unknown>): Promise<{ code?: number; reason?: string; message?: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const pod = (name: string) => ({
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

describe('InProcessClient', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('creates with defaults and server-set metadata, as an HTTP create does', async () => {
    const created = await f.client.create(PODS, 'default', pod('web'));
    expect(created.apiVersion).toBe('v1');
    expect(created.kind).toBe('Pod');
    expect(created.metadata.uid).toMatch(/^0{8}-/);
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);
    expect((created.spec as { restartPolicy?: string }).restartPolicy).toBe('Always');
    expect((created.status as { phase?: string; qosClass?: string }).phase).toBe('Pending');
    const got = await f.client.get(PODS, 'default', 'web');
    expect(got.metadata.uid).toBe(created.metadata.uid);
  });

  it('reports the upstream errors: 404, 409 AlreadyExists, 409 Conflict, 422 Invalid', async () => {
    expect(await statusOf(f.client.get(PODS, 'default', 'nope'))).toMatchObject({ code: 404, message: 'pods "nope" not found' });
    const cm = await f.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'a' }, data: { k: 'v' } });
    expect(await statusOf(f.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'a' } }))).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    await f.client.update(CONFIG_MAPS, { ...cm, data: { k: 'w' } });
    expect(await statusOf(f.client.update(CONFIG_MAPS, { ...cm, data: { k: 'x' } }))).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(await statusOf(f.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'Bad_Name' } }))).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(await statusOf(f.client.create(CONFIG_MAPS, 'missing', { metadata: { name: 'b' } }))).toMatchObject({ code: 404, message: 'namespaces "missing" not found' });
  });

  it('does not let callers mutate what it stored or what it was given', async () => {
    const input = { metadata: { name: 'c' }, data: { k: 'v' } };
    const created = await f.client.create(CONFIG_MAPS, 'default', input);
    expect(input.metadata).toEqual({ name: 'c' });
    (created.data as Record<string, string>).k = 'changed';
    const again = await f.client.get(CONFIG_MAPS, 'default', 'c');
    expect(again.data).toEqual({ k: 'v' });
  });

  it('patches (strategic merge), writes status, binds and deletes pods gracefully', async () => {
    await f.client.create(PODS, 'default', pod('web'));
    const patched = await f.client.patch(PODS, 'default', 'web', 'strategic', { metadata: { labels: { app: 'web' } } });
    expect(patched.metadata.labels).toEqual({ app: 'web' });
    const bound = await f.client.createSubresource(PODS, 'default', 'web', 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'web' },
      target: { kind: 'Node', name: 'worker-1' },
    });
    expect(bound).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    const placed = await f.client.get(PODS, 'default', 'web');
    expect((placed.spec as { nodeName?: string }).nodeName).toBe('worker-1');
    expect((placed.status as { conditions?: { type: string; status: string }[] }).conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'True' }),
    );
    expect(
      await statusOf(
        f.client.createSubresource(PODS, 'default', 'web', 'binding', { metadata: { name: 'web' }, target: { kind: 'Node', name: 'worker-2' } }),
      ),
    ).toMatchObject({ code: 409, message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "worker-1"' });
    const withStatus = await f.client.update(PODS, { ...placed, status: { ...(placed.status as object), phase: 'Running' } }, { subresource: 'status' });
    expect((withStatus.status as { phase?: string }).phase).toBe('Running');
    const marked = await f.client.delete(PODS, 'default', 'web');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    await f.client.delete(PODS, 'default', 'web', { gracePeriodSeconds: 0 });
    expect(await statusOf(f.client.get(PODS, 'default', 'web'))).toMatchObject({ code: 404 });
  });

  it('watches from a resourceVersion and filters by label', async () => {
    const list = await f.client.list(CONFIG_MAPS, { namespace: 'default' });
    const events: WatchEvent[] = [];
    const w = await f.client.watch(CONFIG_MAPS, { namespace: 'default', resourceVersion: list.metadata.resourceVersion, labelSelector: 'app=x' }, {
      event: (e) => events.push(e),
      closed: () => undefined,
    });
    await f.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'one', labels: { app: 'x' } } });
    await f.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'two', labels: { app: 'y' } } });
    await f.client.patch(CONFIG_MAPS, 'default', 'one', 'merge', { metadata: { labels: { app: 'z' } } });
    await f.settle();
    w.stop();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED one', 'DELETED one']);
    expect(events[0].object.kind).toBe('ConfigMap');
  });
});
