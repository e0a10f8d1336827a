import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRand } from '../common/rand';
import { startApiFixture, type ApiFixture } from '../client/testing/api-fixture';
import type { KubeObject } from '../kube/object';
import { EVENTS, LEASES, NODES, PODS } from '../kube/registry';
import { Kubelet } from './kubelet';

type Status = {
  phase?: string;
  podIP?: string;
  hostIP?: string;
  conditions?: { type: string; status: string }[];
  containerStatuses?: { name: string; ready: boolean; restartCount: number; state: Record<string, { reason?: string; exitCode?: number; message?: string }>; image: string; imageID: string }[];
};

describe('Kubelet', () => {
  let f: ApiFixture;
  let kubelet: Kubelet;

  beforeEach(async () => {
    f = await startApiFixture();
    await f.client.create(NODES, '', {
      metadata: { name: 'worker-1' },
      spec: { podCIDR: '10.244.3.0/24' },
      status: { addresses: [{ type: 'InternalIP', address: '172.18.0.5' }] },
    });
    kubelet = new Kubelet({ nodeName: 'worker-1', client: f.client, clock: f.clock, rand: seededRand(7) });
    await kubelet.start();
  });
  afterEach(async () => {
    await kubelet.stop();
    await f.close();
  });

  const run = async (name: string, container: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<void> => {
    await f.client.create(PODS, 'default', {
      metadata: { name },
      spec: { nodeName: 'worker-1', containers: [{ name: 'main', ...container }], ...extra },
    });
  };
  const status = async (name: string): Promise<Status> => (await f.client.get(PODS, 'default', name)).status as Status;

  it('runs a server pod: Running, Ready, a pod IP from the node CIDR, image resolved', async () => {
    await run('web', { image: 'nginx' });
    await f.step(500);
    const s = await status('web');
    expect(s.phase).toBe('Running');
    expect(s.podIP).toMatch(/^10\.244\.3\.\d+$/);
    expect(s.hostIP).toBe('172.18.0.5');
    expect(s.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(s.containerStatuses?.[0]).toMatchObject({ name: 'main', ready: true, restartCount: 0, image: 'docker.io/library/nginx:latest' });
    expect(s.containerStatuses?.[0].imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(kubelet.logs('default', 'web', 'main', false)?.map((l) => l.text)).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    const reasons = (await f.client.list(EVENTS, { namespace: 'default' })).items.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Pulling', 'Pulled', 'Created', 'Started']));
  });

  it('a container that exits under restartPolicy Always goes into CrashLoopBackOff with growing back-off', async () => {
    await run('crash', { image: 'busybox' });
    await f.step(2_000);
    let s = await status('crash');
    expect(s.containerStatuses?.[0].restartCount).toBe(1);
    expect(s.containerStatuses?.[0].state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(s.containerStatuses?.[0].state.waiting?.message).toMatch(/^back-off 10s restarting failed container=main pod=crash_default\(.+\)$/);
    expect(s.phase).toBe('Running');
    await f.step(12_000, 500);
    s = await status('crash');
    expect(s.containerStatuses?.[0].restartCount).toBe(2);
    expect(s.containerStatuses?.[0].state.waiting?.message).toMatch(/^back-off 20s/);
  });

  it('restartPolicy Never: exit 0 is Succeeded, exit 1 is Failed', async () => {
    await run('ok', { image: 'busybox', command: ['sh', '-c', 'echo done; exit 0'] }, { restartPolicy: 'Never' });
    await run('bad', { image: 'busybox', command: ['sh', '-c', 'sleep 2; exit 3'] }, { restartPolicy: 'Never' });
    await f.step(3_000);
    expect((await status('ok')).phase).toBe('Succeeded');
    const bad = await status('bad');
    expect(bad.phase).toBe('Failed');
    expect(bad.containerStatuses?.[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(kubelet.logs('default', 'ok', 'main', false)?.map((l) => l.text)).toEqual(['done']);
  });

  it('an image that cannot exist: ErrImagePull, then ImagePullBackOff', async () => {
    await run('typo', { image: 'ngnix' });
    await f.step(500);
    const first = await status('typo');
    expect(first.phase).toBe('Pending');
    expect(first.containerStatuses?.[0].state.waiting?.reason).toBe('ErrImagePull');
    expect(first.containerStatuses?.[0].state.waiting?.message).toContain('pull access denied, repository does not exist or may require authorization');
    await f.step(1_500);
    expect((await status('typo')).containerStatuses?.[0].state.waiting?.reason).toBe('ImagePullBackOff');
  });

  it('deletes gracefully: a server stops at once, a shell ignoring SIGTERM takes the grace period', async () => {
    await run('web', { image: 'nginx' });
    await run('sleeper', { image: 'busybox', command: ['sh', '-c', 'sleep 3600'] });
    await f.step(500);
    await f.client.delete(PODS, 'default', 'web');
    await f.client.delete(PODS, 'default', 'sleeper');
    await f.step(2_000);
    const names = async () => (await f.client.list(PODS, { namespace: 'default' })).items.map((p: KubeObject) => p.metadata.name);
    expect(await names()).toEqual(['sleeper']);
    await f.step(29_000, 1000);
    expect(await names()).toEqual([]);
  });

  it('renews its node Lease every 10 s and reports the node Ready', async () => {
    const first = await f.client.get(LEASES, 'kube-node-lease', 'worker-1');
    expect(first.spec).toMatchObject({ holderIdentity: 'worker-1', leaseDurationSeconds: 40 });
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'worker-1' });
    await f.step(10_500, 500);
    const later = await f.client.get(LEASES, 'kube-node-lease', 'worker-1');
    expect((later.spec as { renewTime: string }).renewTime > (first.spec as { renewTime: string }).renewTime).toBe(true);
    const node = await f.client.get(NODES, '', 'worker-1');
    const ready = (node.status as { conditions: { type: string; status: string; reason: string }[] }).conditions.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady' });
  });
});

describe('Kubelet static pods', () => {
  it('shows manifests as mirror pods, restarts one whose manifest changed, and brings back a deleted mirror pod', async () => {
    const f = await startApiFixture();
    try {
      await f.client.create(NODES, '', { metadata: { name: 'cp-1' }, spec: { podCIDR: '10.244.0.0/24' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } });
      let image = 'registry.k8s.io/etcd:3.5.16-0';
      const manifests = async (): Promise<KubeObject[]> => [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd', namespace: 'kube-system', labels: { component: 'etcd' } }, spec: { hostNetwork: true, containers: [{ name: 'etcd', image, command: ['etcd'] }] } },
      ];
      const k = new Kubelet({ nodeName: 'cp-1', client: f.client, clock: f.clock, rand: seededRand(1), staticPods: manifests });
      await k.start();
      await f.step(500);
      const first = await f.client.get(PODS, 'kube-system', 'etcd-cp-1');
      expect(first.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
      expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'cp-1', controller: true });
      expect((first.status as { podIP: string; phase: string })).toMatchObject({ podIP: '172.18.0.2', phase: 'Running' });
      image = 'registry.k8s.io/etcd:3.5.17-0';
      await f.step(20_500, 500);
      const second = await f.client.get(PODS, 'kube-system', 'etcd-cp-1');
      expect(second.metadata.uid).not.toBe(first.metadata.uid);
      expect((second.spec as { containers: { image: string }[] }).containers[0].image).toBe(image);
      await f.client.delete(PODS, 'kube-system', 'etcd-cp-1', { gracePeriodSeconds: 0 });
      await f.step(1000);
      expect((await f.client.get(PODS, 'kube-system', 'etcd-cp-1')).metadata.name).toBe('etcd-cp-1');
      await k.stop();
    } finally {
      await f.close();
    }
  });
});
