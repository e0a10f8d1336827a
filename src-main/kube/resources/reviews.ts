/**
 * The review resources: create-only, nothing stored. authorization.k8s.io/v1 access and rules
 * reviews (`kubectl auth can-i`) and authentication.k8s.io/v1 SelfSubjectReview
 * (`kubectl auth whoami`).
 */
import { DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';

function review(group: string, kind: string, plural: string, namespaced: boolean): ResourceType {
  return {
    group,
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: plural.slice(0, -1),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ['create'],
    subresources: [],
    storageKey: '',
    columns: [],
    row: () => [],
    fields: (obj) => objectMetaFields(obj, namespaced),
    fieldLabels: DEFAULT_FIELD_LABELS,
  };
}

const AUTHZ = 'authorization.k8s.io';
export const LOCAL_SUBJECT_ACCESS_REVIEWS = review(AUTHZ, 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true);
export const SELF_SUBJECT_ACCESS_REVIEWS = review(AUTHZ, 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false);
export const SELF_SUBJECT_RULES_REVIEWS = review(AUTHZ, 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false);
export const SUBJECT_ACCESS_REVIEWS = review(AUTHZ, 'SubjectAccessReview', 'subjectaccessreviews', false);
export const SELF_SUBJECT_REVIEWS = review('authentication.k8s.io', 'SelfSubjectReview', 'selfsubjectreviews', false);

export const REVIEW_TYPES: readonly ResourceType[] = [
  LOCAL_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_RULES_REVIEWS,
  SUBJECT_ACCESS_REVIEWS,
  SELF_SUBJECT_REVIEWS,
];
