/**
 * The v3 API messages etcdctl reads, as @grpc/proto-loader hands them over with the options the
 * store's proto module uses (keepCase, 64-bit integers as decimal strings, enums as numbers,
 * defaults filled in). Absent message fields arrive as null.
 */

export type Int64 = string;

export interface WireHeader {
  cluster_id: Int64;
  member_id: Int64;
  revision: Int64;
  raft_term: Int64;
}

export interface WireKeyValue {
  key: Buffer;
  create_revision: Int64;
  mod_revision: Int64;
  version: Int64;
  value: Buffer;
  lease: Int64;
}

export interface RangeResponse {
  header: WireHeader | null;
  kvs: WireKeyValue[];
  more: boolean;
  count: Int64;
}

export interface PutResponse {
  header: WireHeader | null;
  prev_kv: WireKeyValue | null;
}

export interface DeleteRangeResponse {
  header: WireHeader | null;
  deleted: Int64;
  prev_kvs: WireKeyValue[];
}

export interface CompactionResponse {
  header: WireHeader | null;
}

export interface WireEvent {
  /** 0 PUT, 1 DELETE. */
  type: number;
  kv: WireKeyValue | null;
  prev_kv: WireKeyValue | null;
}

export interface WatchResponse {
  header: WireHeader | null;
  watch_id: Int64;
  created: boolean;
  canceled: boolean;
  compact_revision: Int64;
  cancel_reason: string;
  events: WireEvent[];
}

export interface LeaseGrantResponse {
  header: WireHeader | null;
  ID: Int64;
  TTL: Int64;
  error: string;
}

export interface LeaseRevokeResponse {
  header: WireHeader | null;
}

export interface LeaseKeepAliveResponse {
  header: WireHeader | null;
  ID: Int64;
  TTL: Int64;
}

export interface LeaseTimeToLiveResponse {
  header: WireHeader | null;
  ID: Int64;
  TTL: Int64;
  grantedTTL: Int64;
  keys: Buffer[];
}

export interface LeaseLeasesResponse {
  header: WireHeader | null;
  leases: { ID: Int64 }[];
}

export interface WireMember {
  ID: Int64;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
  isLearner: boolean;
}

export interface MemberListResponse {
  header: WireHeader | null;
  members: WireMember[];
}

export interface StatusResponse {
  header: WireHeader | null;
  version: string;
  dbSize: Int64;
  leader: Int64;
  raftIndex: Int64;
  raftTerm: Int64;
  raftAppliedIndex: Int64;
  errors: string[];
  dbSizeInUse: Int64;
  isLearner: boolean;
}

export interface HashKVResponse {
  header: WireHeader | null;
  hash: number;
  compact_revision: Int64;
}

export interface AlarmMember {
  memberID: Int64;
  /** 0 NONE, 1 NOSPACE, 2 CORRUPT. */
  alarm: number;
}

export interface AlarmResponse {
  header: WireHeader | null;
  alarms: AlarmMember[];
}

export interface DefragmentResponse {
  header: WireHeader | null;
}

export interface SnapshotResponse {
  header: WireHeader | null;
  remaining_bytes: Int64;
  blob: Buffer;
}

/** One row of `endpoint status`. */
export interface EndpointStatus {
  endpoint: string;
  status: StatusResponse;
}

/** One row of `endpoint health`. */
export interface EndpointHealth {
  endpoint: string;
  health: boolean;
  /** Nanoseconds. */
  tookNs: number;
  error: string;
}

/** One row of `endpoint hashkv`. */
export interface EndpointHashKV {
  endpoint: string;
  hashKV: HashKVResponse;
}

/** What `snapshot status` reports about a file. */
export interface SnapshotStatus {
  hash: number;
  revision: number;
  totalKey: number;
  totalSize: number;
}
