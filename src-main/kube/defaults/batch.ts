/** batch/v1 SetDefaults_Job and SetDefaults_CronJob, with the pod templates they hold. */
import type { JsonObject } from '../object';
import { child, ensureObject, objectsIn, setDefault, setDefaultPointer } from './json';
import { defaultPodTemplate } from './pod-spec';

const MAX_INT32 = 2147483647;

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The JobSpec defaults (a job's spec; a cron job's job template gets only its pod template defaulted). */
function defaultJobSpec(spec: JsonObject): void {
  // Unset both: a single pod must succeed. Only completions unset: a work queue (parallelism pods).
  if (!isSet(spec.completions) && !isSet(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefaultPointer(spec, 'parallelism', 1);
  setDefaultPointer(spec, 'backoffLimit', isSet(spec.backoffLimitPerIndex) ? MAX_INT32 : 6);
  setDefaultPointer(spec, 'completionMode', 'NonIndexed');
  setDefaultPointer(spec, 'suspend', false);
  const failurePolicy = child(spec, 'podFailurePolicy');
  for (const rule of objectsIn(failurePolicy, 'rules')) {
    for (const pattern of objectsIn(rule, 'onPodConditions')) setDefault(pattern, 'status', 'True');
  }
  setDefaultPointer(spec, 'podReplacementPolicy', failurePolicy ? 'Failed' : 'TerminatingOrFailed');
}

export function defaultJob(obj: JsonObject): void {
  const spec = ensureObject(obj, 'spec');
  defaultJobSpec(spec);
  const template = ensureObject(spec, 'template');
  // A job without labels of its own takes its pod template's.
  const templateLabels = child(child(template, 'metadata'), 'labels');
  const metadata = ensureObject(obj, 'metadata');
  if (templateLabels && Object.keys(child(metadata, 'labels') ?? {}).length === 0) metadata.labels = { ...templateLabels };
  defaultPodTemplate(template);
}

export function defaultCronJob(obj: JsonObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefaultPointer(spec, 'suspend', false);
  setDefaultPointer(spec, 'successfulJobsHistoryLimit', 3);
  setDefaultPointer(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = ensureObject(spec, 'jobTemplate');
  const metadata = ensureObject(jobTemplate, 'metadata');
  if (!('creationTimestamp' in metadata)) metadata.creationTimestamp = null;
  defaultPodTemplate(ensureObject(ensureObject(jobTemplate, 'spec'), 'template'));
}
