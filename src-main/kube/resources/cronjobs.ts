/** batch/v1 cronjobs: discovery data, the printer (SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE), fields. */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../object';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../object';
import { formatLabelSelector } from '../labels';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { containerCells } from './containers-cell';

/** A *bool cell: True, False, or `<unset>` when the pointer is nil. */
function boolPointerCell(holder: unknown, key: string): string {
  const v = isJsonObject(holder) ? holder[key] : undefined;
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

function cronJobRow(cj: KubeObject, now: number): unknown[] {
  const spec = objectAt(cj, 'spec');
  const status = objectAt(cj, 'status');
  const jobSpec = objectAt(objectAt(spec, 'jobTemplate'), 'spec');
  const [names, images] = containerCells(objectAt(jobSpec, 'template'));
  const lastSchedule = stringAt(status, 'lastScheduleTime');
  const timeZone = isJsonObject(spec) && typeof spec.timeZone === 'string' ? spec.timeZone : '<none>';
  return [
    cj.metadata.name ?? '',
    stringAt(spec, 'schedule'),
    timeZone,
    boolPointerCell(spec, 'suspend'),
    arrayAt(status, 'active').length,
    lastSchedule === '' ? '<none>' : timestampSince(lastSchedule, now),
    timestampSince(cj.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(jobSpec?.selector as MetaLabelSelector | undefined),
  ];
}

export const CRON_JOBS: ResourceType = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  listKind: 'CronJobList',
  plural: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [{ name: 'status', group: 'batch', version: 'v1', kind: 'CronJob', verbs: ['get', 'patch', 'update'] }],
  storageKey: 'cronjobs',
  columns: [
    nameColumn(),
    column('Schedule', 'string', 'When jobs are started, in cron syntax.'),
    column('Timezone', 'string', 'The time zone the schedule is read in; the controller manager’s own when unset.'),
    column('Suspend', 'boolean', 'Whether new jobs are held back.'),
    column('Active', 'integer', 'How many of its jobs are running.'),
    column('Last Schedule', 'string', 'When a job was last scheduled.'),
    ageColumn(),
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images the containers of the pod template run.', 1),
    column('Selector', 'string', 'The label selector of the jobs it creates.', 1),
  ],
  row: cronJobRow,
  fields: (cj) => objectMetaFields(cj, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
