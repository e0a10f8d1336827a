/** core/v1 configmaps, secrets and serviceaccounts: discovery data, printers, fields. */
import type { KubeObject } from '../object';
import { arrayAt, objectAt, stringAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

function keyCount(obj: KubeObject, ...maps: string[]): number {
  const keys = new Set<string>();
  for (const m of maps) for (const k of Object.keys(objectAt(obj, m) ?? {})) keys.add(k);
  return keys.size;
}

export const CONFIG_MAPS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'configmaps',
  columns: [nameColumn(), column('Data', 'string', 'How many keys data and binaryData hold together.'), ageColumn()],
  row: (cm, now) => [cm.metadata.name ?? '', keyCount(cm, 'data') + keyCount(cm, 'binaryData'), timestampSince(cm.metadata.creationTimestamp, now)],
  fields: (cm) => objectMetaFields(cm, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};

export const SECRETS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  listKind: 'SecretList',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'secrets',
  columns: [
    nameColumn(),
    column('Type', 'string', 'What the secret holds, e.g. Opaque or kubernetes.io/tls; it decides which keys are required.'),
    column('Data', 'string', 'How many keys the secret holds.'),
    ageColumn(),
  ],
  // stringData is merged into data when the secret is stored; count both for objects that were not.
  row: (s, now) => [s.metadata.name ?? '', stringAt(s, 'type'), keyCount(s, 'data', 'stringData'), timestampSince(s.metadata.creationTimestamp, now)],
  fields: (s) => ({ ...objectMetaFields(s, true), type: stringAt(s, 'type') }),
  fieldLabels: { supported: ['type', 'metadata.namespace', 'metadata.name'], custom: true },
};

export const SERVICE_ACCOUNTS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  listKind: 'ServiceAccountList',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [{ name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }],
  storageKey: 'serviceaccounts',
  columns: [nameColumn(), column('Secrets', 'string', 'How many secrets the service account lists (token secrets are no longer created for it).'), ageColumn()],
  row: (sa, now) => [sa.metadata.name ?? '', arrayAt(sa, 'secrets').length, timestampSince(sa.metadata.creationTimestamp, now)],
  fields: (sa) => objectMetaFields(sa, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
