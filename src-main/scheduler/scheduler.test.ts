import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InformerFactory } from '../client/informer-factory';
import { startApiFixture, type ApiFixture } from '../client/testing/api-fixture';
import type { KubeObject } from '../kube/object';
import { EVENTS, NODES, PODS } from '../kube/registry';
import { seededRand } from '../common/rand';
import { frameworkPlacement } from './framework-placement';
import { Scheduler } from './scheduler';

const node = (name: string, cpu: string, taint = false): KubeObject => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: taint ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
  status: { allocatable: { cpu, memory: '8Gi', pods: '110' } },
});

const pod = (name: string, cpu = '100m', extra: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }], ...extra },
});

describe('Scheduler (default profile)', () => {
  let f: ApiFixture;
  let informers: InformerFactory;
  let scheduler: Scheduler;
  let running: Promise<void>;

  beforeEach(async () => {
    f = await startApiFixture();
    await f.client.create(NODES, '', node('cp-1', '4', true));
    await f.client.create(NODES, '', node('worker-1', '2'));
    informers = new InformerFactory(f.client, f.clock);
    scheduler = new Scheduler(f.client, informers, f.clock, frameworkPlacement(seededRand(1)));
    await informers.start();
    running = scheduler.run();
  });
  afterEach(async () => {
    scheduler.stop();
    await running;
    informers.stop();
    await f.close();
  });

  const nodeOf = async (name: string) => ((await f.client.get(PODS, 'default', name)).spec as { nodeName?: string }).nodeName;

  it('binds a pod to a node that fits, with a Scheduled event and PodScheduled=True', async () => {
    await f.client.create(PODS, 'default', pod('web'));
    await f.settle();
    expect(await nodeOf('web')).toBe('worker-1');
    const p = await f.client.get(PODS, 'default', 'web');
    expect((p.status as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    const events = (await f.client.list(EVENTS, { namespace: 'default' })).items;
    expect(events.map((e) => [e.reason, e.message, (e.source as { component: string }).component])).toContainEqual([
      'Scheduled',
      'Successfully assigned default/web to worker-1',
      'default-scheduler',
    ]);
  });

  it('reports why a pod fits nowhere, then places it when a node appears', async () => {
    await f.client.create(PODS, 'default', pod('big', '3'));
    await f.settle();
    expect(await nodeOf('big')).toBeUndefined();
    const p = await f.client.get(PODS, 'default', 'big');
    const cond = (p.status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions.find((c) => c.type === 'PodScheduled');
    const message =
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const failed = (await f.client.list(EVENTS, { namespace: 'default' })).items.find((e) => e.reason === 'FailedScheduling');
    expect(failed).toMatchObject({ type: 'Warning', message });
    await f.client.create(NODES, '', node('worker-2', '8'));
    await f.settle();
    expect(await nodeOf('big')).toBe('worker-2');
  });

  it('leaves pods for another scheduler alone and honours tolerations and nodeSelector', async () => {
    await f.client.create(PODS, 'default', pod('other', '100m', { schedulerName: 'my-scheduler' }));
    await f.client.create(PODS, 'default', pod('cp', '100m', { nodeSelector: { 'kubernetes.io/hostname': 'cp-1' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    await f.settle();
    expect(await nodeOf('other')).toBeUndefined();
    expect(await nodeOf('cp')).toBe('cp-1');
  });
});
