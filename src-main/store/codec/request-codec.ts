/**
 * Binary encoding of StoreRequest, the payload of a log entry. Applying the decoded bytes (not the
 * caller's objects) keeps the state machine a function of the log alone, as Raft will need.
 *
 * Layout: u8 tag, then the fields in a fixed order (see the encode functions). Optional strings
 * carry a u8 presence flag; booleans share one u8 of flags.
 */
import type { Compare, CompareResult, CompareTarget, DeleteRangeRequest, PutRequest, RangeRequest, RequestOp, TxnRequest } from '../kv';
import type { StoreRequest } from '../request';
import { ByteReader, CorruptDataError } from './byte-reader';
import { ByteWriter } from './byte-writer';

const enum Tag {
  Put = 1,
  DeleteRange = 2,
  Txn = 3,
  Compaction = 4,
  Range = 5,
}

const TARGETS: readonly CompareTarget[] = ['VERSION', 'CREATE', 'MOD', 'VALUE', 'LEASE'];
const RESULTS: readonly CompareResult[] = ['EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL'];
const EMPTY = new Uint8Array(0);

export function encodeRequest(req: StoreRequest): Buffer {
  const w = new ByteWriter(estimate(req));
  if ('put' in req) writePut(w, req.put);
  else if ('deleteRange' in req) writeDeleteRange(w, req.deleteRange);
  else if ('txn' in req) writeTxn(w, req.txn);
  else {
    w.u8(Tag.Compaction);
    w.f64(req.compaction.revision);
  }
  return w.finish();
}

export function decodeRequest(data: Uint8Array): StoreRequest {
  const r = new ByteReader(data);
  const tag = r.u8();
  let out: StoreRequest;
  switch (tag) {
    case Tag.Put:
      out = { put: readPut(r) };
      break;
    case Tag.DeleteRange:
      out = { deleteRange: readDeleteRange(r) };
      break;
    case Tag.Txn:
      out = { txn: readTxn(r) };
      break;
    case Tag.Compaction:
      out = { compaction: { revision: r.f64() } };
      break;
    default:
      throw new CorruptDataError(`unknown request tag ${tag}`);
  }
  r.end('request');
  return out;
}

function estimate(req: StoreRequest): number {
  if ('put' in req) return req.put.key.length * 3 + req.put.value.length + 32;
  return 512;
}

function writeOptStr(w: ByteWriter, s: string | undefined): void {
  if (s === undefined || s === '') {
    w.u8(0);
  } else {
    w.u8(1);
    w.str(s);
  }
}

function readOptStr(r: ByteReader): string | undefined {
  return r.u8() === 0 ? undefined : r.str();
}

function writePut(w: ByteWriter, p: PutRequest): void {
  w.u8(Tag.Put);
  w.str(p.key);
  w.bytes(p.value);
  w.f64(p.lease ?? 0);
  w.u8(p.prevKv ? 1 : 0);
}

function readPut(r: ByteReader): PutRequest {
  const key = r.str();
  const value = r.bytes();
  const lease = r.f64();
  const prevKv = r.u8() === 1;
  return { key, value, lease, prevKv };
}

function writeDeleteRange(w: ByteWriter, d: DeleteRangeRequest): void {
  w.u8(Tag.DeleteRange);
  w.str(d.key);
  writeOptStr(w, d.rangeEnd);
  w.u8(d.prevKv ? 1 : 0);
}

function readDeleteRange(r: ByteReader): DeleteRangeRequest {
  const key = r.str();
  const rangeEnd = readOptStr(r);
  const prevKv = r.u8() === 1;
  return { key, rangeEnd, prevKv };
}

function writeRange(w: ByteWriter, q: RangeRequest): void {
  w.u8(Tag.Range);
  w.str(q.key);
  writeOptStr(w, q.rangeEnd);
  w.f64(q.revision ?? 0);
  w.f64(q.limit ?? 0);
  w.u8((q.keysOnly ? 1 : 0) | (q.countOnly ? 2 : 0));
}

function readRange(r: ByteReader): RangeRequest {
  const key = r.str();
  const rangeEnd = readOptStr(r);
  const revision = r.f64();
  const limit = r.f64();
  const flags = r.u8();
  return { key, rangeEnd, revision, limit, keysOnly: (flags & 1) !== 0, countOnly: (flags & 2) !== 0 };
}

function writeCompare(w: ByteWriter, c: Compare): void {
  w.str(c.key);
  writeOptStr(w, c.rangeEnd);
  w.u8(TARGETS.indexOf(c.target));
  w.u8(RESULTS.indexOf(c.result));
  switch (c.target) {
    case 'VERSION':
      w.f64(c.version ?? 0);
      break;
    case 'CREATE':
      w.f64(c.createRevision ?? 0);
      break;
    case 'MOD':
      w.f64(c.modRevision ?? 0);
      break;
    case 'LEASE':
      w.f64(c.lease ?? 0);
      break;
    case 'VALUE':
      w.bytes(c.value ?? EMPTY);
      break;
  }
}

function readCompare(r: ByteReader): Compare {
  const key = r.str();
  const rangeEnd = readOptStr(r);
  const target = TARGETS[r.u8()];
  const result = RESULTS[r.u8()];
  if (target === undefined || result === undefined) throw new CorruptDataError('unknown compare target or result');
  const c: Compare = { key, rangeEnd, target, result };
  switch (target) {
    case 'VERSION':
      c.version = r.f64();
      break;
    case 'CREATE':
      c.createRevision = r.f64();
      break;
    case 'MOD':
      c.modRevision = r.f64();
      break;
    case 'LEASE':
      c.lease = r.f64();
      break;
    case 'VALUE':
      c.value = r.bytes();
      break;
  }
  return c;
}

function writeOp(w: ByteWriter, op: RequestOp): void {
  if ('requestRange' in op) writeRange(w, op.requestRange);
  else if ('requestPut' in op) writePut(w, op.requestPut);
  else if ('requestDeleteRange' in op) writeDeleteRange(w, op.requestDeleteRange);
  else writeTxn(w, op.requestTxn);
}

function readOp(r: ByteReader): RequestOp {
  const tag = r.u8();
  switch (tag) {
    case Tag.Range:
      return { requestRange: readRange(r) };
    case Tag.Put:
      return { requestPut: readPut(r) };
    case Tag.DeleteRange:
      return { requestDeleteRange: readDeleteRange(r) };
    case Tag.Txn:
      return { requestTxn: readTxn(r) };
    default:
      throw new CorruptDataError(`unknown txn operation tag ${tag}`);
  }
}

function writeTxn(w: ByteWriter, t: TxnRequest): void {
  w.u8(Tag.Txn);
  w.u32(t.compare.length);
  for (const c of t.compare) writeCompare(w, c);
  w.u32(t.success.length);
  for (const op of t.success) writeOp(w, op);
  w.u32(t.failure.length);
  for (const op of t.failure) writeOp(w, op);
}

function readTxn(r: ByteReader): TxnRequest {
  const compare: Compare[] = [];
  for (let n = r.u32(); n > 0; n--) compare.push(readCompare(r));
  const success: RequestOp[] = [];
  for (let n = r.u32(); n > 0; n--) success.push(readOp(r));
  const failure: RequestOp[] = [];
  for (let n = r.u32(); n > 0; n--) failure.push(readOp(r));
  return { compare, success, failure };
}
