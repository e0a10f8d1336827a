/** apps/v1 replicasets: discovery data, the printer, fields. */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../object';
import { numberAt, objectAt } from '../object';
import { formatLabelSelector } from '../labels';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { containerCells } from './containers-cell';

function replicaSetRow(rs: KubeObject, now: number): unknown[] {
  const spec = objectAt(rs, 'spec');
  const status = objectAt(rs, 'status');
  const [names, images] = containerCells(objectAt(spec, 'template'));
  return [
    rs.metadata.name ?? '',
    numberAt(spec, 'replicas') ?? 1,
    numberAt(status, 'replicas') ?? 0,
    numberAt(status, 'readyReplicas') ?? 0,
    timestampSince(rs.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(spec?.selector as MetaLabelSelector | undefined),
  ];
}

export const REPLICA_SETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  listKind: 'ReplicaSetList',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [
    { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'status', group: 'apps', version: 'v1', kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'replicasets',
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'How many pods the replica set should run.'),
    column('Current', 'integer', 'How many pods the replica set runs now.'),
    column('Ready', 'integer', 'How many of its pods are ready.'),
    ageColumn(),
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images the containers of the pod template run.', 1),
    column('Selector', 'string', 'The label selector that picks the pods of this replica set.', 1),
  ],
  row: replicaSetRow,
  fields: (rs) => objectMetaFields(rs, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
