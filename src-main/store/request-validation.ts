/**
 * The checks etcd's gRPC layer makes before a request is proposed (api/v3rpc/key.go): keys must be
 * given, a txn has at most 128 operations per list, and no key may be written twice by one txn
 * path (a put may not repeat a put or fall inside a delete of the same txn).
 */
import type { DeleteRangeRequest, PutRequest, RangeRequest, RequestOp, TxnRequest } from './kv';
import { ErrInvalidRequest, MSG_DUPLICATE_KEY, MSG_EMPTY_KEY, MSG_TOO_MANY_OPS } from './errors';
import { inSpan, keySpan, type KeySpan } from './mvcc/key-span';

/** etcd's --max-txn-ops default. */
export const MAX_TXN_OPS = 128;

function requireKey(key: string): void {
  if (key.length === 0) throw new ErrInvalidRequest(MSG_EMPTY_KEY);
}

export function checkRange(r: RangeRequest): void {
  requireKey(r.key);
}

export function checkPut(r: PutRequest): void {
  requireKey(r.key);
}

export function checkDeleteRange(r: DeleteRangeRequest): void {
  requireKey(r.key);
}

function checkOp(op: RequestOp, maxOps: number): void {
  if ('requestRange' in op) checkRange(op.requestRange);
  else if ('requestPut' in op) checkPut(op.requestPut);
  else if ('requestDeleteRange' in op) checkDeleteRange(op.requestDeleteRange);
  else checkTxnShape(op.requestTxn, maxOps);
}

function checkTxnShape(r: TxnRequest, maxOps: number): void {
  const opc = Math.max(r.compare.length, r.success.length, r.failure.length);
  if (opc > maxOps) throw new ErrInvalidRequest(MSG_TOO_MANY_OPS);
  for (const c of r.compare) requireKey(c.key);
  for (const op of r.success) checkOp(op, maxOps - opc);
  for (const op of r.failure) checkOp(op, maxOps - opc);
}

export function checkTxn(r: TxnRequest, maxOps = MAX_TXN_OPS): void {
  checkTxnShape(r, maxOps);
  checkIntervals(r.success);
  checkIntervals(r.failure);
}

/** True when no path of the txn writes (it can then be answered without the log). */
export function isReadOnlyTxn(r: TxnRequest): boolean {
  const ro = (ops: RequestOp[]): boolean => ops.every((op) => 'requestRange' in op || ('requestTxn' in op && isReadOnlyTxn(op.requestTxn)));
  return ro(r.success) && ro(r.failure);
}

/** etcd's checkIntervals: returns the keys put and the spans deleted by these ops. */
function checkIntervals(ops: RequestOp[]): { puts: Set<string>; dels: KeySpan[] } {
  const dels: KeySpan[] = [];
  for (const op of ops) {
    if ('requestDeleteRange' in op) dels.push(keySpan(op.requestDeleteRange.key, op.requestDeleteRange.rangeEnd));
  }
  const deleted = (k: string): boolean => dels.some((d) => inSpan(d, k));
  const puts = new Set<string>();
  for (const op of ops) {
    if (!('requestTxn' in op)) continue;
    const then = checkIntervals(op.requestTxn.success);
    const otherwise = checkIntervals(op.requestTxn.failure);
    for (const k of then.puts) {
      if (puts.has(k) || deleted(k)) throw new ErrInvalidRequest(MSG_DUPLICATE_KEY);
      puts.add(k);
    }
    for (const k of otherwise.puts) {
      // The two branches exclude each other, so the same key in both is fine.
      if ((puts.has(k) && !then.puts.has(k)) || deleted(k)) throw new ErrInvalidRequest(MSG_DUPLICATE_KEY);
      puts.add(k);
    }
    dels.push(...then.dels, ...otherwise.dels);
  }
  for (const op of ops) {
    if (!('requestPut' in op)) continue;
    const k = op.requestPut.key;
    if (puts.has(k) || deleted(k)) throw new ErrInvalidRequest(MSG_DUPLICATE_KEY);
    puts.add(k);
  }
  return { puts, dels };
}
