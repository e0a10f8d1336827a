/**
 * `-w table`: the five listings etcdctl draws as tables (member list, endpoint status / health /
 * hashkv, snapshot status); every other response is refused with etcdctl's message.
 */
import { goDuration, hexId, humanizeBytes } from './go-format';
import { notSupported, type Output, type Printer } from './printer';
import { renderTable } from './table-writer';
import type { EndpointHashKV, EndpointHealth, EndpointStatus, MemberListResponse, SnapshotStatus } from './wire';

export class TablePrinter implements Printer {
  constructor(private readonly io: Output) {}

  get(): void {
    notSupported('table');
  }
  put(): void {
    notSupported('table');
  }
  del(): void {
    notSupported('table');
  }
  watch(): void {
    notSupported('table');
  }
  leaseGrant(): void {
    notSupported('table');
  }
  leaseRevoke(): void {
    notSupported('table');
  }
  timeToLive(): void {
    notSupported('table');
  }
  keepAlive(): void {
    notSupported('table');
  }
  leases(): void {
    notSupported('table');
  }
  alarms(): void {
    notSupported('table');
  }

  memberList(r: MemberListResponse): void {
    const rows = r.members.map((m) => [hexId(m.ID), m.name === '' ? 'unstarted' : 'started', m.name, m.peerURLs.join(','), m.clientURLs.join(','), String(m.isLearner)]);
    this.io.out(renderTable(['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'], rows));
  }

  endpointStatus(rows: EndpointStatus[]): void {
    const cells = rows.map(({ endpoint, status: s }) => {
      const id = s.header?.member_id ?? '0';
      return [endpoint, hexId(id), s.version, humanizeBytes(Number(s.dbSize)), String(s.leader === id), String(s.isLearner), s.raftTerm, s.raftIndex, s.raftAppliedIndex, s.errors.join(', ')];
    });
    this.io.out(renderTable(['endpoint', 'ID', 'version', 'db size', 'is leader', 'is learner', 'raft term', 'raft index', 'raft applied index', 'errors'], cells));
  }

  endpointHealth(rows: EndpointHealth[]): void {
    this.io.out(renderTable(['endpoint', 'health', 'took', 'error'], rows.map((h) => [h.endpoint, String(h.health), goDuration(h.tookNs), h.error])));
  }

  endpointHashKV(rows: EndpointHashKV[]): void {
    this.io.out(renderTable(['endpoint', 'hash'], rows.map((r) => [r.endpoint, String(r.hashKV.hash)])));
  }

  snapshotStatus(s: SnapshotStatus): void {
    this.io.out(renderTable(['hash', 'revision', 'total keys', 'total size'], [[s.hash.toString(16), String(s.revision), String(s.totalKey), humanizeBytes(s.totalSize)]]));
  }
}
