/**
 * The selector and pod labels the API server generates for a Job whose selector is not manual:
 * the template gets the job-name and controller-uid labels (both the `batch.kubernetes.io/` ones
 * and the legacy unprefixed ones) and the selector matches the job's uid. Labels the user already
 * set are left as they are; validation then rejects a mismatch.
 */
import type { JsonObject, KubeObject } from './object';
import { isJsonObject } from './object';
import { jsonEqual } from './validation/object-meta';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

function child(obj: JsonObject, key: string): JsonObject {
  const v = obj[key];
  if (isJsonObject(v)) return v;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isJsonObject(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Adds the generated labels and selector to `job` in place. */
export function generateJobSelector(job: KubeObject): void {
  const spec = isJsonObject(job.spec) ? job.spec : (job.spec = {});
  if (spec.manualSelector === true) return;
  const templateMeta = child(child(spec, 'template'), 'metadata');
  const before = stringMap(templateMeta.labels);
  const labels = { ...before };
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  templateMeta.labels = labels;
  const selector = child(spec, 'selector');
  const matchLabels = stringMap(selector.matchLabels);
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
  selector.matchLabels = matchLabels;
  // A job without labels of its own shows its template's, generated ones included (upstream shares
  // the defaulted map with the template, and the stored job is defaulted again when read).
  const own = job.metadata.labels ?? {};
  if (Object.keys(own).length === 0 || (Object.keys(before).length > 0 && jsonEqual(own, before))) job.metadata.labels = { ...labels };
}
