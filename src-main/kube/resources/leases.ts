/** coordination.k8s.io/v1 leases: node heartbeats (kube-node-lease) and leader election (kube-system). */
import { objectAt, stringAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

export const LEASES: ResourceType = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  listKind: 'LeaseList',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'leases',
  columns: [nameColumn(), column('Holder', 'string', 'Who holds the lease now.'), ageColumn()],
  row: (lease, now) => [lease.metadata.name ?? '', stringAt(objectAt(lease, 'spec'), 'holderIdentity'), timestampSince(lease.metadata.creationTimestamp, now)],
  fields: (lease) => objectMetaFields(lease, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
