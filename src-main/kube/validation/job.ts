/**
 * batch/v1 Job validation (ValidateJob, ValidateJobUpdate): the generated selector and the labels
 * it relies on, the spec, and what an update may not change (completions, selector, the pod
 * template unless the job is suspended and never started, completion mode, policies).
 */
import type { JsonObject, KubeObject } from '../object';
import { FieldPath, invalid, required, type FieldError } from '../field-error';
import { goLabelSelector, goLiteral, goStringMap } from '../go-format';
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL } from '../job-selector';
import { matchLabels } from '../labels';
import { isDNS1123Label, nameIsDNSSubdomain } from '../names';
import { num, obj, str } from './json-access';
import { jsonEqual, validateImmutable, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validateJobSpecFields } from './job-spec';
import { matchesTemplate, metaSelector, parseSelector, selectorMismatch, templateLabels } from './workload-template';

const SPEC = FieldPath.root('spec');
const TEMPLATE_META = SPEC.child('template', 'metadata');

/** ValidateHasLabel: the template must carry `key` with the value the server generated. */
function validateHasLabel(labels: Record<string, string> | undefined, key: string, expected: string): FieldError[] {
  const path = TEMPLATE_META.child('labels').key(key);
  const actual = labels?.[key];
  if (actual === undefined) return [required(path, `must be '${expected}'`)];
  return actual === expected ? [] : [invalid(path, goLiteral(goStringMap(labels)), `must be '${expected}'`)];
}

/** validateGeneratedSelector: unless the selector is manual, it and the template labels must be the generated ones. */
function validateGeneratedSelector(job: KubeObject, requirePrefixed: boolean): FieldError[] {
  const spec = obj(job, 'spec');
  const selector = metaSelector(spec);
  if (spec?.manualSelector === true || !selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (uid === '') errs.push(required(FieldPath.root('metadata').child('uid'), ''));
  const labels = templateLabels(obj(spec, 'template'));
  errs.push(...validateHasLabel(labels, LEGACY_CONTROLLER_UID_LABEL, uid), ...validateHasLabel(labels, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (requirePrefixed) {
    errs.push(...validateHasLabel(labels, CONTROLLER_UID_LABEL, uid), ...validateHasLabel(labels, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const parsed = parseSelector(selector);
  if (parsed && !matchLabels(parsed, expected)) errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), '`selector` not auto-generated'));
  return errs;
}

/** ValidateJobSpec: the fields, then the selector and the template labels it must match. */
function validateJobSpec(spec: JsonObject | undefined): FieldError[] {
  const errs = validateJobSpecFields(spec, SPEC);
  const selector = metaSelector(spec);
  if (!selector) errs.push(required(SPEC.child('selector'), ''));
  else errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
  const parsed = parseSelector(selector);
  const template = obj(spec, 'template');
  if (parsed && !matchesTemplate(parsed, template)) errs.push(selectorMismatch(template, SPEC.child('template')));
  return errs;
}

function validateJob(job: KubeObject, requirePrefixed: boolean): FieldError[] {
  const spec = obj(job, 'spec');
  const errs = [...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain), ...validateGeneratedSelector(job, requirePrefixed), ...validateJobSpec(spec)];
  const completions = num(spec, 'completions');
  if (str(spec, 'completionMode') === 'Indexed' && completions !== undefined && completions > 0) {
    // Pods of an Indexed job are named <job>-<index>; the longest must still be a DNS label.
    const hostname = `${job.metadata.name ?? ''}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid(FieldPath.root('metadata').child('name'), job.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

export function validateJobCreate(job: KubeObject): FieldError[] {
  return validateJob(job, true);
}

/** The old template with the scheduling directives a suspended, never-started job may change taken from the new one. */
function comparableOldTemplate(template: JsonObject, old: JsonObject, mutableScheduling: boolean): JsonObject {
  if (!mutableScheduling) return old;
  const out = structuredClone(old);
  const meta = (out.metadata ??= {}) as JsonObject;
  const newMeta = obj(template, 'metadata');
  for (const key of ['labels', 'annotations']) {
    if (newMeta?.[key] === undefined) delete meta[key];
    else meta[key] = newMeta[key];
  }
  const podSpec = (out.spec ??= {}) as JsonObject;
  const newPodSpec = obj(template, 'spec');
  for (const key of ['nodeSelector', 'tolerations', 'schedulingGates', 'affinity']) {
    if (newPodSpec?.[key] === undefined) delete podSpec[key];
    else podSpec[key] = newPodSpec[key];
  }
  return out;
}

/** ValidateJob again (as the strategy does), then ValidateJobUpdate. */
export function validateJobUpdate(job: KubeObject, old: KubeObject): FieldError[] {
  const spec = obj(job, 'spec') ?? {};
  const oldSpec = obj(old, 'spec') ?? {};
  const requirePrefixed = templateLabels(obj(oldSpec, 'template'))?.[CONTROLLER_UID_LABEL] !== undefined;
  const errs = [...validateJob(job, requirePrefixed), ...validateObjectMetaUpdate(job.metadata, old.metadata), ...validateJobSpec(spec)];
  if (str(spec, 'completionMode') !== 'Indexed') errs.push(...validateImmutable(spec.completions, oldSpec.completions, SPEC.child('completions')));
  else if (!jsonEqual(spec.completions, oldSpec.completions) && num(spec, 'completions') !== undefined && num(spec, 'completions') !== num(spec, 'parallelism')) {
    errs.push(invalid(SPEC.child('completions'), num(spec, 'completions') ?? 0, 'can only be modified in tandem with spec.parallelism'));
  }
  const selector = metaSelector(spec);
  errs.push(...validateImmutable(selector, metaSelector(oldSpec), SPEC.child('selector'), goLabelSelector(selector)));
  const mutableScheduling = oldSpec.suspend === true && obj(old, 'status')?.startTime === undefined;
  const template = obj(spec, 'template') ?? {};
  const oldTemplate = comparableOldTemplate(template, obj(oldSpec, 'template') ?? {}, mutableScheduling);
  // Go prints the whole core.PodTemplateSpec here; we do not reproduce that dump.
  errs.push(...validateImmutable(template, oldTemplate, SPEC.child('template'), goLiteral('core.PodTemplateSpec{...}')));
  for (const key of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...validateImmutable(spec[key], oldSpec[key], SPEC.child(key), typeof spec[key] === 'object' && spec[key] !== null ? goLiteral('{...}') : spec[key]));
  }
  return errs;
}
