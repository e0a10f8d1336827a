import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object';
import { CONFIG_MAPS } from '../kube/registry';
import type { ClusterClient, WatchCallbacks } from './cluster-client';
import { Informer } from './informer';
import { startApiFixture, type ApiFixture } from './testing/api-fixture';

/** The fixture's client, with a switch that drops watch events (a broken connection) and a way to send 410 Gone. */
function lossyClient(inner: ClusterClient): { client: ClusterClient; drop(on: boolean): void; gone(): void } {
  let dropping = false;
  const open: WatchCallbacks[] = [];
  const client: ClusterClient = Object.create(inner) as ClusterClient;
  client.watch = async (rt, opts, cb) => {
    open.push(cb);
    return inner.watch(rt, opts, { event: (e) => !dropping && cb.event(e), closed: (err) => cb.closed(err) });
  };
  return {
    client,
    drop: (on) => {
      dropping = on;
    },
    gone: () => {
      const cb = open.pop();
      cb?.event({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired' } as KubeObject });
    },
  };
}

describe('Informer', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const cm = (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, labels }, data: { v: name } });

  it('lists, then follows adds, updates and deletes, keeping an index', async () => {
    await f.client.create(CONFIG_MAPS, 'default', cm('a', { tier: 'x' }));
    const log: string[] = [];
    const inf = new Informer(f.client, CONFIG_MAPS, f.clock, { namespace: 'default' });
    inf.addIndexer('tier', (o) => [o.metadata.labels?.tier ?? '']);
    inf.addEventHandler({
      onAdd: (o) => log.push(`add ${o.metadata.name}`),
      onUpdate: (o, n) => log.push(`update ${o.metadata.name} ${String((o.data as { v: string }).v)}→${String((n.data as { v: string }).v)}`),
      onDelete: (o) => log.push(`delete ${o.metadata.name}`),
    });
    await inf.start();
    expect(inf.hasSynced).toBe(true);
    await f.client.create(CONFIG_MAPS, 'default', cm('b', { tier: 'x' }));
    await f.client.patch(CONFIG_MAPS, 'default', 'a', 'merge', { data: { v: 'a2' }, metadata: { labels: { tier: 'y' } } });
    await f.client.delete(CONFIG_MAPS, 'default', 'b');
    await f.settle();
    expect(log).toEqual(['add a', 'add b', 'update a a→a2', 'delete b']);
    expect(inf.list().map((o) => o.metadata.name)).toEqual(['a']);
    expect(inf.byIndex('tier', 'y').map((o) => o.metadata.name)).toEqual(['a']);
    expect(inf.byIndex('tier', 'x')).toEqual([]);
    inf.stop();
  });

  it('after 410 Gone relists and reports what it missed as adds, updates and deletes', async () => {
    const lossy = lossyClient(f.client);
    await f.client.create(CONFIG_MAPS, 'default', cm('keep'));
    await f.client.create(CONFIG_MAPS, 'default', cm('gone'));
    const log: string[] = [];
    const inf = new Informer(lossy.client, CONFIG_MAPS, f.clock, { namespace: 'default' });
    inf.addEventHandler({
      onAdd: (o) => log.push(`add ${o.metadata.name}`),
      onUpdate: (o) => log.push(`update ${o.metadata.name}`),
      onDelete: (o) => log.push(`delete ${o.metadata.name}`),
    });
    await inf.start();
    lossy.drop(true);
    await f.client.delete(CONFIG_MAPS, 'default', 'gone');
    await f.client.create(CONFIG_MAPS, 'default', cm('new'));
    await f.client.patch(CONFIG_MAPS, 'default', 'keep', 'merge', { data: { v: 'k2' } });
    await f.settle();
    lossy.drop(false);
    lossy.gone();
    await f.step(1000);
    expect(log.slice(2).sort()).toEqual(['add new', 'delete gone', 'update keep']);
    expect(inf.list().map((o) => o.metadata.name).sort()).toEqual(['keep', 'new']);
    // The new watch works.
    await f.client.create(CONFIG_MAPS, 'default', cm('later'));
    await f.settle();
    expect(inf.get('default', 'later')).toBeDefined();
    inf.stop();
  });

  it('resumes a watch the server ended, without relisting', async () => {
    const inf = new Informer(f.client, CONFIG_MAPS, f.clock, { namespace: 'default' });
    const adds: string[] = [];
    inf.addEventHandler({ onAdd: (o) => adds.push(o.metadata.name ?? '') });
    await inf.start();
    await f.step(2 * 3600_000, 600_000); // past the longest server-side watch timeout (60 min)
    await f.client.create(CONFIG_MAPS, 'default', cm('after-timeout'));
    await f.settle();
    expect(adds).toEqual(['after-timeout']);
    inf.stop();
  });
});
