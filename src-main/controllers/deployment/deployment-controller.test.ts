import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../../client/testing/api-fixture';
import type { KubeObject } from '../../kube/object';
import { DEPLOYMENTS, EVENTS, PODS, REPLICA_SETS } from '../../kube/registry';
import { ReplicaSetController } from '../replicaset/replica-set-controller';
import { DeploymentController } from './deployment-controller';
import { podTemplateHash } from './deployment-util';

const deployment = (replicas: number, image = 'nginx:1.27', strategy?: object): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
    ...(strategy ? { strategy } : {}),
  },
});

describe('DeploymentController', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let controllers: { stop(): void; run(n: number): Promise<void> }[];
  let running: Promise<unknown>;

  beforeEach(async () => {
    f = await startApiFixture();
    informers = new InformerFactory(f.client, f.clock);
    controllers = [new ReplicaSetController(f.client, informers, f.clock), new DeploymentController(f.client, informers, f.clock)];
    await informers.start();
    running = Promise.all(controllers.map((c) => c.run(2)));
  });
  afterEach(async () => {
    for (const c of controllers) c.stop();
    await running;
    informers.stop();
    await f.close();
  });

  /** Plays the scheduler and the kubelets: pods are bound, become Running and Ready; deleted pods go away. */
  async function kubelets(): Promise<void> {
    for (let p of (await f.client.list(PODS, { namespace: 'default' })).items) {
      if (p.metadata.deletionTimestamp) {
        await f.client.delete(PODS, 'default', p.metadata.name ?? '', { gracePeriodSeconds: 0 }).catch(() => undefined);
        continue;
      }
      const st = p.status as { phase?: string };
      if (st.phase === 'Running') continue;
      if (!(p.spec as { nodeName?: string }).nodeName) {
        await f.client.createSubresource(PODS, 'default', p.metadata.name ?? '', 'binding', { metadata: { name: p.metadata.name }, target: { kind: 'Node', name: 'worker-1' } });
        p = await f.client.get(PODS, 'default', p.metadata.name ?? '');
      }
      const now = new Date(f.clock.now()).toISOString().replace(/\.\d+Z/, 'Z');
      await f.client.update(PODS, { ...p, status: { ...st, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } }, { subresource: 'status' }).catch(() => undefined);
    }
  }

  async function rss(): Promise<KubeObject[]> {
    return (await f.client.list(REPLICA_SETS, { namespace: 'default' })).items;
  }

  it('creates a ReplicaSet named by the template hash and reports a complete rollout', async () => {
    await f.client.create(DEPLOYMENTS, 'default', deployment(3));
    await f.step(300);
    await kubelets();
    await f.step(300);
    const [rs] = await rss();
    const d = await f.client.get(DEPLOYMENTS, 'default', 'web');
    const hash = podTemplateHash((d.spec as { template: object }).template);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const conds = (d.status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions;
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
    const events = (await f.client.list(EVENTS, { namespace: 'default' })).items.filter((e) => e.reason === 'ScalingReplicaSet');
    expect(events.map((e) => e.message)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('rolls out a new image within maxSurge / maxUnavailable, then rolls back to the old ReplicaSet', async () => {
    await f.client.create(DEPLOYMENTS, 'default', deployment(4));
    await f.step(300);
    await kubelets();
    await f.step(300);
    await f.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } },
    });
    // Default 25% of 4: at most 5 pods, at least 3 available, at every point.
    for (let i = 0; i < 30; i++) {
      await f.step(200);
      const list = await rss();
      const desired = list.reduce((n, rs) => n + ((rs.spec as { replicas: number }).replicas ?? 0), 0);
      expect(desired).toBeLessThanOrEqual(5);
      const pods = (await f.client.list(PODS, { namespace: 'default' })).items.filter((p) => !p.metadata.deletionTimestamp);
      const ready = pods.filter((p) => (p.status as { phase?: string }).phase === 'Running');
      expect(ready.length).toBeGreaterThanOrEqual(3);
      await kubelets();
    }
    const after = await rss();
    expect(after).toHaveLength(2);
    const byRev = Object.fromEntries(after.map((rs) => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], (rs.spec as { replicas: number }).replicas]));
    expect(byRev).toEqual({ '1': 0, '2': 4 });
    // kubectl rollout undo puts the old template back; the old ReplicaSet comes back as revision 3.
    await f.client.patch(DEPLOYMENTS, 'default', 'web', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    for (let i = 0; i < 30; i++) {
      await f.step(200);
      await kubelets();
    }
    const back = await rss();
    const old = back.find((rs) => ((rs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image) === 'nginx:1.27');
    expect(old?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(old?.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect((old?.spec as { replicas: number }).replicas).toBe(4);
    const d = await f.client.get(DEPLOYMENTS, 'default', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before starting new ones', async () => {
    await f.client.create(DEPLOYMENTS, 'default', deployment(2, 'nginx:1.27', { type: 'Recreate' }));
    await f.step(300);
    await kubelets();
    await f.step(300);
    await f.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } },
    });
    await f.step(300);
    // Old pods are terminating (the kubelets have not finished them): no new ReplicaSet pods yet.
    const during = await rss();
    expect(during.map((rs) => (rs.spec as { replicas: number }).replicas).sort()).toEqual([0]);
    await kubelets();
    await f.step(300);
    await kubelets();
    await f.step(300);
    const after = await rss();
    expect(after.map((rs) => (rs.spec as { replicas: number }).replicas).sort()).toEqual([0, 2]);
  });

  it('scaling changes the ReplicaSet, not the revision', async () => {
    await f.client.create(DEPLOYMENTS, 'default', deployment(2));
    await f.step(300);
    await f.client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } });
    await f.step(300);
    const [rs] = await rss();
    expect((rs.spec as { replicas: number }).replicas).toBe(5);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
  });
});
