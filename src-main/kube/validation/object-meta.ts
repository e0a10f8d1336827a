/**
 * ObjectMeta and label validation, after apimachinery's api/validation (objectmeta.go) and
 * apis/meta/v1/validation: the same checks, paths and messages.
 */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { ObjectMeta, OwnerReference } from '../object';
import { FieldPath, forbidden, invalid, required, tooLong, type FieldError } from '../field-error';
import { goLiteral, goQuote, goStringSlice, goTime } from '../go-format';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameValidator } from '../names';

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateNonnegative(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, IS_NEGATIVE)] : [];
}

export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** Label keys and values; errors are reported on the map's path, as upstream does. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    errs.push(...validateLabelName(k, path));
    const v = labels![k];
    for (const m of isValidLabelValue(typeof v === 'string' ? v : String(v))) errs.push(invalid(path, v, m));
  }
  return errs;
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    const v = annotations![k];
    total += byteLength(k) + byteLength(typeof v === 'string' ? v : '');
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function goOwnerReference(ref: OwnerReference): string {
  const ptrBool = (b: boolean | undefined): string => (b === undefined ? '(*bool)(nil)' : `(*bool)(${b})`);
  return `v1.OwnerReference{APIVersion:${goQuote(ref.apiVersion ?? '')}, Kind:${goQuote(ref.kind ?? '')}, Name:${goQuote(ref.name ?? '')}, UID:${goQuote(ref.uid ?? '')}, Controller:${ptrBool(ref.controller)}, BlockOwnerDeletion:${ptrBool(ref.blockOwnerDeletion)}}`;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version === '') errs.push(invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'uid must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') errs.push(invalid(path, goLiteral(goOwnerReference(ref)), '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller === true) {
      const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            goLiteral(`[]v1.OwnerReference{${(refs ?? []).map(goOwnerReference).join(', ')}}`),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  const list = finalizers ?? [];
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** ValidateObjectMetaAccessor: name/generateName, namespace presence, labels, annotations, owners, finalizers. */
export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: NameValidator, path: FieldPath = FieldPath.root('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) for (const m of nameFn(meta.generateName, true)) errs.push(invalid(path.child('generateName'), meta.generateName, m));
  if (!meta.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const m of nameFn(meta.name, false)) errs.push(invalid(path.child('name'), meta.name, m));
  if (requiresNamespace) {
    if (!meta.namespace) errs.push(required(path.child('namespace'), ''));
    else for (const m of nameIsDNSLabel(meta.namespace, false)) errs.push(invalid(path.child('namespace'), meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(meta.generation, path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  return errs;
}

/** Deep equality of JSON values (apiequality.Semantic.DeepEqual for what we store). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** ValidateImmutableField: `Invalid value: <new>: field is immutable` when the value changed. */
export function validateImmutable(newValue: unknown, oldValue: unknown, path: FieldPath, printed: unknown = newValue): FieldError[] {
  return jsonEqual(newValue ?? null, oldValue ?? null) ? [] : [invalid(path, printed, FIELD_IMMUTABLE)];
}

/** ValidateObjectMetaAccessorUpdate. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath = FieldPath.root('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const extra = [...new Set(meta.finalizers ?? [])].filter((f) => !(old.finalizers ?? []).includes(f)).sort();
    if (extra.length > 0) {
      errs.push(forbidden(path.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`));
    }
  }
  if (!meta.resourceVersion) errs.push(invalid(path.child('resourceVersion'), meta.resourceVersion ?? '', 'must be specified for an update'));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(path.child('generation'), meta.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutable(meta.name ?? '', old.name ?? '', path.child('name')));
  errs.push(...validateImmutable(meta.namespace ?? '', old.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutable(meta.uid ?? '', old.uid ?? '', path.child('uid')));
  errs.push(...validateImmutable(meta.creationTimestamp ?? null, old.creationTimestamp ?? null, path.child('creationTimestamp'), goTime(meta.creationTimestamp)));
  errs.push(
    ...validateImmutable(
      meta.deletionTimestamp ?? null,
      old.deletionTimestamp ?? null,
      path.child('deletionTimestamp'),
      meta.deletionTimestamp ? goTime(meta.deletionTimestamp) : null,
    ),
  );
  errs.push(...validateImmutable(meta.deletionGracePeriodSeconds ?? null, old.deletionGracePeriodSeconds ?? null, path.child('deletionGracePeriodSeconds')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  return errs;
}

/** ValidateLabelSelector (strict: label values in expressions must be valid). */
export function validateLabelSelector(sel: MetaLabelSelector | undefined, path: FieldPath): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [...validateLabels(sel.matchLabels, path.child('matchLabels'))];
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = path.child('matchExpressions').index(i);
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child('operator'), expr.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key, p.child('key')));
    values.forEach((v, vi) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(vi), v, m));
    });
  });
  return errs;
}
