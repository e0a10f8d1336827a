/**
 * batch/v1 jobs: discovery data, the printer (STATUS from the conditions, COMPLETIONS, DURATION)
 * and the one extra selectable field, `status.successful`.
 */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../object';
import { arrayAt, numberAt, objectAt, parseTime, stringAt } from '../object';
import { formatLabelSelector } from '../labels';
import { ALL_VERBS, objectMetaFields, type ResourceType } from '../resource-type';
import { humanDuration } from '../../common/human-duration';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { containerCells } from './containers-cell';

/** Whether the first condition of `type` is True (later duplicates are not looked at). */
function conditionTrue(status: unknown, type: string): boolean {
  const c = arrayAt(status, 'conditions').find((x) => stringAt(x, 'type') === type);
  return c !== undefined && stringAt(c, 'status') === 'True';
}

/** The STATUS cell: a finished job first, then deletion, suspension and a pending failure. */
export function jobStatus(job: KubeObject): string {
  const status = objectAt(job, 'status');
  if (conditionTrue(status, 'Complete')) return 'Complete';
  if (conditionTrue(status, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(status, 'Suspended')) return 'Suspended';
  if (conditionTrue(status, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completionsCell(spec: unknown, succeeded: number): string {
  const completions = numberAt(spec, 'completions');
  if (completions !== undefined) return `${succeeded}/${completions}`;
  const parallelism = numberAt(spec, 'parallelism') ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Empty before the job starts; time so far while it runs; start to completion once done. */
function durationCell(status: unknown, now: number): string {
  const start = parseTime(stringAt(status, 'startTime'));
  if (start === undefined) return '';
  const end = parseTime(stringAt(status, 'completionTime'));
  return humanDuration((end ?? now) - start);
}

function jobRow(job: KubeObject, now: number): unknown[] {
  const spec = objectAt(job, 'spec');
  const status = objectAt(job, 'status');
  const [names, images] = containerCells(objectAt(spec, 'template'));
  return [
    job.metadata.name ?? '',
    jobStatus(job),
    completionsCell(spec, numberAt(status, 'succeeded') ?? 0),
    durationCell(status, now),
    timestampSince(job.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(spec?.selector as MetaLabelSelector | undefined),
  ];
}

export const JOBS: ResourceType = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  listKind: 'JobList',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  shortNames: [],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [{ name: 'status', group: 'batch', version: 'v1', kind: 'Job', verbs: ['get', 'patch', 'update'] }],
  storageKey: 'jobs',
  columns: [
    nameColumn(),
    column('Status', 'string', 'Where the job stands: Running, Complete, Failed, Suspended, ...'),
    column('Completions', 'string', 'Pods that succeeded out of the completions wanted.'),
    column('Duration', 'string', 'How long the job ran, or has been running.'),
    ageColumn(),
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images the containers of the pod template run.', 1),
    column('Selector', 'string', 'The label selector that picks the pods of this job.', 1),
  ],
  row: jobRow,
  fields: (job) => ({ ...objectMetaFields(job, true), 'status.successful': String(numberAt(objectAt(job, 'status'), 'succeeded') ?? 0) }),
  fieldLabels: {
    supported: ['metadata.name', 'metadata.namespace', 'status.successful'],
    custom: true,
    unsupported: (field) => `field label ${JSON.stringify(field)} not supported for batchv1.Job`,
  },
};
