/**
 * `-w fields`: one `"Name" : value` line per field, strings in Go's %q quoting, for scripts that
 * grep a field. Keys and values always print as text here (etcdctl ignores --hex in this format).
 */
import { goDuration, goQuote } from './go-format';
import { ALARM_NAMES, type GetOptions, type Output, type Printer } from './printer';
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
  WireHeader,
  WireKeyValue,
} from './wire';

export class FieldsPrinter implements Printer {
  constructor(private readonly io: Output) {}

  private f(name: string, value: string | number | boolean): void {
    this.io.out(`"${name}" : ${value}\n`);
  }

  private hdr(h: WireHeader | null): void {
    this.f('ClusterID', h?.cluster_id ?? '0');
    this.f('MemberID', h?.member_id ?? '0');
    this.f('Revision', h?.revision ?? '0');
    this.f('RaftTerm', h?.raft_term ?? '0');
  }

  private kv(kv: WireKeyValue, prefix = ''): void {
    this.f(`${prefix}Key`, goQuote(kv.key));
    this.f(`${prefix}CreateRevision`, kv.create_revision);
    this.f(`${prefix}ModRevision`, kv.mod_revision);
    this.f(`${prefix}Version`, kv.version);
    this.f(`${prefix}Value`, goQuote(kv.value));
    this.f(`${prefix}Lease`, kv.lease);
  }

  get(r: RangeResponse, _o: GetOptions): void {
    this.hdr(r.header);
    for (const kv of r.kvs) this.kv(kv);
    this.f('More', r.more);
    this.f('Count', r.count);
  }

  put(r: PutResponse): void {
    this.hdr(r.header);
    if (r.prev_kv) this.kv(r.prev_kv, 'Prev');
  }

  del(r: DeleteRangeResponse): void {
    this.hdr(r.header);
    this.f('Deleted', r.deleted);
    for (const kv of r.prev_kvs) this.kv(kv, 'Prev');
  }

  watch(r: WatchResponse): void {
    for (const e of r.events) {
      this.hdr(r.header);
      this.f('Type', e.type === 1 ? 'DELETE' : 'PUT');
      if (e.prev_kv) this.kv(e.prev_kv, 'Prev');
      if (e.kv) this.kv(e.kv);
    }
  }

  leaseGrant(r: LeaseGrantResponse): void {
    this.hdr(r.header);
    this.f('ID', r.ID);
    this.f('TTL', r.TTL);
  }

  leaseRevoke(_id: string, r: LeaseRevokeResponse): void {
    this.hdr(r.header);
  }

  timeToLive(r: LeaseTimeToLiveResponse): void {
    this.hdr(r.header);
    this.f('ID', r.ID);
    this.f('TTL', r.TTL);
    this.f('GrantedTTL', r.grantedTTL);
    for (const k of r.keys) this.f('Key', goQuote(k));
  }

  keepAlive(r: LeaseKeepAliveResponse): void {
    this.hdr(r.header);
    this.f('ID', r.ID);
    this.f('TTL', r.TTL);
  }

  leases(r: LeaseLeasesResponse): void {
    this.hdr(r.header);
    for (const l of r.leases) this.f('ID', l.ID);
  }

  memberList(r: MemberListResponse): void {
    this.hdr(r.header);
    for (const m of r.members) {
      this.f('ID', m.ID);
      this.f('Name', goQuote(m.name));
      for (const u of m.peerURLs) this.f('PeerURL', goQuote(u));
      for (const u of m.clientURLs) this.f('ClientURL', goQuote(u));
      this.f('IsLearner', m.isLearner);
      this.io.out('\n');
    }
  }

  endpointStatus(rows: EndpointStatus[]): void {
    for (const { endpoint, status: s } of rows) {
      this.hdr(s.header);
      this.f('Version', goQuote(s.version));
      this.f('DBSize', s.dbSize);
      this.f('Leader', s.leader);
      this.f('IsLearner', s.isLearner);
      this.f('RaftIndex', s.raftIndex);
      this.f('RaftTerm', s.raftTerm);
      this.f('RaftAppliedIndex', s.raftAppliedIndex);
      this.f('Errors', `[${s.errors.join(' ')}]`);
      this.f('Endpoint', goQuote(endpoint));
      this.io.out('\n');
    }
  }

  endpointHealth(rows: EndpointHealth[]): void {
    for (const h of rows) {
      this.f('Endpoint', goQuote(h.endpoint));
      this.f('Health', h.health);
      this.f('Took', goDuration(h.tookNs));
      this.f('Error', h.error);
      this.io.out('\n');
    }
  }

  endpointHashKV(rows: EndpointHashKV[]): void {
    for (const r of rows) {
      this.hdr(r.hashKV.header);
      this.f('Endpoint', goQuote(r.endpoint));
      this.f('Hash', r.hashKV.hash);
      this.io.out('\n');
    }
  }

  alarms(r: AlarmResponse): void {
    this.hdr(r.header);
    for (const a of r.alarms) {
      this.f('MemberID', a.memberID);
      this.f('Alarm', ALARM_NAMES[a.alarm] ?? String(a.alarm));
    }
  }

  snapshotStatus(s: SnapshotStatus): void {
    this.f('Hash', s.hash);
    this.f('Revision', s.revision);
    this.f('Keys', s.totalKey);
    this.f('Size', s.totalSize);
  }
}
