/**
 * Applies one logged request to the keyspace. Deterministic: the same entries in the same order
 * give the same state and the same results, on the first run and on replay after a restart.
 */
import type { CompactionResponse, DeleteRangeResponse, PutResponse, TxnResponse } from './kv';
import type { MvccStore } from './mvcc/mvcc-store';
import type { StoreRequest } from './request';

export type ApplyResult =
  | { put: PutResponse }
  | { deleteRange: DeleteRangeResponse }
  | { txn: TxnResponse }
  | { compaction: CompactionResponse }
  /** The request was logged but failed when applied (ErrCompacted, ErrFutureRev); nothing changed. */
  | { error: Error };

export function applyRequest(mvcc: MvccStore, req: StoreRequest): ApplyResult {
  try {
    if ('put' in req) return { put: mvcc.put(req.put) };
    if ('deleteRange' in req) return { deleteRange: mvcc.deleteRange(req.deleteRange) };
    if ('txn' in req) return { txn: mvcc.txn(req.txn) };
    return { compaction: mvcc.compact(req.compaction.revision) };
  } catch (e) {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }
}
