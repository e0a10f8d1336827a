/**
 * What the Events view shows for a core/v1 Event, with the times kubectl's printer uses: LAST
 * SEEN is series.lastObservedTime, else lastTimestamp, else eventTime (events.k8s.io writers
 * fill only that), else creation; COUNT is series.count, else count, at least 1.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { parseTime } from './duration';

export interface EventRow {
  key: string;
  namespace: string;
  /** ms; NaN when the event carries no time at all. */
  lastSeen: number;
  firstSeen: number;
  type: string;
  reason: string;
  /** The involved object as Kind/name (`ReplicaSet/web-5d4f8`). */
  object: string;
  /** Subobject, e.g. `spec.containers{app}`. */
  fieldPath: string;
  message: string;
  count: number;
  /** The reporting component (and host): `kubelet, worker-1`. */
  source: string;
}

const cache = new WeakMap<Event, EventRow>();

function firstFinite(...values: number[]): number {
  for (const v of values) if (Number.isFinite(v)) return v;
  return NaN;
}

export function eventRow(ev: Event, key: string): EventRow {
  const cached = cache.get(ev);
  if (cached && cached.key === key) return cached;
  const created = parseTime(ev.metadata?.creationTimestamp);
  const eventTime = parseTime(ev.eventTime);
  const firstSeen = firstFinite(parseTime(ev.firstTimestamp), eventTime, created);
  const lastSeen = firstFinite(parseTime(ev.series?.lastObservedTime), parseTime(ev.lastTimestamp), eventTime, firstSeen);
  const count = ev.series?.count ?? ev.count ?? 0;
  const io = ev.involvedObject;
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  const row: EventRow = {
    key,
    namespace: ev.metadata?.namespace ?? '',
    lastSeen,
    firstSeen,
    type: ev.type ?? '',
    reason: ev.reason ?? '',
    object: io?.name ? `${io.kind ?? ''}/${io.name}` : (io?.kind ?? ''),
    fieldPath: io?.fieldPath ?? '',
    message: (ev.message ?? '').trim(),
    count: Math.max(1, count),
    source: host ? `${component}, ${host}` : component,
  };
  cache.set(ev, row);
  return row;
}

/** Newest first; events without a time go last; ties by name so the order is stable. */
export function byLastSeenDesc(a: EventRow, b: EventRow): number {
  const ta = Number.isFinite(a.lastSeen) ? a.lastSeen : -Infinity;
  const tb = Number.isFinite(b.lastSeen) ? b.lastSeen : -Infinity;
  if (ta !== tb) return tb - ta;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export interface EventFilter {
  namespace: string | null;
  /** 'Normal', 'Warning', or null for both. */
  type: string | null;
  /** Lower-cased text looked for in reason, object and message. */
  search: string;
}

export function eventMatches(row: EventRow, f: EventFilter): boolean {
  if (f.namespace && row.namespace !== f.namespace) return false;
  if (f.type && row.type !== f.type) return false;
  if (!f.search) return true;
  return (
    row.reason.toLowerCase().includes(f.search) ||
    row.object.toLowerCase().includes(f.search) ||
    row.message.toLowerCase().includes(f.search)
  );
}
