/** Schemas of batch/v1 Job and CronJob, with pod failure and success policies. */
import {
  boolean, int32, int64, list, listKind, object, objectMetaField, ref, refList, string, stringList, time, typeMeta, type Schema,
} from './schema-builders';

const gvk = (kind: string) => ({ group: 'batch', version: 'v1', kind });

export const BATCH_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.batch.v1.Job': object(
    'Runs pods until a number of them succeed.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('batch.JobSpec', 'The desired behaviour.'), default: {} },
      status: { ...ref('batch.JobStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('Job') },
  ),
  'io.k8s.api.batch.v1.JobList': listKind('batch.Job', gvk('JobList'), 'A list of jobs.'),
  'io.k8s.api.batch.v1.JobSpec': object(
    'The desired behaviour of a job.',
    {
      activeDeadlineSeconds: int64('Seconds the job may run, counted from its start, before it is failed.'),
      backoffLimit: int32('Retries before the job is failed. Defaults to 6.'),
      backoffLimitPerIndex: int32('Retries per index of an Indexed job before the index is failed.'),
      completionMode: string('NonIndexed or Indexed. Defaults to NonIndexed.'),
      completions: int32('How many pods must succeed. Defaults to 1 unless only parallelism is set.'),
      managedBy: string('The controller that manages the job, when not the built-in one.'),
      manualSelector: boolean('Whether the selector is set by hand rather than generated.'),
      maxFailedIndexes: int32('How many indexes may fail before the job is failed.'),
      parallelism: int32('How many pods may run at once. Defaults to 1.'),
      podFailurePolicy: ref('batch.PodFailurePolicy', 'How pod failures count against the backoff limit.'),
      podReplacementPolicy: string('When replacement pods are created: TerminatingOrFailed or Failed.'),
      selector: ref('meta.LabelSelector', 'Which pods belong to the job; generated unless manualSelector is set.'),
      successPolicy: ref('batch.SuccessPolicy', 'When an Indexed job counts as succeeded before every index is done.'),
      suspend: boolean('Whether the job is suspended: no pods are created, running ones are stopped.'),
      template: { ...ref('core.PodTemplateSpec', 'The pods to run.'), default: {} },
      ttlSecondsAfterFinished: int32('Seconds after the job finishes before it is deleted.'),
    },
    { required: ['template'] },
  ),
  'io.k8s.api.batch.v1.PodFailurePolicy': object(
    'Rules that decide what a pod failure means for the job.',
    { rules: refList('batch.PodFailurePolicyRule', 'Rules, checked in order; the first that matches applies.', { listType: 'atomic' }) },
    { required: ['rules'] },
  ),
  'io.k8s.api.batch.v1.PodFailurePolicyRule': object(
    'What to do when a failed pod matches.',
    {
      action: string('FailJob, FailIndex, Ignore or Count.'),
      onExitCodes: ref('batch.PodFailurePolicyOnExitCodesRequirement', 'Exit codes the rule matches.'),
      onPodConditions: refList('batch.PodFailurePolicyOnPodConditionsPattern', 'Pod conditions the rule matches.', { listType: 'atomic' }),
    },
    { required: ['action'] },
  ),
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': object(
    'Container exit codes a rule matches.',
    {
      containerName: string('Only this container; every container when empty.'),
      operator: string('In or NotIn.'),
      values: list({ type: 'integer', format: 'int32', default: 0 }, 'The exit codes, in increasing order.', { listType: 'set' }),
    },
    { required: ['operator', 'values'] },
  ),
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern': object(
    'A pod condition a rule matches.',
    { status: string('True, False or Unknown. Defaults to True.'), type: string('The condition type.') },
    { required: ['type'] },
  ),
  'io.k8s.api.batch.v1.SuccessPolicy': object(
    'When an Indexed job counts as succeeded.',
    { rules: refList('batch.SuccessPolicyRule', 'Rules; the first that holds marks the job succeeded.', { listType: 'atomic' }) },
    { required: ['rules'] },
  ),
  'io.k8s.api.batch.v1.SuccessPolicyRule': object('A set of indexes, or a count of them, that must succeed.', {
    succeededCount: int32('How many of the indexes must succeed.'),
    succeededIndexes: string('Indexes that must succeed, e.g. 1,3-5.'),
  }),
  'io.k8s.api.batch.v1.JobStatus': object('The observed state of a job.', {
    active: int32('Pods running (not terminating).'),
    completedIndexes: string('Indexes that completed, of an Indexed job, e.g. 1,3-5.'),
    completionTime: time('When the job completed.'),
    conditions: refList('batch.JobCondition', 'Suspended, Complete, Failed, ...', { listType: 'atomic', mergeKey: 'type', strategy: 'merge' }),
    failed: int32('Pods that failed.'),
    failedIndexes: string('Indexes that failed, of a job with backoffLimitPerIndex.'),
    ready: int32('Active pods that are ready.'),
    startTime: time('When the job controller started the job.'),
    succeeded: int32('Pods that succeeded.'),
    terminating: int32('Pods terminating.'),
    uncountedTerminatedPods: ref('batch.UncountedTerminatedPods', 'Finished pods not yet counted in the status.'),
  }),
  'io.k8s.api.batch.v1.JobCondition': object(
    'One aspect of the state of a job.',
    {
      lastProbeTime: time('When the condition was last checked.'),
      lastTransitionTime: time('When the condition last changed status.'),
      message: string('A human-readable explanation.'),
      reason: string('A CamelCase word for why the condition is in its state.'),
      status: string('True, False or Unknown.'),
      type: string('The condition type.'),
    },
    { required: ['type', 'status'] },
  ),
  'io.k8s.api.batch.v1.UncountedTerminatedPods': object('UIDs of finished pods not yet counted.', {
    failed: stringList('UIDs of failed pods.', { listType: 'set' }),
    succeeded: stringList('UIDs of succeeded pods.', { listType: 'set' }),
  }),
  'io.k8s.api.batch.v1.CronJob': object(
    'Creates jobs on a schedule.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('batch.CronJobSpec', 'The desired behaviour.'), default: {} },
      status: { ...ref('batch.CronJobStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('CronJob') },
  ),
  'io.k8s.api.batch.v1.CronJobList': listKind('batch.CronJob', gvk('CronJobList'), 'A list of cron jobs.'),
  'io.k8s.api.batch.v1.CronJobSpec': object(
    'When and how a cron job creates jobs.',
    {
      concurrencyPolicy: string('Allow, Forbid or Replace: what to do when a run is due while another runs. Defaults to Allow.', ['Allow', 'Forbid', 'Replace']),
      failedJobsHistoryLimit: int32('How many failed jobs to keep. Defaults to 1.'),
      jobTemplate: { ...ref('batch.JobTemplateSpec', 'The jobs to create.'), default: {} },
      schedule: string('The schedule, in cron syntax.'),
      startingDeadlineSeconds: int64('Seconds after a missed run within which it may still start.'),
      successfulJobsHistoryLimit: int32('How many successful jobs to keep. Defaults to 3.'),
      suspend: boolean('Whether new runs are held back. Defaults to false.'),
      timeZone: string('The time zone the schedule is read in, e.g. Etc/UTC.'),
    },
    { required: ['schedule', 'jobTemplate'] },
  ),
  'io.k8s.api.batch.v1.JobTemplateSpec': object('What jobs created from a template look like.', {
    metadata: objectMetaField(),
    spec: { ...ref('batch.JobSpec', 'The spec of the jobs.'), default: {} },
  }),
  'io.k8s.api.batch.v1.CronJobStatus': object('The observed state of a cron job.', {
    active: refList('core.ObjectReference', 'The jobs running now.', { listType: 'atomic' }),
    lastScheduleTime: time('When a job was last scheduled.'),
    lastSuccessfulTime: time('When a job last completed successfully.'),
  }),
};
