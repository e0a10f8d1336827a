import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object';
import { convertFieldSelector, parseFieldSelector } from '../fields';
import { CRON_JOBS, JOBS } from '../registry';
import { toTable } from '../table';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const podTemplate = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };

function job(spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'pi', namespace: 'default', creationTimestamp: ago(300), ...meta }, spec: { selector, template: podTemplate, ...spec }, status };
}
const cond = (type: string, status = 'True') => ({ type, status });
const wide = ['pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc'];

describe('job rows', () => {
  const cases: [string, KubeObject, unknown[]][] = [
    ['not started', job({ completions: 1, parallelism: 1 }), ['pi', 'Running', '0/1', '', '5m', ...wide]],
    ['running', job({ completions: 3, parallelism: 1 }, { startTime: ago(125), succeeded: 1 }), ['pi', 'Running', '1/3', '2m5s', '5m', ...wide]],
    ['complete', job({ completions: 1 }, { startTime: ago(200), completionTime: ago(170), succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }), ['pi', 'Complete', '1/1', '30s', '5m', ...wide]],
    ['failed', job({ completions: 1 }, { startTime: ago(200), conditions: [cond('FailureTarget'), cond('Failed')] }), ['pi', 'Failed', '0/1', '3m20s', '5m', ...wide]],
    ['failure pending', job({ completions: 1 }, { startTime: ago(20), conditions: [cond('FailureTarget')] }), ['pi', 'FailureTarget', '0/1', '20s', '5m', ...wide]],
    ['suspended', job({ completions: 1, suspend: true }, { conditions: [cond('Suspended')] }), ['pi', 'Suspended', '0/1', '', '5m', ...wide]],
    ['resumed (Suspended=False)', job({ completions: 1 }, { conditions: [cond('Suspended', 'False')] }), ['pi', 'Running', '0/1', '', '5m', ...wide]],
    ['terminating', job({ completions: 1 }, {}, { deletionTimestamp: ago(1) }), ['pi', 'Terminating', '0/1', '', '5m', ...wide]],
    ['work queue', job({ parallelism: 4 }, { succeeded: 2 }), ['pi', 'Running', '2/1 of 4', '', '5m', ...wide]],
    ['work queue of one', job({ parallelism: 1 }), ['pi', 'Running', '0/1', '', '5m', ...wide]],
  ];
  it.each(cases)('%s', (_n, j, cells) => {
    expect(toTable(JOBS, [j], NOW).rows[0].cells).toEqual(cells);
  });

  it('has the 1.32 STATUS column', () => {
    expect(JOBS.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
  });

  it('selects on status.successful and rejects other fields with the batch/v1 message', () => {
    expect(JOBS.fields(job({}, { succeeded: 2 }))['status.successful']).toBe('2');
    expect(JOBS.fields(job({}))['status.successful']).toBe('0');
    expect(convertFieldSelector(JOBS, parseFieldSelector('status.successful=1')).requirements).toHaveLength(1);
    expect(() => convertFieldSelector(JOBS, parseFieldSelector('status.failed=1'))).toThrow('field label "status.failed" not supported for batchv1.Job');
  });
});

describe('cronjob rows', () => {
  const cj = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: ago(7200) },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate } }, ...spec },
    status,
  });
  const cases: [string, KubeObject, unknown[]][] = [
    ['fresh', cj({ suspend: false }), ['hello', '*/5 * * * *', '<none>', 'False', 0, '<none>', '120m', 'pi', 'perl:5.34', '<none>']],
    ['suspend unset', cj({}), ['hello', '*/5 * * * *', '<none>', '<unset>', 0, '<none>', '120m', 'pi', 'perl:5.34', '<none>']],
    [
      'with a time zone, active jobs and a last run',
      cj({ timeZone: 'Etc/UTC', suspend: true }, { active: [{ name: 'a' }, { name: 'b' }], lastScheduleTime: ago(65) }),
      ['hello', '*/5 * * * *', 'Etc/UTC', 'True', 2, '65s', '120m', 'pi', 'perl:5.34', '<none>'],
    ],
  ];
  it.each(cases)('%s', (_n, c, cells) => {
    expect(toTable(CRON_JOBS, [c], NOW).rows[0].cells).toEqual(cells);
  });

  it('has upstream columns', () => {
    expect(CRON_JOBS.columns.map((c) => c.name)).toEqual(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector']);
  });
});
