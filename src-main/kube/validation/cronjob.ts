/**
 * batch/v1 CronJob validation (ValidateCronJobCreate, ValidateCronJobUpdate): schedule syntax,
 * time zone, concurrency policy, the job template (whose selector is always generated), history
 * limits, and the 52-character name limit that leaves room for the jobs' timestamp suffix.
 */
import type { JsonObject, KubeObject } from '../object';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-error';
import { goLabelSelector } from '../go-format';
import { maxLenError, nameIsDNSSubdomain } from '../names';
import { cronScheduleError, isKnownTimeZone } from './cron-schedule';
import { num, obj, str } from './json-access';
import { validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validateJobSpecFields } from './job-spec';

const SPEC = FieldPath.root('spec');
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
/** 63 (a DNS-1035 label) minus the 11 characters of `-<timestamp>` the controller appends. */
const MAX_NAME_LENGTH = 52;
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateSchedule(schedule: string, oldSchedule: string | undefined, hasTimeZone: boolean): FieldError[] {
  const path = SPEC.child('schedule');
  const errs: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError !== undefined) errs.push(invalid(path, schedule, parseError));
  // TZ in the schedule is only tolerated on objects that already had it.
  const allowTZ = oldSchedule !== undefined && oldSchedule.includes('TZ');
  if (allowTZ && schedule.includes('TZ') && hasTimeZone) errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZ && schedule.includes('TZ')) errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

function validateTimeZone(zone: string, path: FieldPath): FieldError[] {
  if (zone === '') return [invalid(path, zone, 'timeZone must be nil or non-empty string')];
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [invalid(path, zone, `unknown time zone ${zone}`)];
  }
  const errs: FieldError[] = [];
  if (zone.toLowerCase() === 'local') errs.push(invalid(path, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (!isKnownTimeZone(zone)) errs.push(invalid(path, zone, `unknown time zone ${zone}`));
  return errs;
}

/** ValidateJobTemplateSpec: a job spec whose selector the controller generates. */
function validateJobTemplate(template: JsonObject | undefined, path: FieldPath): FieldError[] {
  const spec = obj(template, 'spec');
  const errs = validateJobSpecFields(spec, path.child('spec'));
  const selector = obj(spec, 'selector');
  if (selector) errs.push(invalid(path.child('spec', 'selector'), goLabelSelector(selector), '`selector` will be auto-generated'));
  if (spec?.manualSelector === true) errs.push(notSupported(path.child('spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec: JsonObject | undefined, oldSpec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(spec, 'schedule');
  const timeZone = spec?.timeZone;
  if (schedule === '') errs.push(required(SPEC.child('schedule'), ''));
  else errs.push(...validateSchedule(schedule, oldSpec === undefined ? undefined : str(oldSpec, 'schedule'), typeof timeZone === 'string'));
  errs.push(...validateNonnegative(num(spec, 'startingDeadlineSeconds'), SPEC.child('startingDeadlineSeconds')));
  if (typeof timeZone === 'string' && (oldSpec === undefined || oldSpec.timeZone !== timeZone)) errs.push(...validateTimeZone(timeZone, SPEC.child('timeZone')));
  const policy = str(spec, 'concurrencyPolicy');
  if (policy === '') errs.push(required(SPEC.child('concurrencyPolicy'), ''));
  else if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(notSupported(SPEC.child('concurrencyPolicy'), policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplate(obj(spec, 'jobTemplate'), SPEC.child('jobTemplate')));
  errs.push(...validateNonnegative(num(spec, 'successfulJobsHistoryLimit'), SPEC.child('successfulJobsHistoryLimit')));
  errs.push(...validateNonnegative(num(spec, 'failedJobsHistoryLimit'), SPEC.child('failedJobsHistoryLimit')));
  return errs;
}

export function validateCronJobCreate(cj: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain), ...validateCronJobSpec(obj(cj, 'spec'), undefined)];
  const name = cj.metadata.name ?? '';
  if (name.length > MAX_NAME_LENGTH) errs.push(invalid(FieldPath.root('metadata').child('name'), name, maxLenError(MAX_NAME_LENGTH)));
  return errs;
}

/** Updates skip the name length limit, so that older cron jobs with long names can still be changed. */
export function validateCronJobUpdate(cj: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(cj.metadata, old.metadata), ...validateCronJobSpec(obj(cj, 'spec'), obj(old, 'spec') ?? {})];
}
