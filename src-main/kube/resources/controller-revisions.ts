/** apps/v1 controllerrevisions: discovery data, the printer (CONTROLLER as kind.group/name), fields. */
import type { KubeObject } from '../object';
import { numberAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

/** The controller owner as `statefulset.apps/web`, or `<none>` without one. */
function controllerCell(rev: KubeObject): string {
  const ref = (rev.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return '<none>';
  const apiVersion = ref.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const groupKind = group === '' ? ref.kind ?? '' : `${ref.kind ?? ''}.${group}`;
  return groupKind === '' ? ref.name ?? '' : `${groupKind.toLowerCase()}/${ref.name ?? ''}`;
}

export const CONTROLLER_REVISIONS: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  listKind: 'ControllerRevisionList',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'controllerrevisions',
  columns: [
    nameColumn(),
    column('Controller', 'string', 'The object that owns this revision.'),
    column('Revision', 'string', 'The revision number of the state this object holds.'),
    ageColumn(),
  ],
  row: (rev, now) => [rev.metadata.name ?? '', controllerCell(rev), numberAt(rev, 'revision') ?? 0, timestampSince(rev.metadata.creationTimestamp, now)],
  fields: (rev) => objectMetaFields(rev, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
