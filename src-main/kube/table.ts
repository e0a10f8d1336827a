/**
 * Server-side printing: objects as a meta.k8s.io/v1 Table, the way kube-apiserver answers
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (rows carry PartialObjectMetadata
 * unless includeObject says otherwise).
 */
import type { KubeObject, ObjectMeta } from './object';
import { parseTime } from './object';
import type { ResourceType } from './resource-type';
import { humanDuration } from '../common/human-duration';

export { humanDuration } from '../common/human-duration';

export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`. */
  type: string;
  /** `name` for the column kubectl prefixes with `kind/` when several kinds print together. */
  format: string;
  description: string;
  /** 0 shows always; 1 and up only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** null when the client asked for no headers (watch events after the first may omit them). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** What each row's `object` holds; default Metadata (PartialObjectMetadata). */
  includeObject?: IncludeObject;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** Leave columnDefinitions out (TableOptions.NoHeaders). */
  noHeaders?: boolean;
}

export function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** The column every kind starts with. */
export function nameColumn(): TableColumnDefinition {
  return column('Name', 'string', 'Name must be unique within a namespace; clients may ask the server to generate one. Cannot be updated.', 0, 'name');
}

/** The Age column (`creationTimestamp`). */
export function ageColumn(): TableColumnDefinition {
  return column('Age', 'string', 'When the object was created, as a timestamp the server sets (RFC 3339, UTC).');
}

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** translateTimestampSince: the age of an RFC 3339 timestamp at `now`, `<unknown>` when unset. */
export function timestampSince(ts: unknown, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  switch (include) {
    case 'None':
      return undefined;
    case 'Object':
      return obj;
    default:
      return partialObjectMetadata(obj);
  }
}

/** Prints `objs` (already carrying kind/apiVersion) as a Table of `rt`'s columns. */
export function toTable(rt: ResourceType, objs: readonly KubeObject[], now: number, opts: TableOptions = {}): Table {
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined && opts.remainingItemCount !== null) metadata.remainingItemCount = opts.remainingItemCount;
  const rows = objs.map((obj) => {
    const row: TableRow = { cells: rt.row(obj, now) };
    const conditions = rt.rowConditions?.(obj);
    if (conditions && conditions.length > 0) row.conditions = conditions;
    const object = rowObject(obj, opts.includeObject ?? 'Metadata');
    if (object !== undefined) row.object = object;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? null : rt.columns,
    rows,
  };
}
