/** apps/v1 deployments: discovery data, the printer, fields. */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../object';
import { numberAt, objectAt } from '../object';
import { labelSelectorFromMeta, selectorString } from '../labels';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { containerCells } from './containers-cell';

/** The SELECTOR cell: the selector string, `<invalid>` when it does not convert. */
function selectorCell(selector: unknown): string {
  try {
    return selectorString(labelSelectorFromMeta(selector as MetaLabelSelector | undefined));
  } catch {
    return '<invalid>';
  }
}

function deploymentRow(d: KubeObject, now: number): unknown[] {
  const spec = objectAt(d, 'spec');
  const status = objectAt(d, 'status');
  const [names, images] = containerCells(objectAt(spec, 'template'));
  return [
    d.metadata.name ?? '',
    `${numberAt(status, 'readyReplicas') ?? 0}/${numberAt(spec, 'replicas') ?? 1}`,
    numberAt(status, 'updatedReplicas') ?? 0,
    numberAt(status, 'availableReplicas') ?? 0,
    timestampSince(d.metadata.creationTimestamp, now),
    names,
    images,
    selectorCell(spec?.selector),
  ];
}

export const DEPLOYMENTS: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  listKind: 'DeploymentList',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [
    { name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
    { name: 'status', group: 'apps', version: 'v1', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'deployments',
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Ready pods out of the desired number.'),
    column('Up-to-date', 'string', 'Pods that run the current pod template.'),
    column('Available', 'string', 'Pods that have been ready for at least minReadySeconds.'),
    ageColumn(),
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images the containers of the pod template run.', 1),
    column('Selector', 'string', 'The label selector that picks the pods of this deployment.', 1),
  ],
  row: deploymentRow,
  fields: (d) => objectMetaFields(d, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
