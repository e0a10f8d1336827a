/** coordination.k8s.io/v1 Lease validation (ValidateLease / ValidateLeaseUpdate). */
import { FieldPath, invalid, type FieldError } from '../field-error';
import type { KubeObject } from '../object';
import { nameIsDNSSubdomain } from '../names';
import { num, obj } from './json-access';
import { validateNonnegative, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

function validateLeaseSpec(lease: KubeObject): FieldError[] {
  const spec = obj(lease, 'spec');
  const path = FieldPath.root('spec');
  const errs: FieldError[] = [];
  const duration = num(spec, 'leaseDurationSeconds');
  if (duration !== undefined && duration <= 0) errs.push(invalid(path.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  errs.push(...validateNonnegative(num(spec, 'leaseTransitions'), path.child('leaseTransitions')));
  return errs;
}

export function validateLeaseCreate(lease: KubeObject): FieldError[] {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain), ...validateLeaseSpec(lease)];
}

export function validateLeaseUpdate(lease: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...validateLeaseSpec(lease)];
}
