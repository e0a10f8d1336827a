/** core/v1 namespaces: discovery data (no deletecollection; finalize and status), printer, fields. */
import { objectAt, stringAt } from '../object';
import type { ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

export const NAMESPACES: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  categories: [],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: [
    { name: 'finalize', group: '', version: 'v1', kind: 'Namespace', verbs: ['update'] },
    { name: 'status', group: '', version: 'v1', kind: 'Namespace', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'namespaces',
  columns: [nameColumn(), column('Status', 'string', 'The namespace phase: Active, or Terminating while it is being deleted.'), ageColumn()],
  row: (ns, now) => [ns.metadata.name ?? '', stringAt(objectAt(ns, 'status'), 'phase'), timestampSince(ns.metadata.creationTimestamp, now)],
  fields: (ns) => ({ 'metadata.name': ns.metadata.name ?? '', 'status.phase': stringAt(objectAt(ns, 'status'), 'phase') }),
  fieldLabels: { supported: ['status.phase', 'metadata.name'], custom: true },
};
