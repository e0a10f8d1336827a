/**
 * etcd's transaction semantics (server/etcdserver/txn.go): every compare along the chosen path
 * (nested transactions included) is evaluated against the state before the transaction; the
 * ranges on that path are checked against compaction up front, so a failing transaction changes
 * nothing; then the operations run in order, reads seeing earlier writes of the same transaction,
 * and all writes share one revision. Every header in the response carries the final revision.
 */
import type { Compare, DeleteRangeRequest, PutRequest, RangeRequest, RangeResponse, ResponseOp, TxnRequest, TxnResponse } from '../kv';
import { keySpan, type KeySpan } from './key-span';
import { EMPTY_VALUE, type Rev } from './rev';

/** A write in progress: all its changes get `revision`. */
export interface WriteBatch {
  readonly revision: number;
  readonly changes: Rev[];
}

/** The primitives a transaction is made of. */
export interface TxnStore {
  beginWrite(): WriteBatch;
  endWrite(w: WriteBatch): number;
  checkRevision(requested: number, w?: WriteBatch): number;
  rangeIn(w: WriteBatch | undefined, req: RangeRequest): RangeResponse;
  forEachLive(span: KeySpan, visit: (r: Rev) => void): void;
  /** Returns the version it replaced, if the key was live. */
  putIn(w: WriteBatch, req: PutRequest): Rev | undefined;
  /** Returns the versions it deleted. */
  deleteIn(w: WriteBatch, req: DeleteRangeRequest): Rev[];
}

export function runTxn(store: TxnStore, req: TxnRequest): TxnResponse {
  const path: boolean[] = [];
  choosePath(store, req, path);
  checkRanges(store, req, path, { i: 0 });
  const w = store.beginWrite();
  const resp = execute(store, w, req, path, { i: 0 });
  const revision = store.endWrite(w);
  setRevision(resp, revision);
  return resp;
}

function branch(req: TxnRequest, ok: boolean): TxnRequest['success'] {
  return ok ? req.success : req.failure;
}

function choosePath(store: TxnStore, req: TxnRequest, path: boolean[]): void {
  const ok = req.compare.every((c) => applyCompare(store, c));
  path.push(ok);
  for (const op of branch(req, ok)) {
    if ('requestTxn' in op) choosePath(store, op.requestTxn, path);
  }
}

function checkRanges(store: TxnStore, req: TxnRequest, path: boolean[], cursor: { i: number }): void {
  for (const op of branch(req, path[cursor.i++])) {
    if ('requestRange' in op) store.checkRevision(op.requestRange.revision ?? 0);
    else if ('requestTxn' in op) checkRanges(store, op.requestTxn, path, cursor);
  }
}

function execute(store: TxnStore, w: WriteBatch, req: TxnRequest, path: boolean[], cursor: { i: number }): TxnResponse {
  const ok = path[cursor.i++];
  const responses: ResponseOp[] = [];
  for (const op of branch(req, ok)) {
    if ('requestRange' in op) {
      responses.push({ responseRange: store.rangeIn(w, op.requestRange) });
    } else if ('requestPut' in op) {
      const prev = store.putIn(w, op.requestPut);
      const header = { revision: 0 };
      responses.push({ responsePut: op.requestPut.prevKv && prev ? { header, prevKv: prev.toKeyValue() } : { header } });
    } else if ('requestDeleteRange' in op) {
      const deleted = store.deleteIn(w, op.requestDeleteRange);
      const prevKvs = op.requestDeleteRange.prevKv ? deleted.map((r) => r.toKeyValue()) : [];
      responses.push({ responseDeleteRange: { header: { revision: 0 }, deleted: deleted.length, prevKvs } });
    } else {
      responses.push({ responseTxn: execute(store, w, op.requestTxn, path, cursor) });
    }
  }
  return { header: { revision: 0 }, succeeded: ok, responses };
}

function setRevision(resp: TxnResponse, revision: number): void {
  resp.header.revision = revision;
  for (const r of resp.responses) {
    if ('responseRange' in r) r.responseRange.header.revision = revision;
    else if ('responsePut' in r) r.responsePut.header.revision = revision;
    else if ('responseDeleteRange' in r) r.responseDeleteRange.header.revision = revision;
    else setRevision(r.responseTxn, revision);
  }
}

/**
 * A compare holds when it holds for every key in its range. With no key there, it is evaluated
 * against a missing key (version, revisions and lease 0), except VALUE, which then always fails.
 */
export function applyCompare(store: TxnStore, c: Compare): boolean {
  let any = false;
  let ok = true;
  store.forEachLive(keySpan(c.key, c.rangeEnd), (r) => {
    any = true;
    if (ok && !compareKv(c, r)) ok = false;
  });
  if (!any) return c.target === 'VALUE' ? false : compareKv(c, undefined);
  return ok;
}

function compareKv(c: Compare, r: Rev | undefined): boolean {
  let cmp: number;
  switch (c.target) {
    case 'VALUE':
      cmp = compareBytes(r?.value ?? EMPTY_VALUE, c.value ?? EMPTY_VALUE);
      break;
    case 'VERSION':
      cmp = Math.sign((r?.version ?? 0) - (c.version ?? 0));
      break;
    case 'CREATE':
      cmp = Math.sign((r?.createRevision ?? 0) - (c.createRevision ?? 0));
      break;
    case 'MOD':
      cmp = Math.sign((r?.modRevision ?? 0) - (c.modRevision ?? 0));
      break;
    case 'LEASE':
      cmp = Math.sign((r?.lease ?? 0) - (c.lease ?? 0));
      break;
  }
  switch (c.result) {
    case 'EQUAL':
      return cmp === 0;
    case 'NOT_EQUAL':
      return cmp !== 0;
    case 'GREATER':
      return cmp > 0;
    case 'LESS':
      return cmp < 0;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}
