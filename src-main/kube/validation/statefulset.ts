/**
 * apps/v1 StatefulSet validation (ValidateStatefulSet, ValidateStatefulSetUpdate): policies,
 * claim templates, selector and template, and the few spec fields an update may change.
 */
import type { JsonObject, KubeObject } from '../object';
import { FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field-error';
import { goLabelSelector, goLiteral, goQuote } from '../go-format';
import { nameIsDNSSubdomain } from '../names';
import { goIntOrString, intOrPercentValue, intOrStringAt, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent';
import { num, obj, objects, str } from './json-access';
import { jsonEqual, validateAnnotations, validateLabels, validateLabelSelector, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodTemplateSpec } from './pod';
import { validateClaimTemplateSpec } from './claim-template';
import { matchesTemplate, metaSelector, parseSelector, selectorMismatch, templateLabels, validateLongRunningTemplate } from './workload-template';

const SPEC = FieldPath.root('spec');
const RETENTION_POLICIES = ['Retain', 'Delete'];

/** Fields an update may change; everything else in the spec is fixed once created (1.32). */
const UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
const FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function goRollingUpdate(ru: JsonObject): string {
  const mu = intOrStringAt(ru, 'maxUnavailable');
  const partition = num(ru, 'partition');
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${partition ?? 0}, MaxUnavailable:${mu === undefined ? '(*intstr.IntOrString)(nil)' : `&${goIntOrString(mu).text}`}}`;
}

function goUpdateStrategy(strategy: JsonObject | undefined): string {
  const ru = obj(strategy, 'rollingUpdate');
  return `apps.StatefulSetUpdateStrategy{Type:${goQuote(str(strategy, 'type'))}, RollingUpdate:${ru ? `&${goRollingUpdate(ru)}` : '(*apps.RollingUpdateStatefulSetStrategy)(nil)'}}`;
}

function validateRollingUpdate(ru: JsonObject, path: FieldPath): FieldError[] {
  const errs = validateNonnegative(num(ru, 'partition') ?? 0, path.child('partition'));
  const mu = intOrStringAt(ru, 'maxUnavailable');
  if (mu !== undefined) {
    const p = path.child('maxUnavailable');
    errs.push(...validatePositiveIntOrPercent(mu, p));
    if (intOrPercentValue(mu) === 0) errs.push(invalid(p, goIntOrString(mu), 'cannot be 0'));
    errs.push(...validateNotMoreThan100Percent(mu, p));
  }
  return errs;
}

function validateUpdateStrategy(strategy: JsonObject | undefined, path: FieldPath): FieldError[] {
  const ru = obj(strategy, 'rollingUpdate');
  switch (str(strategy, 'type')) {
    case '':
      return [required(path, '')];
    case 'OnDelete':
      return ru ? [invalid(path.child('rollingUpdate'), goLiteral(goRollingUpdate(ru)), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate':
      return ru ? validateRollingUpdate(ru, path.child('rollingUpdate')) : [];
    default:
      return [invalid(path, goLiteral(goUpdateStrategy(strategy)), "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

/**
 * The template as validation sees it: hostname and subdomain are the controller's to set, and
 * each claim template is a volume the containers may mount.
 */
function templateToValidate(spec: JsonObject | undefined): JsonObject {
  const template = structuredClone(obj(spec, 'template') ?? {});
  const podSpec = obj(template, 'spec');
  if (!podSpec) return template;
  delete podSpec.hostname;
  delete podSpec.subdomain;
  const claims = objects(spec, 'volumeClaimTemplates').map((c) => str(obj(c, 'metadata'), 'name'));
  if (claims.length > 0) {
    const fromClaims = claims.map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
    podSpec.volumes = [...fromClaims, ...objects(podSpec, 'volumes').filter((v) => !claims.includes(str(v, 'name')))];
  }
  return template;
}

function validateSelectorAndTemplate(spec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const selector = metaSelector(spec);
  if (!selector) errs.push(required(SPEC.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), 'empty selector is invalid for statefulset'));
    }
  }
  const parsed = parseSelector(selector);
  const tPath = SPEC.child('template');
  if (!parsed) errs.push(invalid(SPEC.child('selector'), goLabelSelector(selector), ''));
  else {
    const template = templateToValidate(spec);
    const empty = !parsed.nothing && parsed.requirements.length === 0;
    if (!empty && !matchesTemplate(parsed, template)) errs.push(selectorMismatch(template, tPath));
    errs.push(...validatePodTemplateSpec(template, tPath));
    errs.push(...validateLabels(templateLabels(template), tPath.child('labels')));
    errs.push(...validateAnnotations(obj(obj(template, 'metadata'), 'annotations') as Record<string, string> | undefined, tPath.child('annotations')));
  }
  errs.push(...validateLongRunningTemplate(obj(spec, 'template'), tPath, 'StatefulSet'));
  return errs;
}

function validateStatefulSetSpec(spec: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec, 'podManagementPolicy');
  if (policy === '') errs.push(required(SPEC.child('podManagementPolicy'), ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(invalid(SPEC.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  errs.push(...validateUpdateStrategy(obj(spec, 'updateStrategy'), SPEC.child('updateStrategy')));
  const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      const v = str(retention, key);
      if (!RETENTION_POLICIES.includes(v)) errs.push(notSupported(SPEC.child('persistentVolumeClaimRetentionPolicy', key), v, RETENTION_POLICIES));
    }
  }
  objects(spec, 'volumeClaimTemplates').forEach((c, i) => errs.push(...validateClaimTemplateSpec(obj(c, 'spec'), SPEC.child('volumeClaimTemplates').index(i).child('spec'))));
  errs.push(...validateNonnegative(num(spec, 'replicas') ?? 0, SPEC.child('replicas')));
  errs.push(...validateNonnegative(num(spec, 'minReadySeconds') ?? 0, SPEC.child('minReadySeconds')));
  const ordinals = obj(spec, 'ordinals');
  if (ordinals) errs.push(...validateNonnegative(num(ordinals, 'start') ?? 0, SPEC.child('ordinals.start')));
  errs.push(...validateSelectorAndTemplate(spec));
  return errs;
}

export function validateStatefulSetCreate(sts: KubeObject): FieldError[] {
  return [...validateObjectMeta(sts.metadata, true, nameIsDNSSubdomain), ...validateStatefulSetSpec(obj(sts, 'spec'))];
}

/** The spec with the updatable fields taken from `old`: what must not differ. */
function fixedPart(spec: JsonObject, old: JsonObject): JsonObject {
  const out: JsonObject = { ...spec };
  for (const key of UPDATABLE) {
    if (old[key] === undefined) delete out[key];
    else out[key] = old[key];
  }
  return out;
}

export function validateStatefulSetUpdate(sts: KubeObject, old: KubeObject): FieldError[] {
  const spec = obj(sts, 'spec') ?? {};
  const oldSpec = obj(old, 'spec') ?? {};
  const errs = [...validateObjectMetaUpdate(sts.metadata, old.metadata), ...validateStatefulSetSpec(spec)];
  if (!jsonEqual(fixedPart(spec, oldSpec), oldSpec)) errs.push(forbidden(SPEC, FORBIDDEN_UPDATE));
  return errs;
}
