/**
 * `-w json`: what etcdctl's encoding/json makes of the responses. Field names and order follow
 * the Go structs, default values are left out (omitempty), 64-bit integers are bare numbers
 * (IDs exceed 2^53, so they are copied as digits, never through a JS number), bytes are base64.
 */
import { goDuration } from './go-format';
import type { GetOptions, Output, Printer } from './printer';
import type {
  AlarmResponse,
  DeleteRangeResponse,
  EndpointHashKV,
  EndpointHealth,
  EndpointStatus,
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseRevokeResponse,
  LeaseTimeToLiveResponse,
  MemberListResponse,
  PutResponse,
  RangeResponse,
  SnapshotStatus,
  WatchResponse,
  WireEvent,
  WireHeader,
  WireKeyValue,
} from './wire';

/** A rendered JSON value, or undefined to leave the field out. */
type Json = string | undefined;

/** encoding/json's string: also escapes <, > and & (and U+2028/9) as \u00XX. */
export function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function jsonObject(fields: [string, Json][]): string {
  return `{${fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',')}}`;
}

/** omitempty number (digits from the wire). */
const num = (v: string | number | undefined): Json => (v === undefined || v === '0' || v === 0 || v === '' ? undefined : String(v));
const bool = (b: boolean): Json => (b ? 'true' : undefined);
const str = (s: string): Json => (s === '' ? undefined : jsonString(s));
const bytes = (b: Uint8Array | null | undefined): Json => (b && b.length > 0 ? JSON.stringify(Buffer.from(b).toString('base64')) : undefined);
const list = <T>(xs: T[], f: (x: T) => string): Json => (xs.length > 0 ? `[${xs.map(f).join(',')}]` : undefined);

function headerFields(h: WireHeader | null): [string, Json][] {
  return [
    ['cluster_id', num(h?.cluster_id)],
    ['member_id', num(h?.member_id)],
    ['revision', num(h?.revision)],
    ['raft_term', num(h?.raft_term)],
  ];
}

const header = (h: WireHeader | null): Json => (h ? jsonObject(headerFields(h)) : undefined);

export function kvJson(kv: WireKeyValue): string {
  return jsonObject([
    ['key', bytes(kv.key)],
    ['create_revision', num(kv.create_revision)],
    ['mod_revision', num(kv.mod_revision)],
    ['version', num(kv.version)],
    ['value', bytes(kv.value)],
    ['lease', num(kv.lease)],
  ]);
}

function eventJson(e: WireEvent): string {
  return jsonObject([
    ['type', num(e.type)],
    ['kv', e.kv ? kvJson(e.kv) : undefined],
    ['prev_kv', e.prev_kv ? kvJson(e.prev_kv) : undefined],
  ]);
}

export class JsonPrinter implements Printer {
  constructor(private readonly io: Output) {}

  private line(json: string): void {
    this.io.out(`${json}\n`);
  }

  get(r: RangeResponse, _o: GetOptions): void {
    this.line(
      jsonObject([
        ['header', header(r.header)],
        ['kvs', list(r.kvs, kvJson)],
        ['more', bool(r.more)],
        ['count', num(r.count)],
      ]),
    );
  }

  put(r: PutResponse): void {
    this.line(jsonObject([['header', header(r.header)], ['prev_kv', r.prev_kv ? kvJson(r.prev_kv) : undefined]]));
  }

  del(r: DeleteRangeResponse): void {
    this.line(jsonObject([['header', header(r.header)], ['deleted', num(r.deleted)], ['prev_kvs', list(r.prev_kvs, kvJson)]]));
  }

  /** etcd's client-side WatchResponse struct, not the wire message. */
  watch(r: WatchResponse): void {
    this.line(
      jsonObject([
        ['Header', jsonObject(headerFields(r.header))],
        ['Events', r.events.length > 0 ? `[${r.events.map(eventJson).join(',')}]` : 'null'],
        ['CompactRevision', r.compact_revision || '0'],
        ['Canceled', String(r.canceled)],
        ['Created', String(r.created)],
      ]),
    );
  }

  leaseGrant(r: LeaseGrantResponse): void {
    this.line(jsonObject([...headerFields(r.header), ['ID', r.ID], ['TTL', r.TTL], ['Error', jsonString(r.error)]]));
  }

  leaseRevoke(_id: string, r: LeaseRevokeResponse): void {
    this.line(jsonObject([['header', header(r.header)]]));
  }

  timeToLive(r: LeaseTimeToLiveResponse): void {
    const keys = r.keys.length > 0 ? `[${r.keys.map((k) => JSON.stringify(Buffer.from(k).toString('base64'))).join(',')}]` : 'null';
    this.line(jsonObject([...headerFields(r.header), ['id', r.ID], ['ttl', r.TTL], ['granted-ttl', r.grantedTTL], ['keys', keys]]));
  }

  keepAlive(r: LeaseKeepAliveResponse): void {
    this.line(jsonObject([...headerFields(r.header), ['ID', r.ID], ['TTL', r.TTL]]));
  }

  leases(r: LeaseLeasesResponse): void {
    this.line(jsonObject([...headerFields(r.header), ['leases', `[${r.leases.map((l) => jsonObject([['id', l.ID]])).join(',')}]`]]));
  }

  memberList(r: MemberListResponse): void {
    const member = (m: MemberListResponse['members'][number]): string =>
      jsonObject([
        ['ID', num(m.ID)],
        ['name', str(m.name)],
        ['peerURLs', list(m.peerURLs, jsonString)],
        ['clientURLs', list(m.clientURLs, jsonString)],
        ['isLearner', bool(m.isLearner)],
      ]);
    this.line(jsonObject([['header', header(r.header)], ['members', list(r.members, member)]]));
  }

  endpointStatus(rows: EndpointStatus[]): void {
    const status = (s: EndpointStatus['status']): string =>
      jsonObject([
        ['header', header(s.header)],
        ['version', str(s.version)],
        ['dbSize', num(s.dbSize)],
        ['leader', num(s.leader)],
        ['raftIndex', num(s.raftIndex)],
        ['raftTerm', num(s.raftTerm)],
        ['raftAppliedIndex', num(s.raftAppliedIndex)],
        ['errors', list(s.errors, jsonString)],
        ['dbSizeInUse', num(s.dbSizeInUse)],
        ['isLearner', bool(s.isLearner)],
      ]);
    this.line(rows.length === 0 ? 'null' : `[${rows.map((r) => jsonObject([['Endpoint', jsonString(r.endpoint)], ['Status', status(r.status)]])).join(',')}]`);
  }

  endpointHealth(rows: EndpointHealth[]): void {
    const row = (h: EndpointHealth): string =>
      jsonObject([
        ['endpoint', jsonString(h.endpoint)],
        ['health', String(h.health)],
        ['took', jsonString(goDuration(h.tookNs))],
        ['error', str(h.error)],
      ]);
    this.line(rows.length === 0 ? 'null' : `[${rows.map(row).join(',')}]`);
  }

  endpointHashKV(rows: EndpointHashKV[]): void {
    const hash = (h: EndpointHashKV['hashKV']): string =>
      jsonObject([
        ['header', header(h.header)],
        ['hash', num(h.hash)],
        ['compact_revision', num(h.compact_revision)],
      ]);
    this.line(rows.length === 0 ? 'null' : `[${rows.map((r) => jsonObject([['Endpoint', jsonString(r.endpoint)], ['HashKV', hash(r.hashKV)]])).join(',')}]`);
  }

  alarms(r: AlarmResponse): void {
    const alarm = (a: AlarmResponse['alarms'][number]): string => jsonObject([['memberID', num(a.memberID)], ['alarm', num(a.alarm)]]);
    this.line(jsonObject([['header', header(r.header)], ['alarms', list(r.alarms, alarm)]]));
  }

  snapshotStatus(s: SnapshotStatus): void {
    this.line(jsonObject([['hash', String(s.hash)], ['revision', String(s.revision)], ['totalKey', String(s.totalKey)], ['totalSize', String(s.totalSize)]]));
  }
}
