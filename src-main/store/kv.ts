/**
 * The etcd-style key-value contract every store member implements (single member now, Raft
 * members later). Shapes and names follow etcd's v3 API (etcdserverpb / mvccpb), camelCased as in
 * etcd's JSON gateway, so the gRPC and HTTP front ends map onto it one to one.
 *
 * Keys are strings compared by UTF-16 code unit, which for the ASCII keys Kubernetes writes is
 * etcd's byte order. Values are bytes.
 */

export interface ResponseHeader {
  /** The store's revision when the request was applied (for reads: the revision read at). */
  revision: number;
}

export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** Revision of the last creation of this key (a delete followed by a put starts a new life). */
  createRevision: number;
  /** Revision of the last modification. */
  modRevision: number;
  /** Number of modifications since creation; 1 after creation. */
  version: number;
  /** Lease ID attached to the key, 0 for none. */
  lease: number;
}

export interface RangeRequest {
  key: string;
  /**
   * Exclusive end of the range. Undefined: the single key `key`. '\0': every key >= `key`.
   * Use prefixEnd(prefix) to range over a prefix.
   */
  rangeEnd?: string;
  /** Read at this revision; 0 or undefined for the newest. */
  revision?: number;
  /** At most this many kvs (0 or undefined: no limit). `more` tells whether some were left out. */
  limit?: number;
  keysOnly?: boolean;
  countOnly?: boolean;
}

export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  /** True when `limit` left keys out. */
  more: boolean;
  /** Number of keys in the range at that revision, regardless of limit. */
  count: number;
}

export interface PutRequest {
  key: string;
  value: Uint8Array;
  lease?: number;
  prevKv?: boolean;
}

export interface PutResponse {
  header: ResponseHeader;
  prevKv?: KeyValue;
}

export interface DeleteRangeRequest {
  key: string;
  rangeEnd?: string;
  prevKv?: boolean;
}

export interface DeleteRangeResponse {
  header: ResponseHeader;
  deleted: number;
  prevKvs: KeyValue[];
}

export type CompareTarget = 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';
export type CompareResult = 'EQUAL' | 'GREATER' | 'LESS' | 'NOT_EQUAL';

/** A guard of a transaction. A missing key has version, createRevision, modRevision and lease 0. */
export interface Compare {
  key: string;
  rangeEnd?: string;
  target: CompareTarget;
  result: CompareResult;
  version?: number;
  createRevision?: number;
  modRevision?: number;
  value?: Uint8Array;
  lease?: number;
}

export type RequestOp =
  | { requestRange: RangeRequest }
  | { requestPut: PutRequest }
  | { requestDeleteRange: DeleteRangeRequest }
  | { requestTxn: TxnRequest };

export type ResponseOp =
  | { responseRange: RangeResponse }
  | { responsePut: PutResponse }
  | { responseDeleteRange: DeleteRangeResponse }
  | { responseTxn: TxnResponse };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface CompactionResponse {
  header: ResponseHeader;
}

export interface WatchRequest {
  key: string;
  rangeEnd?: string;
  /** Deliver every change at or after this revision (history first), then live changes. 0 or undefined: from the next revision. */
  startRevision?: number;
  prevKv?: boolean;
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  /** For DELETE: the key with modRevision = the deleting revision, empty value, version 0. */
  kv: KeyValue;
  prevKv?: KeyValue;
}

/**
 * Receives events in revision order. One call carries the events of one or more whole revisions
 * (a transaction's events are never split across calls).
 */
export type WatchListener = (events: WatchEvent[]) => void;

export interface Watcher {
  cancel(): void;
}

/** What a store member offers its clients (the API server's storage layer, the etcd front ends). */
export interface KV {
  range(req: RangeRequest): Promise<RangeResponse>;
  put(req: PutRequest): Promise<PutResponse>;
  deleteRange(req: DeleteRangeRequest): Promise<DeleteRangeResponse>;
  txn(req: TxnRequest): Promise<TxnResponse>;
  /** Discards history before `revision`. Reads and watches below it then fail with ErrCompacted. */
  compact(revision: number): Promise<CompactionResponse>;
  /**
   * Starts a watch. Throws ErrCompacted synchronously when startRevision is at or below the
   * compacted revision. Events are delivered asynchronously, never inside the call that wrote them.
   */
  watch(req: WatchRequest, listener: WatchListener): Watcher;
  /** The newest revision applied. */
  currentRevision(): number;
  /** The revision history has been compacted to (0 if never). */
  compactRevision(): number;
  close(): Promise<void>;
}

/** Exclusive end key covering every key that starts with `prefix` (etcd's GetPrefixRangeEnd). */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return '\0';
}

/** etcd's errors, with etcd's messages. */
export class ErrCompacted extends Error {
  constructor(readonly compactRevision: number) {
    super('mvcc: required revision has been compacted');
    this.name = 'ErrCompacted';
  }
}

export class ErrFutureRev extends Error {
  constructor() {
    super('mvcc: required revision is a future revision');
    this.name = 'ErrFutureRev';
  }
}
