/**
 * `-w protobuf`: the response message in protobuf wire format on stdout, serialized by the same
 * definitions the server uses. Like etcdctl, only responses that are single wire messages qualify.
 */
import type { MethodDefinition } from '@grpc/grpc-js';
import { service } from '../etcd-api/proto';
import type { ServiceName } from './client';
import { notSupported, type Output, type Printer } from './printer';
import type { AlarmResponse, DeleteRangeResponse, EndpointHashKV, EndpointStatus, LeaseRevokeResponse, MemberListResponse, PutResponse, RangeResponse, WatchResponse } from './wire';

function encode(svc: ServiceName, method: string, message: object): Buffer {
  const def = service(svc)[method] as MethodDefinition<object, object>;
  return def.responseSerialize(message);
}

export class ProtobufPrinter implements Printer {
  constructor(private readonly io: Output) {}

  get(r: RangeResponse): void {
    this.io.out(encode('KV', 'Range', r));
  }
  put(r: PutResponse): void {
    this.io.out(encode('KV', 'Put', r));
  }
  del(r: DeleteRangeResponse): void {
    this.io.out(encode('KV', 'DeleteRange', r));
  }
  watch(r: WatchResponse): void {
    this.io.out(encode('Watch', 'Watch', r));
  }
  leaseRevoke(_id: string, r: LeaseRevokeResponse): void {
    this.io.out(encode('Lease', 'LeaseRevoke', r));
  }
  memberList(r: MemberListResponse): void {
    this.io.out(encode('Cluster', 'MemberList', r));
  }
  endpointStatus(rows: EndpointStatus[]): void {
    for (const r of rows) this.io.out(encode('Maintenance', 'Status', r.status));
  }
  endpointHashKV(rows: EndpointHashKV[]): void {
    for (const r of rows) this.io.out(encode('Maintenance', 'HashKV', r.hashKV));
  }
  alarms(r: AlarmResponse): void {
    this.io.out(encode('Maintenance', 'Alarm', r));
  }
  leaseGrant(): void {
    notSupported('protobuf');
  }
  timeToLive(): void {
    notSupported('protobuf');
  }
  keepAlive(): void {
    notSupported('protobuf');
  }
  leases(): void {
    notSupported('protobuf');
  }
  endpointHealth(): void {
    notSupported('protobuf');
  }
  snapshotStatus(): void {
    notSupported('protobuf');
  }
}
