/**
 * rbac.authorization.k8s.io/v1 validation (ValidateRole, ValidateClusterRole, ValidateRoleBinding,
 * ValidateClusterRoleBinding and their updates), with upstream field paths and messages; and the
 * subjects' apiGroup defaults.
 */
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-error';
import type { JsonObject, KubeObject } from '../object';
import { jsonEqual, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import type { NameValidator } from '../names';
import { objects, str, strings } from './json-access';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** path.ValidatePathSegmentName: RBAC names become URL path segments. */
const nameIsPathSegment: NameValidator = (name, prefix) => {
  const errs: string[] = [];
  if (!prefix && (name === '.' || name === '..')) errs.push(`may not be '${name}'`);
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

function validateRules(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  objects(obj, 'rules').forEach((rule, i) => {
    const p = FieldPath.root('rules').index(i);
    if (strings(rule, 'verbs').length === 0) errs.push(required(p.child('verbs'), 'verbs must contain at least one value'));
    const nonResource = strings(rule, 'nonResourceURLs');
    if (nonResource.length > 0) {
      if (namespaced) errs.push(invalid(p.child('nonResourceURLs'), nonResource, 'namespaced rules cannot apply to non-resource URLs'));
      if (strings(rule, 'apiGroups').length > 0 || strings(rule, 'resources').length > 0 || strings(rule, 'resourceNames').length > 0) {
        errs.push(invalid(p.child('nonResourceURLs'), nonResource, 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (strings(rule, 'apiGroups').length === 0) errs.push(required(p.child('apiGroups'), 'resource rules must supply at least one api group'));
    if (strings(rule, 'resources').length === 0) errs.push(required(p.child('resources'), 'resource rules must supply at least one resource'));
  });
  return errs;
}

function validateBinding(b: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = (b.roleRef ?? {}) as JsonObject;
  const refPath = FieldPath.root('roleRef');
  if (str(ref, 'apiGroup') !== RBAC_GROUP) errs.push(notSupported(refPath.child('apiGroup'), str(ref, 'apiGroup'), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref, 'kind'))) errs.push(notSupported(refPath.child('kind'), str(ref, 'kind'), kinds));
  if (!str(ref, 'name')) errs.push(required(refPath.child('name'), ''));
  else for (const m of nameIsPathSegment(str(ref, 'name'), false)) errs.push(invalid(refPath.child('name'), str(ref, 'name'), m));
  objects(b, 'subjects').forEach((s, i) => {
    const p = FieldPath.root('subjects').index(i);
    const kind = str(s, 'kind');
    if (!str(s, 'name')) errs.push(required(p.child('name'), ''));
    switch (kind) {
      case 'ServiceAccount':
        if (str(s, 'apiGroup') !== '') errs.push(notSupported(p.child('apiGroup'), str(s, 'apiGroup'), ['']));
        if (!namespaced && !str(s, 'namespace')) errs.push(required(p.child('namespace'), ''));
        break;
      case 'User':
      case 'Group':
        if (str(s, 'apiGroup') !== RBAC_GROUP) errs.push(notSupported(p.child('apiGroup'), str(s, 'apiGroup'), [RBAC_GROUP]));
        break;
      default:
        errs.push(notSupported(p.child('kind'), kind, ['ServiceAccount', 'User', 'Group']));
    }
  });
  return errs;
}

function roleRefChange(b: KubeObject, old: KubeObject): FieldError[] {
  return jsonEqual(b.roleRef, old.roleRef) ? [] : [invalid(FieldPath.root('roleRef'), b.roleRef, 'cannot change roleRef')];
}

export const RBAC_CREATE: Record<string, (obj: KubeObject) => FieldError[]> = {
  Role: (r) => [...validateObjectMeta(r.metadata, true, nameIsPathSegment), ...validateRules(r, true)],
  ClusterRole: (r) => [...validateObjectMeta(r.metadata, false, nameIsPathSegment), ...validateRules(r, false)],
  RoleBinding: (b) => [...validateObjectMeta(b.metadata, true, nameIsPathSegment), ...validateBinding(b, true)],
  ClusterRoleBinding: (b) => [...validateObjectMeta(b.metadata, false, nameIsPathSegment), ...validateBinding(b, false)],
};

export const RBAC_UPDATE: Record<string, (obj: KubeObject, old: KubeObject) => FieldError[]> = {
  Role: (r, old) => [...validateObjectMetaUpdate(r.metadata, old.metadata), ...validateRules(r, true)],
  ClusterRole: (r, old) => [...validateObjectMetaUpdate(r.metadata, old.metadata), ...validateRules(r, false)],
  RoleBinding: (b, old) => [...validateObjectMetaUpdate(b.metadata, old.metadata), ...validateBinding(b, true), ...roleRefChange(b, old)],
  ClusterRoleBinding: (b, old) => [...validateObjectMetaUpdate(b.metadata, old.metadata), ...validateBinding(b, false), ...roleRefChange(b, old)],
};

/** SetDefaults_Subject: User and Group subjects are in the RBAC group, service accounts in the core group. */
export function defaultSubjects(b: KubeObject): void {
  for (const s of (b.subjects as JsonObject[] | undefined) ?? []) {
    if (s.apiGroup !== undefined && s.apiGroup !== '') continue;
    if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
    else if (s.kind === 'ServiceAccount') s.apiGroup = '';
  }
}
