/** apps/v1 statefulsets: discovery data, the printer (READY as ready/desired), fields. */
import type { KubeObject } from '../object';
import { numberAt, objectAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { containerCells } from './containers-cell';

function statefulSetRow(sts: KubeObject, now: number): unknown[] {
  const spec = objectAt(sts, 'spec');
  const [names, images] = containerCells(objectAt(spec, 'template'));
  return [
    sts.metadata.name ?? '',
    `${numberAt(objectAt(sts, 'status'), 'readyReplicas') ?? 0}/${numberAt(spec, 'replicas') ?? 1}`,
    timestampSince(sts.metadata.creationTimestamp, now),
    names,
    images,
  ];
}

export const STATEFUL_SETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  listKind: 'StatefulSetList',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [
    { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'status', group: 'apps', version: 'v1', kind: 'StatefulSet', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'statefulsets',
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Ready pods out of the desired number.'),
    ageColumn(),
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images the containers of the pod template run.', 1),
  ],
  row: statefulSetRow,
  fields: (sts) => objectMetaFields(sts, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
