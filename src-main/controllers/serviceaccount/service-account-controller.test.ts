import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../../client/testing/api-fixture';
import { CONFIG_MAPS, NAMESPACES, SERVICE_ACCOUNTS } from '../../kube/registry';
import { RootCACertPublisher } from '../rootcacert/root-ca-cert-publisher';
import { ServiceAccountController } from './service-account-controller';

describe('ServiceAccountController and RootCACertPublisher', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let ctrls: { run(n: number): Promise<void>; stop(): void }[];
  let running: Promise<unknown>;
  beforeEach(async () => {
    f = await startApiFixture();
    informers = new InformerFactory(f.client, f.clock);
    ctrls = [new ServiceAccountController(f.client, informers, f.clock), new RootCACertPublisher(f.client, informers, f.clock, 'PEM')];
    await informers.start();
    running = Promise.all(ctrls.map((c) => c.run(1)));
  });
  afterEach(async () => {
    for (const c of ctrls) c.stop();
    await running;
    informers.stop();
    await f.close();
  });

  it('gives every namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap, and puts them back when deleted', async () => {
    await f.client.create(NAMESPACES, '', { metadata: { name: 'team' } });
    await f.step(200);
    expect((await f.client.get(SERVICE_ACCOUNTS, 'team', 'default')).metadata.name).toBe('default');
    const cm = await f.client.get(CONFIG_MAPS, 'team', 'kube-root-ca.crt');
    expect(cm.data).toEqual({ 'ca.crt': 'PEM' });
    expect(cm.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle/);
    await f.client.delete(SERVICE_ACCOUNTS, 'team', 'default');
    await f.client.delete(CONFIG_MAPS, 'team', 'kube-root-ca.crt');
    await f.step(200);
    expect((await f.client.get(SERVICE_ACCOUNTS, 'team', 'default')).metadata.name).toBe('default');
    expect((await f.client.get(CONFIG_MAPS, 'team', 'kube-root-ca.crt')).data).toEqual({ 'ca.crt': 'PEM' });
  });
});
