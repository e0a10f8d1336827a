/** apps/v1 DaemonSet validation (ValidateDaemonSet, ValidateDaemonSetUpdate) with upstream paths and messages. */
import type { JsonObject, KubeObject } from '../object';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-error';
import { goLabelSelector, goLiteral, goQuote } from '../go-format';
import { nameIsDNSSubdomain } from '../names';
import { goIntOrString, intOrPercentValue, intOrStringAt, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent';
import { num, obj, str } from './json-access';
import { validateImmutable, validateLabelSelector, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodTemplateSpec } from './pod';
import { matchesTemplate, metaSelector, parseSelector, selectorMismatch, validateLongRunningTemplate } from './workload-template';

const SPEC = FieldPath.root('spec');

function validateRollingUpdate(ru: JsonObject, path: FieldPath): FieldError[] {
  const maxUnavailable = intOrStringAt(ru, 'maxUnavailable') ?? 0;
  const maxSurge = intOrStringAt(ru, 'maxSurge') ?? 0;
  const errs = [
    ...validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')),
    ...validateNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')),
    ...validateNotMoreThan100Percent(maxSurge, path.child('maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(path.child('maxSurge'), goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(path.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateUpdateStrategy(strategy: JsonObject | undefined, path: FieldPath): FieldError[] {
  const type = str(strategy, 'type');
  const ru = obj(strategy, 'rollingUpdate');
  switch (type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return ru ? validateRollingUpdate(ru, path.child('rollingUpdate')) : [required(path.child('rollingUpdate'), '')];
    default: {
      // The rolling update is a pointer; Go prints its address, which we cannot reproduce.
      const printed = `apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(${ru ? '0xc000000000' : 'nil'})}`;
      return [notSupported(path, goLiteral(printed), ['RollingUpdate', 'OnDelete'])];
    }
  }
}

function validateDaemonSetSpec(spec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const selector = metaSelector(spec);
  const template = obj(spec, 'template');
  const tPath = SPEC.child('template');
  errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
  const parsed = parseSelector(selector);
  if (parsed && !matchesTemplate(parsed, template)) errs.push(selectorMismatch(template, tPath));
  if (selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template ?? {}, tPath));
  errs.push(...validateLongRunningTemplate(template, tPath, 'DaemonSet'));
  errs.push(...validateNonnegative(num(spec, 'minReadySeconds') ?? 0, SPEC.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(obj(spec, 'updateStrategy'), SPEC.child('updateStrategy')));
  errs.push(...validateNonnegative(num(spec, 'revisionHistoryLimit'), SPEC.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSetCreate(ds: KubeObject): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(obj(ds, 'spec'))];
}

/** ValidateDaemonSetUpdate: metadata, the selector never changes, then the spec as on create. */
export function validateDaemonSetUpdate(ds: KubeObject, old: KubeObject): FieldError[] {
  const selector = metaSelector(obj(ds, 'spec'));
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata),
    ...validateImmutable(selector, metaSelector(obj(old, 'spec')), SPEC.child('selector'), goLabelSelector(selector)),
    ...validateDaemonSetSpec(obj(ds, 'spec')),
  ];
}
