/** ValidatePersistentVolumeClaimSpec, as stateful set claim templates go through it (the checks users meet). */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { JsonObject } from '../object';
import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field-error';
import { isDNS1123Subdomain } from '../names';
import { Quantity } from '../quantity';
import { obj, str, strings } from './json-access';
import { validateLabelSelector } from './object-meta';

/** sets.List order (sorted). */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validateStorageRequest(spec: JsonObject | undefined, path: FieldPath): FieldError[] {
  const p = path.child('resources').key('storage');
  const raw = obj(obj(spec, 'resources'), 'requests')?.storage;
  if (raw === undefined || raw === null) return [required(p, '')];
  let q: Quantity;
  try {
    q = Quantity.parse(raw as string | number);
  } catch {
    return []; // an unparsable quantity is a decoding error, reported before validation
  }
  return q.sign() <= 0 ? [invalid(p, q.toString(), 'must be greater than zero')] : [];
}

export function validateClaimTemplateSpec(spec: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const modes = strings(spec, 'accessModes');
  if (modes.length === 0) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  const selector = obj(spec, 'selector') as MetaLabelSelector | undefined;
  if (selector) errs.push(...validateLabelSelector(selector, path.child('selector')));
  for (const mode of modes) if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(path.child('accessModes'), mode, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod')) {
    errs.push(forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  }
  errs.push(...validateStorageRequest(spec, path));
  const className = str(spec, 'storageClassName');
  if (className !== '') for (const m of isDNS1123Subdomain(className)) errs.push(invalid(path.child('storageClassName'), className, m));
  const mode = spec?.volumeMode;
  if (typeof mode === 'string' && !VOLUME_MODES.includes(mode)) errs.push(notSupported(path.child('volumeMode'), mode, VOLUME_MODES));
  return errs;
}
