/** policy/v1 poddisruptionbudgets: discovery data, the printer (MIN AVAILABLE, MAX UNAVAILABLE, ALLOWED DISRUPTIONS), fields. */
import type { KubeObject } from '../object';
import { isJsonObject, numberAt, objectAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

/** An IntOrString as its String() prints it, `N/A` when unset. */
function intOrStringCell(holder: unknown, key: string): string {
  const v = isJsonObject(holder) ? holder[key] : undefined;
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return 'N/A';
}

function pdbRow(pdb: KubeObject, now: number): unknown[] {
  const spec = objectAt(pdb, 'spec');
  return [
    pdb.metadata.name ?? '',
    intOrStringCell(spec, 'minAvailable'),
    intOrStringCell(spec, 'maxUnavailable'),
    numberAt(objectAt(pdb, 'status'), 'disruptionsAllowed') ?? 0,
    timestampSince(pdb.metadata.creationTimestamp, now),
  ];
}

export const POD_DISRUPTION_BUDGETS: ResourceType = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  listKind: 'PodDisruptionBudgetList',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [{ name: 'status', group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', verbs: ['get', 'patch', 'update'] }],
  storageKey: 'poddisruptionbudgets',
  columns: [
    nameColumn(),
    column('Min Available', 'string', 'How many pods, or what share, must stay available.'),
    column('Max Unavailable', 'string', 'How many pods, or what share, may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'How many pods may be disrupted right now.'),
    ageColumn(),
  ],
  row: pdbRow,
  fields: (pdb) => objectMetaFields(pdb, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
