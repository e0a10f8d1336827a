import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { KubeObject } from '../object';
import { CRON_JOBS, JOBS } from '../registry';

const podTemplate = { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } };

function job(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  const obj: KubeObject = { metadata: { name: 'pi', ...meta }, spec: { template: structuredClone(podTemplate), ...spec } };
  applyDefaults(JOBS, obj);
  return obj;
}

describe('Job defaults', () => {
  const counts: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['neither set: one pod', {}, { completions: 1, parallelism: 1 }],
    ['only parallelism: a work queue', { parallelism: 3 }, { parallelism: 3 }],
    ['only completions', { completions: 5 }, { completions: 5, parallelism: 1 }],
  ];
  it.each(counts)('%s', (_n, given, want) => {
    const spec = job(given).spec as Record<string, unknown>;
    expect(spec).toMatchObject(want);
    if (!('completions' in want)) expect(spec).not.toHaveProperty('completions');
  });

  it('fills the rest of SetDefaults_Job', () => {
    expect(job({}).spec).toMatchObject({ backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(job({}).spec).not.toHaveProperty('manualSelector');
    expect(job({ backoffLimitPerIndex: 1, completionMode: 'Indexed', completions: 3 }).spec).toMatchObject({ backoffLimit: 2147483647 });
    const withPolicy = job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }).spec as Record<string, unknown>;
    expect(withPolicy.podReplacementPolicy).toBe('Failed');
    expect(withPolicy.podFailurePolicy).toEqual({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] });
  });

  it('gives a job without labels its template labels', () => {
    expect(job({ template: { ...podTemplate, metadata: { labels: { app: 'pi' } } } }).metadata.labels).toEqual({ app: 'pi' });
    expect(job({ template: { ...podTemplate, metadata: { labels: { app: 'pi' } } } }, { labels: { team: 'a' } }).metadata.labels).toEqual({ team: 'a' });
    expect(job({}).metadata.labels).toBeUndefined();
  });
});

describe('CronJob defaults', () => {
  it('fills SetDefaults_CronJob and the pod template, not the job spec', () => {
    const cj: KubeObject = { metadata: { name: 'hello' }, spec: { schedule: '@hourly', jobTemplate: { spec: { template: structuredClone(podTemplate) } } } };
    applyDefaults(CRON_JOBS, cj);
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { metadata: { creationTimestamp: null }, spec: { dnsPolicy: 'ClusterFirst' } } } },
    });
    expect((cj.spec as { jobTemplate: { spec: object } }).jobTemplate.spec).not.toHaveProperty('backoffLimit');
  });
});
