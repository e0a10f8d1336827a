/** policy/v1 PodDisruptionBudget validation: minAvailable or maxUnavailable (not both), the selector, the eviction policy. */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { JsonObject, KubeObject } from '../object';
import { FieldPath, invalid, notSupported, type FieldError } from '../field-error';
import { goLiteral } from '../go-format';
import { nameIsDNSSubdomain } from '../names';
import { intOrStringAt, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent';
import { obj } from './json-access';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

const SPEC = FieldPath.root('spec');
/** sets.List order (sorted). */
const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** Go's `%#v` of the spec; its pointer fields print as addresses, which we cannot reproduce. */
function goSpec(spec: JsonObject): string {
  const ptr = (key: string, type: string): string => `(*${type})(${spec[key] === undefined || spec[key] === null ? 'nil' : '0xc000000000'})`;
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr('minAvailable', 'intstr.IntOrString')}, Selector:${ptr('selector', 'v1.LabelSelector')}, MaxUnavailable:${ptr('maxUnavailable', 'intstr.IntOrString')}, UnhealthyPodEvictionPolicy:${ptr('unhealthyPodEvictionPolicy', 'policy.UnhealthyPodEvictionPolicyType')}}`;
}

function validateSpec(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const minAvailable = intOrStringAt(spec, 'minAvailable');
  const maxUnavailable = intOrStringAt(spec, 'maxUnavailable');
  if (minAvailable !== undefined && maxUnavailable !== undefined) errs.push(invalid(SPEC, goLiteral(goSpec(spec)), 'minAvailable and maxUnavailable cannot be both set'));
  if (minAvailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(minAvailable, SPEC.child('minAvailable')), ...validateNotMoreThan100Percent(minAvailable, SPEC.child('minAvailable')));
  }
  if (maxUnavailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(maxUnavailable, SPEC.child('maxUnavailable')), ...validateNotMoreThan100Percent(maxUnavailable, SPEC.child('maxUnavailable')));
  }
  errs.push(...validateLabelSelector(obj(spec, 'selector') as MetaLabelSelector | undefined, SPEC.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (typeof policy === 'string' && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported(SPEC.child('unhealthyPodEvictionPolicy'), policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

/** The spec first, then the generic metadata checks, in the order the registry runs them. */
export function validatePodDisruptionBudgetCreate(pdb: KubeObject): FieldError[] {
  return [...validateSpec(obj(pdb, 'spec') ?? {}), ...validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain)];
}

/** policy/v1 lets the whole spec change. */
export function validatePodDisruptionBudgetUpdate(pdb: KubeObject, old: KubeObject): FieldError[] {
  return [...validateSpec(obj(pdb, 'spec') ?? {}), ...validateObjectMetaUpdate(pdb.metadata, old.metadata)];
}
