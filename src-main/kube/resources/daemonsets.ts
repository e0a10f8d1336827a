/** apps/v1 daemonsets: discovery data, the printer (per-node counts and the node selector), fields. */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../object';
import { numberAt, objectAt, stringMapAt } from '../object';
import { formatLabels, formatLabelSelector } from '../labels';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { containerCells } from './containers-cell';

function daemonSetRow(ds: KubeObject, now: number): unknown[] {
  const spec = objectAt(ds, 'spec');
  const status = objectAt(ds, 'status');
  const template = objectAt(spec, 'template');
  const [names, images] = containerCells(template);
  const count = (key: string): number => numberAt(status, key) ?? 0;
  return [
    ds.metadata.name ?? '',
    count('desiredNumberScheduled'),
    count('currentNumberScheduled'),
    count('numberReady'),
    count('updatedNumberScheduled'),
    count('numberAvailable'),
    formatLabels(stringMapAt(objectAt(template, 'spec'), 'nodeSelector')),
    timestampSince(ds.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(spec?.selector as MetaLabelSelector | undefined),
  ];
}

export const DAEMON_SETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  listKind: 'DaemonSetList',
  plural: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [{ name: 'status', group: 'apps', version: 'v1', kind: 'DaemonSet', verbs: ['get', 'patch', 'update'] }],
  storageKey: 'daemonsets',
  columns: [
    nameColumn(),
    column('Desired', 'integer', 'Nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Nodes that run at least one daemon pod and should.'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Nodes that run the current pod template.'),
    column('Available', 'integer', 'Nodes whose daemon pod has been ready for at least minReadySeconds.'),
    column('Node Selector', 'string', 'The node labels a node needs to run the daemon pod.'),
    ageColumn(),
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images the containers of the pod template run.', 1),
    column('Selector', 'string', 'The label selector that picks the pods of this daemon set.', 1),
  ],
  row: daemonSetRow,
  fields: (ds) => objectMetaFields(ds, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
