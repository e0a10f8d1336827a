/**
 * The Maintenance and Cluster services: Status (what `etcdctl endpoint status` prints), alarms,
 * defragmentation, hashes, snapshots streamed in the store's snapshot format with a SHA-256 at
 * the end (as etcd appends one), and the member list.
 */
import { createHash } from 'node:crypto';
import type { sendUnaryData, ServerUnaryCall, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { KV } from '../kv';
import { header, type Int64, type MemberIdentity } from './convert';
import { ALARM_ACTION, ALARM_TYPE, named } from './enums';
import { errNotSupported, toGrpcError } from './errors';
import { ETCD_VERSION, type MemberInfo } from './member-info';

export interface MemberStatus {
  /** Bytes of the backend file, and of it in use (etcd's bbolt pages). */
  dbSize(): Promise<{ size: number; inUse: number }>;
  leader(): string;
  raftIndex(): number;
  raftAppliedIndex(): number;
  /** The snapshot of the whole keyspace, as a stream of byte chunks. */
  snapshot(): Iterable<Buffer>;
  members(): MemberInfo[];
  self: MemberInfo;
}

type Alarm = { memberID: Int64; alarm: (typeof ALARM_TYPE)[number] };

/** CRC-32 (Castagnoli), which etcd's HashKV uses. */
function crc32c(buf: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

export function maintenanceServices(kv: KV, id: MemberIdentity, status: MemberStatus): { maintenance: UntypedServiceImplementation; cluster: UntypedServiceImplementation } {
  const alarms: Alarm[] = [];
  const h = (): Record<string, string> => header(id, kv.currentRevision());
  const wireMember = (m: MemberInfo): Record<string, unknown> => ({ ID: m.id, name: m.name, peerURLs: m.peerURLs, clientURLs: m.clientURLs, isLearner: m.isLearner });
  const maintenance: UntypedServiceImplementation = {
    Status: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => {
      status.dbSize().then(
        (db) =>
          cb(null, {
            header: h(),
            version: ETCD_VERSION,
            dbSize: String(db.size),
            leader: status.leader(),
            raftIndex: String(status.raftIndex()),
            raftTerm: String(id.raftTerm()),
            raftAppliedIndex: String(status.raftAppliedIndex()),
            errors: alarms.map((a) => `memberID:${a.memberID} alarm:${a.alarm} `),
            dbSizeInUse: String(db.inUse),
            isLearner: status.self.isLearner,
          }),
        (e: unknown) => cb(toGrpcError(e)),
      );
    },
    Alarm: (call: ServerUnaryCall<{ action?: number; memberID?: Int64; alarm?: number }, unknown>, cb: sendUnaryData<unknown>) => {
      const r = { action: named(ALARM_ACTION, call.request.action), memberID: call.request.memberID, alarm: named(ALARM_TYPE, call.request.alarm) };
      if (r.action === 'ACTIVATE' && r.alarm && r.alarm !== 'NONE') {
        if (!alarms.some((a) => a.memberID === (r.memberID ?? '') && a.alarm === r.alarm)) alarms.push({ memberID: r.memberID ?? status.self.id, alarm: r.alarm });
      } else if (r.action === 'DEACTIVATE') {
        for (let i = alarms.length - 1; i >= 0; i--) if (alarms[i].alarm === r.alarm && (!r.memberID || r.memberID === '0' || alarms[i].memberID === r.memberID)) alarms.splice(i, 1);
      }
      cb(null, { header: h(), alarms: alarms.map((a) => ({ memberID: a.memberID, alarm: ALARM_TYPE.indexOf(a.alarm) })) });
    },
    Defragment: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(null, { header: h() }),
    Hash: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => {
      kv.range({ key: '\0', rangeEnd: '\0' }).then(
        (res) => {
          let crc = 0;
          for (const x of res.kvs) crc = crc32c(x.value, crc32c(Buffer.from(x.key, 'latin1'), crc));
          cb(null, { header: h(), hash: crc });
        },
        (e: unknown) => cb(toGrpcError(e)),
      );
    },
    HashKV: (call: ServerUnaryCall<{ revision?: Int64 }, unknown>, cb: sendUnaryData<unknown>) => {
      const rev = Number(call.request.revision ?? 0) || kv.currentRevision();
      kv.range({ key: '\0', rangeEnd: '\0', revision: rev }).then(
        (res) => {
          let crc = 0;
          for (const x of res.kvs) crc = crc32c(x.value, crc32c(Buffer.from(x.key, 'latin1'), crc));
          cb(null, { header: h(), hash: crc, compact_revision: String(kv.compactRevision()) });
        },
        (e: unknown) => cb(toGrpcError(e)),
      );
    },
    Snapshot: (call: ServerWritableStream<unknown, unknown>) => {
      try {
        const sha = createHash('sha256');
        const chunks = [...status.snapshot()];
        // etcd's backend file is whole 512-byte pages and etcdctl checks the stream is too
        // (pages + 32 bytes of SHA-256), so the snapshot is zero-padded to a page boundary.
        const size = chunks.reduce((n, c) => n + c.length, 0);
        if (size % 512 !== 0) chunks.push(Buffer.alloc(512 - (size % 512)));
        const total = chunks.reduce((n, c) => n + c.length, 0) + 32;
        let sent = 0;
        for (const c of chunks) {
          sha.update(c);
          sent += c.length;
          call.write({ header: h(), remaining_bytes: String(total - sent), blob: c });
        }
        call.write({ header: h(), remaining_bytes: '0', blob: sha.digest() });
        call.end();
      } catch (e) {
        call.destroy(toGrpcError(e));
      }
    },
    MoveLeader: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(errNotSupported('MoveLeader on a single member')),
  };
  const cluster: UntypedServiceImplementation = {
    MemberList: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(null, { header: h(), members: status.members().map(wireMember) }),
    MemberAdd: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(errNotSupported('MemberAdd')),
    MemberRemove: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(errNotSupported('MemberRemove')),
    MemberUpdate: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(errNotSupported('MemberUpdate')),
    MemberPromote: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => cb(errNotSupported('MemberPromote')),
  };
  return { maintenance, cluster };
}
