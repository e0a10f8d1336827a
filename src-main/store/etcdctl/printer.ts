/**
 * What every output format (`-w simple|json|fields|table`) prints for each response, and the
 * factory that picks one. Formats that cannot show a response refuse as etcdctl does.
 */
import { EtcdctlError, ExitCode } from './errors';
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
} from './wire';

/** Where a command writes: stdout and stderr as strings. */
export interface Output {
  out(s: string | Uint8Array): void;
  err(s: string): void;
}

export interface GetOptions {
  keysOnly: boolean;
  printValueOnly: boolean;
}

export interface Printer {
  get(r: RangeResponse, o: GetOptions): void;
  put(r: PutResponse): void;
  del(r: DeleteRangeResponse): void;
  watch(r: WatchResponse): void;
  leaseGrant(r: LeaseGrantResponse): void;
  leaseRevoke(id: string, r: LeaseRevokeResponse): void;
  timeToLive(r: LeaseTimeToLiveResponse, keys: boolean): void;
  keepAlive(r: LeaseKeepAliveResponse): void;
  leases(r: LeaseLeasesResponse): void;
  memberList(r: MemberListResponse): void;
  endpointStatus(rows: EndpointStatus[]): void;
  endpointHealth(rows: EndpointHealth[]): void;
  endpointHashKV(rows: EndpointHashKV[]): void;
  alarms(r: AlarmResponse): void;
  snapshotStatus(s: SnapshotStatus): void;
}

export const OUTPUT_FORMATS = ['simple', 'json', 'fields', 'table', 'protobuf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(s: string): s is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(s);
}

/** etcdctl's refusal for a response a format has no layout for. */
export function notSupported(format: string): never {
  throw new EtcdctlError(`${format} not supported as output format`, ExitCode.BadFeature);
}

/** The upper-case names of the alarm types (etcd's AlarmType enum). */
export const ALARM_NAMES = ['NONE', 'NOSPACE', 'CORRUPT'];
