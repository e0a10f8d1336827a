/** apps/v1 Deployment and ReplicaSet validation (apps validation plus the apps/v1 strategies' selector immutability). */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { JsonObject, KubeObject } from '../object';
import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field-error';
import { goLabelSelector, goLiteral, goQuote, goStringMap } from '../go-format';
import { labelSelectorFromMeta, matchLabels } from '../labels';
import { nameIsDNSSubdomain } from '../names';
import { has, num, obj, str, stringMap } from './json-access';
import { validateImmutable, validateLabelSelector, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { goIntOrString, intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from './int-or-percent';
import { validatePodTemplateSpec } from './pod';

function selectorOf(spec: JsonObject | undefined): MetaLabelSelector | undefined {
  return obj(spec, 'selector') as MetaLabelSelector | undefined;
}

/** Selector checks, then the template against it (ValidatePodTemplateSpecForReplicaSet). */
function validateSelectorAndTemplate(spec: JsonObject | undefined, path: FieldPath, emptyMessage: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = selectorOf(spec);
  if (!selector) errs.push(required(path.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(selector, path.child('selector')));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid(path.child('selector'), goLabelSelector(selector), emptyMessage));
    }
  }
  let parsed;
  try {
    parsed = labelSelectorFromMeta(selector);
  } catch {
    errs.push(invalid(path.child('selector'), goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  // The template is a struct upstream: a missing one validates as an empty one.
  const template = obj(spec, 'template') ?? {};
  const tPath = path.child('template');
  const labels = stringMap(obj(template, 'metadata'), 'labels');
  const emptySelector = !parsed.nothing && parsed.requirements.length === 0;
  if (!emptySelector && !matchLabels(parsed, labels)) {
    errs.push(invalid(tPath.child('metadata', 'labels'), goLiteral(goStringMap(labels)), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, tPath));
  const tSpec = obj(template, 'spec');
  const restartPolicy = str(tSpec, 'restartPolicy');
  if (restartPolicy !== 'Always') errs.push(notSupported(tPath.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (has(tSpec, 'activeDeadlineSeconds')) errs.push(forbidden(tPath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return errs;
}

function validateRollingUpdate(ru: JsonObject, path: FieldPath): FieldError[] {
  const maxUnavailable = (ru.maxUnavailable ?? 0) as IntOrString;
  const maxSurge = (ru.maxSurge ?? 0) as IntOrString;
  const errs = [...validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')), ...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge'))];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errs.push(invalid(path.child('maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...validateNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')));
  return errs;
}

function validateStrategy(strategy: JsonObject | undefined, path: FieldPath): FieldError[] {
  const type = str(strategy, 'type');
  const rollingUpdate = obj(strategy, 'rollingUpdate');
  switch (type) {
    case 'Recreate':
      return rollingUpdate ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return rollingUpdate ? validateRollingUpdate(rollingUpdate, path.child('rollingUpdate')) : [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
    default:
      return [notSupported(path, goLiteral(`apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`), ['Recreate', 'RollingUpdate'])];
  }
}

function validateDeploymentSpec(spec: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errs = [...validateNonnegative(num(spec, 'replicas') ?? 0, path.child('replicas'))];
  errs.push(...validateSelectorAndTemplate(spec, path, 'empty selector is invalid for deployment'));
  errs.push(...validateStrategy(obj(spec, 'strategy'), path.child('strategy')));
  const minReady = num(spec, 'minReadySeconds') ?? 0;
  errs.push(...validateNonnegative(minReady, path.child('minReadySeconds')));
  errs.push(...validateNonnegative(num(spec, 'revisionHistoryLimit'), path.child('revisionHistoryLimit')));
  const deadline = num(spec, 'progressDeadlineSeconds');
  if (deadline !== undefined) {
    errs.push(...validateNonnegative(deadline, path.child('progressDeadlineSeconds')));
    if (deadline <= minReady) errs.push(invalid(path.child('progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
  }
  return errs;
}

function validateReplicaSetSpec(spec: JsonObject | undefined, path: FieldPath): FieldError[] {
  return [
    ...validateNonnegative(num(spec, 'replicas') ?? 0, path.child('replicas')),
    ...validateNonnegative(num(spec, 'minReadySeconds') ?? 0, path.child('minReadySeconds')),
    ...validateSelectorAndTemplate(spec, path, 'empty selector is invalid for deployment'),
  ];
}

const SPEC = FieldPath.root('spec');

export function validateDeploymentCreate(d: KubeObject): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(obj(d, 'spec'), SPEC)];
}

/** ValidateDeploymentUpdate, then the apps/v1 rule that the selector never changes. */
export function validateDeploymentUpdate(d: KubeObject, old: KubeObject): FieldError[] {
  const selector = selectorOf(obj(d, 'spec'));
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata),
    ...validateDeploymentSpec(obj(d, 'spec'), SPEC),
    ...validateImmutable(selector, selectorOf(obj(old, 'spec')), SPEC.child('selector'), goLabelSelector(selector)),
  ];
}

export function validateReplicaSetCreate(rs: KubeObject): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(obj(rs, 'spec'), SPEC)];
}

export function validateReplicaSetUpdate(rs: KubeObject, old: KubeObject): FieldError[] {
  const selector = selectorOf(obj(rs, 'spec'));
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...validateReplicaSetSpec(obj(rs, 'spec'), SPEC),
    ...validateImmutable(selector, selectorOf(obj(old, 'spec')), SPEC.child('selector'), goLabelSelector(selector)),
  ];
}
