/**
 * What the API server knows about one resource: its group/version/kind and names as discovery
 * reports them, its etcd key segment, how it prints as a Table, and which fields field selectors
 * may use.
 */
import type { KubeObject } from './object';
import type { TableColumnDefinition, TableRowCondition } from './table';

export interface Subresource {
  /** e.g. `status`, `scale`, `eviction`. */
  name: string;
  /** The kind the subresource takes and returns (e.g. autoscaling/v1 Scale); may differ from the parent's. */
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

export interface FieldLabels {
  /** Field selector labels the kind accepts (after aliases are applied). */
  supported: readonly string[];
  /** Old names upstream still accepts and rewrites, e.g. `spec.host` → `spec.nodeName` for pods. */
  aliases?: Readonly<Record<string, string>>;
  /**
   * The kind registers its own conversion func (`field label not supported: X`); otherwise the
   * default one answers (`"X" is not a known field selector: only "metadata.name", ...`).
   */
  custom: boolean;
  /** The conversion func's own wording for an unsupported field, when it is not the common one. */
  unsupported?: (field: string) => string;
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** The resource name in URLs, e.g. `pods`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Subresource[];
  /** The etcd key segment upstream uses, e.g. `pods`, `services/specs`, `minions` for nodes. */
  storageKey: string;
  /** Server-side printer columns, as kube-apiserver's TableConvertor defines them. */
  columns: TableColumnDefinition[];
  /** One Table row's cells, in column order; `now` is the time ages are measured to (ms). */
  row(obj: KubeObject, now: number): unknown[];
  /** Row conditions upstream's printer sets (a finished pod is `Completed`). */
  rowConditions?(obj: KubeObject): TableRowCondition[];
  /** The values field selectors match against (upstream's selectable fields for the kind). */
  fields(obj: KubeObject): Record<string, string>;
  fieldLabels: FieldLabels;
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group === '' ? rt.version : `${rt.group}/${rt.version}`;
}

/** The standard verbs of a resource with every REST operation. */
export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** metadata.name and, for namespaced kinds, metadata.namespace (generic.ObjectMetaFieldsSet). */
export function objectMetaFields(obj: KubeObject, namespaced: boolean): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  if (namespaced) fields['metadata.namespace'] = obj.metadata.namespace ?? '';
  return fields;
}

/** The field labels of a kind without a conversion func of its own. */
export const DEFAULT_FIELD_LABELS: FieldLabels = { supported: ['metadata.name', 'metadata.namespace'], custom: false };
