import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import { generateJobSelector } from '../job-selector';
import type { KubeObject } from '../object';
import { CRON_JOBS, JOBS } from '../registry';
import type { ResourceType } from '../resource-type';
import { invalid } from '../status';
import { validateCreate, validateUpdate } from '../validation';

const UID = '0f6a8c9e-1111-2222-3333-444455556666';

/** Defaults, then (for new jobs) the strategy's selector generation, then validation. */
function message(rt: ResourceType, obj: KubeObject, old?: KubeObject): string {
  const o = structuredClone(obj);
  applyDefaults(rt, o);
  if (rt === JOBS && !old) generateJobSelector(o);
  const errs = old ? validateUpdate(rt, o, old) : validateCreate(rt, o);
  return errs.length === 0 ? '' : (invalid({ group: rt.group, kind: rt.kind }, o.metadata.name ?? '', errs).status.message ?? '');
}

const podTemplate = (spec: Record<string, unknown> = {}) => ({ spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...spec } });
const job = (spec: Record<string, unknown>, name = 'pi'): KubeObject => ({
  metadata: { name, namespace: 'default', uid: UID },
  spec: { template: podTemplate(), ...spec },
});

describe('Job validation on create', () => {
  const cases: [string, KubeObject, string][] = [
    ['valid', job({}), ''],
    ['restartPolicy Always', job({ template: podTemplate({ restartPolicy: 'Always' }) }), 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['restartPolicy left out (defaults to Always)', job({ template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } }), 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['negative counts', job({ parallelism: -1, backoffLimit: -2 }), 'Job.batch "pi" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0]'],
    ['bad completion mode', job({ completionMode: 'Sometimes' }), 'Job.batch "pi" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ['Indexed without completions', job({ completionMode: 'Indexed', parallelism: 2 }), 'Job.batch "pi" is invalid: spec.completions: Required value: when completion mode is Indexed'],
    ['per-index backoff on a NonIndexed job', job({ backoffLimitPerIndex: 1 }), 'Job.batch "pi" is invalid: spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
    ['bad replacement policy', job({ podReplacementPolicy: 'Never' }), 'Job.batch "pi" is invalid: spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"'],
    [
      'a manual selector that does not match',
      job({ manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: { ...podTemplate(), metadata: { labels: { app: 'y' } } } }),
      'Job.batch "pi" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
    ],
    ['a manual selector without one', job({ manualSelector: true }), 'Job.batch "pi" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`]'],
    [
      'a selector given without manualSelector',
      job({ selector: { matchLabels: { app: 'x' } }, template: { ...podTemplate(), metadata: { labels: { app: 'x' } } } }),
      `Job.batch "pi" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"${UID}"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: \`selector\` not auto-generated`,
    ],
    [
      'a conflicting job-name label',
      job({ template: { ...podTemplate(), metadata: { labels: { 'job-name': 'other' } } } }),
      `Job.batch "pi" is invalid: spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"${UID}", "batch.kubernetes.io/job-name":"pi", "controller-uid":"${UID}", "job-name":"other"}: must be 'pi'`,
    ],
    [
      'an Indexed job whose last pod name is no DNS label',
      job({ completionMode: 'Indexed', completions: 10 }, 'a'.repeat(62)),
      `Job.batch "${'a'.repeat(62)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`,
    ],
  ];
  it.each(cases)('%s', (_n, obj, want) => {
    expect(message(JOBS, obj)).toBe(want);
  });
});

describe('Job validation on update', () => {
  function created(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): KubeObject {
    const o = job(spec);
    applyDefaults(JOBS, o);
    generateJobSelector(o);
    o.metadata = { ...o.metadata, resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' };
    o.status = status;
    return o;
  }
  const withImage = (o: KubeObject, image: string): KubeObject => {
    const next = structuredClone(o);
    ((next.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]).image = image;
    return next;
  };

  it('completions and the template are fixed', () => {
    const old = created({}, { startTime: '2026-01-01T00:00:01Z' });
    expect(message(JOBS, { ...old, spec: { ...(old.spec as object), completions: 3 } }, old)).toBe('Job.batch "pi" is invalid: spec.completions: Invalid value: 3: field is immutable');
    expect(message(JOBS, withImage(old, 'busybox:2'), old)).toBe('Job.batch "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable');
  });

  it('a suspended job that never started may change scheduling directives only', () => {
    const old = created({ suspend: true });
    const next = structuredClone(old);
    (next.spec as { template: { spec: Record<string, unknown> } }).template.spec.nodeSelector = { zone: 'a' };
    expect(message(JOBS, next, old)).toBe('');
    expect(message(JOBS, withImage(old, 'busybox:2'), old)).toMatch(/spec.template: Invalid value: .*: field is immutable/);
  });

  it('suspend and parallelism may change', () => {
    const old = created();
    expect(message(JOBS, { ...old, spec: { ...(old.spec as object), suspend: true, parallelism: 4 } }, old)).toBe('');
  });
});

const cronJob = (spec: Record<string, unknown>, name = 'hello'): KubeObject => ({
  metadata: { name, namespace: 'default' },
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate() } }, ...spec },
});

describe('CronJob validation', () => {
  const cases: [string, KubeObject, string][] = [
    ['valid', cronJob({}), ''],
    ['no schedule', cronJob({ schedule: '' }), 'CronJob.batch "hello" is invalid: spec.schedule: Required value'],
    ['bad schedule', cronJob({ schedule: '* * * * * *' }), 'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "* * * * * *": expected exactly 5 fields, found 6: [* * * * * *]'],
    [
      'a time zone in the schedule',
      cronJob({ schedule: 'TZ=Etc/UTC 0 * * * *' }),
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "TZ=Etc/UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
    ['a valid time zone', cronJob({ timeZone: 'Europe/Berlin' }), ''],
    ['an unknown time zone', cronJob({ timeZone: 'Mars/Olympus' }), 'CronJob.batch "hello" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ['Local', cronJob({ timeZone: 'Local' }), 'CronJob.batch "hello" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['empty time zone', cronJob({ timeZone: '' }), 'CronJob.batch "hello" is invalid: spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string'],
    ['concurrency policy', cronJob({ concurrencyPolicy: 'Sometimes' }), 'CronJob.batch "hello" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    [
      'a job template selector',
      cronJob({ jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate() } } }),
      'CronJob.batch "hello" is invalid: spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
    ],
    [
      'job template restart policy',
      cronJob({ jobTemplate: { spec: { template: podTemplate({ restartPolicy: 'Always' }) } } }),
      'CronJob.batch "hello" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    ['negative history limit', cronJob({ successfulJobsHistoryLimit: -1 }), 'CronJob.batch "hello" is invalid: spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
    ['a 53-character name', cronJob({}, 'a'.repeat(53)), `CronJob.batch "${'a'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`],
  ];
  it.each(cases)('create: %s', (_n, obj, want) => {
    expect(message(CRON_JOBS, obj)).toBe(want);
  });

  it('update: long names are tolerated; TZ stays allowed where it already was', () => {
    const stored = (o: KubeObject): KubeObject => {
      const c = structuredClone(o);
      applyDefaults(CRON_JOBS, c);
      c.metadata = { ...c.metadata, uid: 'u', resourceVersion: '3', creationTimestamp: '2026-01-01T00:00:00Z' };
      return c;
    };
    const long = stored(cronJob({}, 'a'.repeat(53)));
    expect(message(CRON_JOBS, { ...long, spec: { ...(long.spec as object), suspend: true } }, long)).toBe('');
    const tz = stored(cronJob({ schedule: 'TZ=Etc/UTC 0 * * * *' }));
    expect(message(CRON_JOBS, { ...tz, spec: { ...(tz.spec as object), suspend: true } }, tz)).toBe('');
  });
});
