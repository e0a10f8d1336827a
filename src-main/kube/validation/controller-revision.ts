/** apps/v1 ControllerRevision validation: a revision number and a JSON object of data that never changes. */
import type { KubeObject } from '../object';
import { isJsonObject } from '../object';
import { FieldPath, required, type FieldError } from '../field-error';
import { goLiteral } from '../go-format';
import { nameIsDNSSubdomain } from '../names';
import { num } from './json-access';
import { validateImmutable, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

const DATA = FieldPath.root('data');

function validateRevision(rev: KubeObject): FieldError[] {
  return [...validateObjectMeta(rev.metadata, true, nameIsDNSSubdomain), ...validateNonnegative(num(rev, 'revision') ?? 0, FieldPath.root('revision'))];
}

export function validateControllerRevisionCreate(rev: KubeObject): FieldError[] {
  const errs = validateRevision(rev);
  const data = rev.data;
  if (data === undefined || data === null) errs.push(required(DATA, 'data is mandatory'));
  else if (!isJsonObject(data)) errs.push(required(DATA, 'data must be a valid JSON object'));
  return errs;
}

export function validateControllerRevisionUpdate(rev: KubeObject, old: KubeObject): FieldError[] {
  // Go prints the raw bytes of the RawExtension; we show the JSON it holds.
  const printed = goLiteral(`runtime.RawExtension{Raw:${JSON.stringify(rev.data ?? null)}}`);
  return [...validateObjectMetaUpdate(rev.metadata, old.metadata), ...validateRevision(rev), ...validateImmutable(rev.data, old.data, DATA, printed)];
}
