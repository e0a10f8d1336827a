/**
 * The JobSpec checks shared by Jobs and the job templates of CronJobs (upstream's validateJobSpec):
 * counts, completion mode, replacement policy, and a pod template whose pods must not restart
 * on their own (restartPolicy OnFailure or Never).
 */
import type { JsonObject } from '../object';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-error';
import { goLiteral } from '../go-format';
import { has, num, obj, str } from './json-access';
import { validateNonnegative } from './object-meta';
import { validatePodTemplateSpec } from './pod';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100000;
const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
/** sets.List order (sorted). */
const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

function validateIndexed(spec: JsonObject, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const completions = num(spec, 'completions');
  const parallelism = num(spec, 'parallelism');
  const maxFailed = num(spec, 'maxFailedIndexes');
  if (completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
    errs.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
  }
  if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
  }
  if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_INDEXED_JOB}`));
  }
  return errs;
}

function validateReplacementPolicy(spec: JsonObject, path: FieldPath): FieldError[] {
  const policy = spec.podReplacementPolicy;
  if (typeof policy !== 'string') return [];
  if (has(spec, 'podFailurePolicy')) return policy === 'Failed' ? [] : [notSupported(path, policy, ['Failed'])];
  return POD_REPLACEMENT_POLICIES.includes(policy) ? [] : [notSupported(path, policy, POD_REPLACEMENT_POLICIES)];
}

function validateRestartPolicy(spec: JsonObject, path: FieldPath): FieldError[] {
  const restartPolicy = str(obj(obj(spec, 'template'), 'spec'), 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') return [required(path, 'valid values: "OnFailure", "Never"')];
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') return [notSupported(path, restartPolicy, ['OnFailure', 'Never'])];
  if (has(spec, 'podFailurePolicy') && restartPolicy !== 'Never') return [invalid(path, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}

/** validateJobSpec: everything but the selector. */
export function validateJobSpecFields(spec: JsonObject | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    errs.push(...validateNonnegative(num(s, key), path.child(key)));
  }
  const maxFailed = num(s, 'maxFailedIndexes');
  if (maxFailed !== undefined) {
    errs.push(...validateNonnegative(maxFailed, path.child('maxFailedIndexes')));
    if (!has(s, 'backoffLimitPerIndex')) errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const mode = typeof s.completionMode === 'string' ? s.completionMode : undefined;
  if (mode !== undefined && !COMPLETION_MODES.includes(mode)) errs.push(notSupported(path.child('completionMode'), mode, COMPLETION_MODES));
  if (mode === 'Indexed') errs.push(...validateIndexed(s, path));
  if (mode === undefined || mode === 'NonIndexed') {
    const perIndex = num(s, 'backoffLimitPerIndex');
    if (perIndex !== undefined) errs.push(invalid(path.child('backoffLimitPerIndex'), perIndex, 'requires indexed completion mode'));
    if (maxFailed !== undefined) errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, 'requires indexed completion mode'));
  }
  if (has(s, 'successPolicy') && mode !== 'Indexed') {
    errs.push(invalid(path.child('successPolicy'), goLiteral('batch.SuccessPolicy{...}'), 'requires indexed completion mode'));
  }
  errs.push(...validateReplacementPolicy(s, path.child('podReplacementPolicy')));
  errs.push(...validatePodTemplateSpec(obj(s, 'template') ?? {}, path.child('template')));
  errs.push(...validateRestartPolicy(s, path.child('template', 'spec', 'restartPolicy')));
  return errs;
}
