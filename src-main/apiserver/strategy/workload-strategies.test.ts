import { describe, expect, it } from 'vitest';
import { seededRand } from '../../common/rand';
import type { KubeObject } from '../../kube/object';
import { CRON_JOBS, DAEMON_SETS, ENDPOINT_SLICES, ENDPOINTS, JOBS, POD_DISRUPTION_BUDGETS, STATEFUL_SETS, CONTROLLER_REVISIONS } from '../../kube/registry';
import { strategyFor, type StrategyContext } from './index';
import { TEMPLATE_GENERATION_ANNOTATION } from './daemonset-strategy';

const ctx: StrategyContext = { now: 0, rand: seededRand(1), listAll: () => Promise.resolve([]) };
const UID = '8f1b7c2e-0000-4000-8000-000000000001';

function fresh(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'web', namespace: 'default', uid: UID }, spec, status: { replicas: 9 }, ...extra };
}

describe('create: status reset and generation', () => {
  const cases: [string, Parameters<typeof strategyFor>[0], unknown, number | undefined][] = [
    ['statefulsets', STATEFUL_SETS, { availableReplicas: 0, replicas: 0 }, 1],
    ['daemonsets', DAEMON_SETS, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }, 1],
    ['jobs', JOBS, {}, 1],
    ['cronjobs', CRON_JOBS, {}, 1],
    ['poddisruptionbudgets', POD_DISRUPTION_BUDGETS, { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 }, 1],
    ['endpointslices', ENDPOINT_SLICES, undefined, 1],
    ['endpoints', ENDPOINTS, undefined, undefined],
    ['controllerrevisions', CONTROLLER_REVISIONS, undefined, undefined],
  ];
  it.each(cases)('%s', async (_n, rt, status, generation) => {
    const obj = fresh({ template: {} });
    await strategyFor(rt).prepareForCreate(obj, ctx);
    if (status === undefined && rt.subresources.length === 0) expect(obj.status).toEqual({ replicas: 9 });
    else expect(obj.status).toEqual(status);
    expect(obj.metadata.generation).toBe(generation);
  });
});

describe('update: generation and status', () => {
  it('bumps generation on spec changes only, and keeps the stored status', async () => {
    const old = { ...fresh({ replicas: 1, template: { a: 1 } }), metadata: { name: 'web', uid: UID, generation: 3 }, status: { replicas: 1 } };
    const same = { ...structuredClone(old), spec: { template: { a: 1 }, replicas: 1 }, status: { replicas: 7 } };
    const s = strategyFor(STATEFUL_SETS);
    await s.prepareForUpdate(same, old, ctx);
    expect(same.metadata.generation).toBe(3);
    expect(same.status).toEqual({ replicas: 1 });
    const changed = { ...structuredClone(old), spec: { replicas: 2, template: { a: 1 } } };
    await s.prepareForUpdate(changed, old, ctx);
    expect(changed.metadata.generation).toBe(4);
  });

  it('endpoint slices bump generation on endpoints and label changes, not on annotations', async () => {
    const old: KubeObject = { metadata: { name: 's', generation: 2, labels: { a: 'b' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }] };
    const s = strategyFor(ENDPOINT_SLICES);
    const annotated: KubeObject = { ...structuredClone(old), metadata: { ...old.metadata, annotations: { x: 'y' } } };
    await s.prepareForUpdate(annotated, old, ctx);
    expect(annotated.metadata.generation).toBe(2);
    const relabelled: KubeObject = { ...structuredClone(old), metadata: { ...old.metadata, labels: { a: 'c' } } };
    await s.prepareForUpdate(relabelled, old, ctx);
    expect(relabelled.metadata.generation).toBe(3);
    const moved: KubeObject = { ...structuredClone(old), endpoints: [{ addresses: ['10.0.0.2'] }] };
    await s.prepareForUpdate(moved, old, ctx);
    expect(moved.metadata.generation).toBe(3);
  });
});

describe('daemon set template generation', () => {
  it('starts at 1 and goes up with template changes only', async () => {
    const s = strategyFor(DAEMON_SETS);
    const created = fresh({ template: { spec: { containers: [{ image: 'a' }] } } });
    await s.prepareForCreate(created, ctx);
    expect(created.metadata.annotations).toEqual({ [TEMPLATE_GENERATION_ANNOTATION]: '1' });
    const scaled = structuredClone(created);
    (scaled.spec as Record<string, unknown>).minReadySeconds = 5;
    delete scaled.metadata.annotations;
    await s.prepareForUpdate(scaled, created, ctx);
    expect(scaled.metadata.annotations).toEqual({ [TEMPLATE_GENERATION_ANNOTATION]: '1' });
    expect(scaled.metadata.generation).toBe(2);
    const rolled = structuredClone(scaled);
    (rolled.spec as { template: unknown }).template = { spec: { containers: [{ image: 'b' }] } };
    await s.prepareForUpdate(rolled, scaled, ctx);
    expect(rolled.metadata.annotations).toEqual({ [TEMPLATE_GENERATION_ANNOTATION]: '2' });
    expect(rolled.metadata.generation).toBe(3);
  });
});

describe('job selector generation', () => {
  const job = (spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject => ({
    metadata: { name: 'pi', namespace: 'default', uid: UID, ...(labels ? { labels } : {}) },
    spec: { template: { spec: {} }, ...spec },
  });
  const generated = { 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'job-name': 'pi' };

  const cases: [string, KubeObject, unknown, unknown, unknown][] = [
    ['no labels anywhere', job({}), { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } }, generated, generated],
    [
      'template labels, defaulted onto the job',
      job({ template: { metadata: { labels: { app: 'pi' } } } }, { app: 'pi' }),
      { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      { app: 'pi', ...generated },
      { app: 'pi', ...generated },
    ],
    [
      'job labels of its own stay',
      job({ template: { metadata: { labels: { app: 'pi' } } } }, { team: 'a' }),
      { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      { app: 'pi', ...generated },
      { team: 'a' },
    ],
    [
      'a user label is not overwritten',
      job({ template: { metadata: { labels: { 'job-name': 'custom' } } } }),
      { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      { ...generated, 'job-name': 'custom' },
      { ...generated, 'job-name': 'custom' },
    ],
    ['manual selector: untouched', job({ manualSelector: true, selector: { matchLabels: { a: 'b' } } }), { matchLabels: { a: 'b' } }, undefined, undefined],
  ];
  it.each(cases)('%s', async (_n, j, selector, templateLabels, jobLabels) => {
    await strategyFor(JOBS).prepareForCreate(j, ctx);
    const spec = j.spec as { selector: unknown; template: { metadata?: { labels?: unknown } } };
    expect(spec.selector).toEqual(selector);
    expect(spec.template.metadata?.labels).toEqual(templateLabels);
    expect(j.metadata.labels).toEqual(jobLabels);
    expect(j.status).toEqual({});
    expect(j.metadata.generation).toBe(1);
  });
});
