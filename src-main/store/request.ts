/**
 * The writes a member logs before applying them: the WAL's (and later Raft's) entry payloads.
 * Reads never enter the log.
 */
import type { DeleteRangeRequest, PutRequest, TxnRequest } from './kv';

export type StoreRequest =
  | { put: PutRequest }
  | { deleteRange: DeleteRangeRequest }
  | { txn: TxnRequest }
  | { compaction: { revision: number } };
