/** `-w simple`, etcdctl's default: plain lines, keys and values as they are (or `\x..` with --hex). */
import { goDuration, hexEscape, hexId, hexLease, humanizeBytes } from './go-format';
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
  LeaseTimeToLiveResponse,
  MemberListResponse,
  PutResponse,
  RangeResponse,
  SnapshotStatus,
  WatchResponse,
  WireKeyValue,
} from './wire';

export class SimplePrinter implements Printer {
  constructor(
    private readonly io: Output,
    private readonly hex: boolean,
  ) {}

  private bytes(b: Uint8Array): string {
    return this.hex ? hexEscape(b) : Buffer.from(b).toString('utf8');
  }

  /** Key line, then value line (empty with --keys-only, which asks the server for no values). */
  private kv(kv: WireKeyValue, printValueOnly = false): void {
    if (!printValueOnly) this.io.out(`${this.bytes(kv.key)}\n`);
    this.io.out(`${this.bytes(kv.value)}\n`);
  }

  get(r: RangeResponse, o: GetOptions): void {
    for (const kv of r.kvs) this.kv(kv, o.printValueOnly);
  }

  put(r: PutResponse): void {
    this.io.out('OK\n');
    if (r.prev_kv) this.kv(r.prev_kv);
  }

  del(r: DeleteRangeResponse): void {
    this.io.out(`${r.deleted}\n`);
    for (const kv of r.prev_kvs) this.kv(kv);
  }

  watch(r: WatchResponse): void {
    for (const e of r.events) {
      this.io.out(e.type === 1 ? 'DELETE\n' : 'PUT\n');
      if (e.prev_kv) this.kv(e.prev_kv);
      if (e.kv) this.kv(e.kv);
    }
  }

  leaseGrant(r: LeaseGrantResponse): void {
    this.io.out(`lease ${hexLease(r.ID)} granted with TTL(${r.TTL}s)\n`);
  }

  leaseRevoke(id: string): void {
    this.io.out(`lease ${hexLease(id)} revoked\n`);
  }

  timeToLive(r: LeaseTimeToLiveResponse, keys: boolean): void {
    if (r.grantedTTL === '0' && r.TTL === '-1') {
      this.io.out(`lease ${hexLease(r.ID)} already expired\n`);
      return;
    }
    let line = `lease ${hexLease(r.ID)} granted with TTL(${r.grantedTTL}s), remaining(${r.TTL}s)`;
    if (keys) line += `, attached keys([${r.keys.map((k) => Buffer.from(k).toString('utf8')).join(' ')}])`;
    this.io.out(`${line}\n`);
  }

  keepAlive(r: LeaseKeepAliveResponse): void {
    this.io.out(`lease ${hexLease(r.ID)} keepalived with TTL(${r.TTL})\n`);
  }

  leases(r: LeaseLeasesResponse): void {
    this.io.out(`found ${r.leases.length} leases\n`);
    for (const l of r.leases) this.io.out(`${hexLease(l.ID)}\n`);
  }

  memberList(r: MemberListResponse): void {
    for (const m of r.members) {
      const status = m.name === '' ? 'unstarted' : 'started';
      this.io.out(`${hexId(m.ID)}, ${status}, ${m.name}, ${m.peerURLs.join(',')}, ${m.clientURLs.join(',')}, ${m.isLearner}\n`);
    }
  }

  endpointStatus(rows: EndpointStatus[]): void {
    for (const { endpoint, status: s } of rows) {
      const id = s.header?.member_id ?? '0';
      this.io.out(`${endpoint}, ${hexId(id)}, ${s.version}, ${humanizeBytes(Number(s.dbSize))}, ${s.leader === id}, ${s.isLearner}, ${s.raftTerm}, ${s.raftIndex}, ${s.raftAppliedIndex}, ${s.errors.join(', ')}\n`);
    }
  }

  /** etcdctl writes these lines on stderr. */
  endpointHealth(rows: EndpointHealth[]): void {
    for (const h of rows) {
      if (h.health) this.io.err(`${h.endpoint} is healthy: successfully committed proposal: took = ${goDuration(h.tookNs)}\n`);
      else this.io.err(`${h.endpoint} is unhealthy: failed to commit proposal: ${h.error}\n`);
    }
  }

  endpointHashKV(rows: EndpointHashKV[]): void {
    for (const r of rows) this.io.out(`${r.endpoint}, ${r.hashKV.hash}\n`);
  }

  alarms(r: AlarmResponse): void {
    for (const a of r.alarms) this.io.out(`memberID:${a.memberID} alarm:${ALARM_NAMES[a.alarm] ?? a.alarm} \n`);
  }

  snapshotStatus(s: SnapshotStatus): void {
    this.io.out(`${s.hash.toString(16)}, ${s.revision}, ${s.totalKey}, ${humanizeBytes(s.totalSize)}\n`);
  }
}
