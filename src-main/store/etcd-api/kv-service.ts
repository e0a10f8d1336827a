/** The KV service: Range, Put, DeleteRange, Txn and Compact, mapped onto the store's KV. */
import type { sendUnaryData, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Compare, KV, KeyValue, RangeRequest, RequestOp, ResponseOp, TxnRequest, TxnResponse } from '../kv';
import { header, keyOf, num, rangeEndOf, valueOf, wireKv, type Bytes, type Int64, type MemberIdentity } from './convert';
import { COMPARE_RESULT, COMPARE_TARGET, named, SORT_ORDER, SORT_TARGET } from './enums';
import { errLeaseNotFound, toGrpcError } from './errors';

interface WireRangeRequest {
  key?: Bytes;
  range_end?: Bytes;
  limit?: Int64;
  revision?: Int64;
  sort_order?: number;
  sort_target?: number;
  keys_only?: boolean;
  count_only?: boolean;
  min_mod_revision?: Int64;
  max_mod_revision?: Int64;
  min_create_revision?: Int64;
  max_create_revision?: Int64;
}

interface WirePutRequest {
  key?: Bytes;
  value?: Bytes;
  lease?: Int64;
  prev_kv?: boolean;
  ignore_value?: boolean;
  ignore_lease?: boolean;
}

interface WireDeleteRangeRequest {
  key?: Bytes;
  range_end?: Bytes;
  prev_kv?: boolean;
}

interface WireCompare {
  result?: number;
  target?: number;
  key?: Bytes;
  range_end?: Bytes;
  version?: Int64;
  create_revision?: Int64;
  mod_revision?: Int64;
  value?: Bytes;
  lease?: Int64;
}

interface WireRequestOp {
  request?: 'request_range' | 'request_put' | 'request_delete_range' | 'request_txn';
  request_range?: WireRangeRequest;
  request_put?: WirePutRequest;
  request_delete_range?: WireDeleteRangeRequest;
  request_txn?: WireTxnRequest;
}

interface WireTxnRequest {
  compare?: WireCompare[];
  success?: WireRequestOp[];
  failure?: WireRequestOp[];
}

const SORT_KEY: Record<string, (kv: KeyValue) => number | string> = {
  KEY: (kv) => kv.key,
  VERSION: (kv) => kv.version,
  CREATE: (kv) => kv.createRevision,
  MOD: (kv) => kv.modRevision,
  VALUE: (kv) => Buffer.from(kv.value).toString('latin1'),
};

function rangeReq(r: WireRangeRequest): RangeRequest {
  return { key: keyOf(r.key), rangeEnd: rangeEndOf(r.range_end), revision: num(r.revision) || undefined, keysOnly: r.keys_only, countOnly: r.count_only };
}

/** Range with etcd's sorting and revision filters, which need every key before the limit applies. */
async function range(kv: KV, id: MemberIdentity, r: WireRangeRequest): Promise<Record<string, unknown>> {
  const limit = num(r.limit);
  const order = named(SORT_ORDER, r.sort_order);
  const target = named(SORT_TARGET, r.sort_target);
  const filters = [r.min_mod_revision, r.max_mod_revision, r.min_create_revision, r.max_create_revision].some((v) => num(v) > 0);
  const simple = !filters && (order === 'NONE' || (order === 'ASCEND' && target === 'KEY'));
  const res = await kv.range({ ...rangeReq(r), limit: simple ? limit : undefined, countOnly: simple ? r.count_only : false, keysOnly: false });
  let kvs = res.kvs;
  let more = res.more;
  if (!simple) {
    const minMod = num(r.min_mod_revision);
    const maxMod = num(r.max_mod_revision);
    const minCreate = num(r.min_create_revision);
    const maxCreate = num(r.max_create_revision);
    kvs = kvs.filter(
      (x) =>
        (!minMod || x.modRevision >= minMod) &&
        (!maxMod || x.modRevision <= maxMod) &&
        (!minCreate || x.createRevision >= minCreate) &&
        (!maxCreate || x.createRevision <= maxCreate),
    );
    if (order !== 'NONE') {
      const key = SORT_KEY[target];
      kvs = [...kvs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      if (order === 'DESCEND') kvs.reverse();
    }
    more = limit > 0 && kvs.length > limit;
    if (limit > 0) kvs = kvs.slice(0, limit);
    if (r.count_only) kvs = [];
  }
  return { header: header(id, res.header.revision), kvs: kvs.map((x) => wireKv(x, r.keys_only)), more, count: String(res.count) };
}

function compareOf(c: WireCompare): Compare {
  return {
    key: keyOf(c.key),
    rangeEnd: rangeEndOf(c.range_end),
    target: named(COMPARE_TARGET, c.target),
    result: named(COMPARE_RESULT, c.result),
    version: num(c.version),
    createRevision: num(c.create_revision),
    modRevision: num(c.mod_revision),
    value: valueOf(c.value),
    lease: num(c.lease),
  };
}

function opOf(op: WireRequestOp): RequestOp {
  if (op.request_put) {
    const p = op.request_put;
    return { requestPut: { key: keyOf(p.key), value: valueOf(p.value), lease: num(p.lease) || undefined, prevKv: p.prev_kv } };
  }
  if (op.request_delete_range) {
    const d = op.request_delete_range;
    return { requestDeleteRange: { key: keyOf(d.key), rangeEnd: rangeEndOf(d.range_end), prevKv: d.prev_kv } };
  }
  if (op.request_txn) return { requestTxn: txnOf(op.request_txn) };
  return { requestRange: rangeReq(op.request_range ?? {}) };
}

function txnOf(t: WireTxnRequest): TxnRequest {
  return { compare: (t.compare ?? []).map(compareOf), success: (t.success ?? []).map(opOf), failure: (t.failure ?? []).map(opOf) };
}

function wireTxnResponse(id: MemberIdentity, r: TxnResponse, keysOnly: boolean[] = []): Record<string, unknown> {
  return {
    header: header(id, r.header.revision),
    succeeded: r.succeeded,
    responses: r.responses.map((op: ResponseOp, i) => {
      if ('responseRange' in op) {
        const rr = op.responseRange;
        return { response_range: { header: header(id, rr.header.revision), kvs: rr.kvs.map((x) => wireKv(x, keysOnly[i])), more: rr.more, count: String(rr.count) } };
      }
      if ('responsePut' in op) return { response_put: { header: header(id, op.responsePut.header.revision), prev_kv: op.responsePut.prevKv ? wireKv(op.responsePut.prevKv) : null } };
      if ('responseDeleteRange' in op) {
        const d = op.responseDeleteRange;
        return { response_delete_range: { header: header(id, d.header.revision), deleted: String(d.deleted), prev_kvs: d.prevKvs.map((x) => wireKv(x)) } };
      }
      return { response_txn: wireTxnResponse(id, op.responseTxn) };
    }),
  };
}

type Handler<Req> = (call: ServerUnaryCall<Req, unknown>, cb: sendUnaryData<unknown>) => void;

function unary<Req>(fn: (req: Req) => Promise<unknown>): Handler<Req> {
  return (call, cb) => {
    fn(call.request).then(
      (res) => cb(null, res),
      (e: unknown) => cb(toGrpcError(e)),
    );
  };
}

/** `leaseExists` checks a put's lease, as etcd refuses keys attached to unknown leases. */
export function kvService(kv: KV, id: MemberIdentity, leaseExists: (lease: number) => boolean): UntypedServiceImplementation {
  return {
    Range: unary<WireRangeRequest>((r) => range(kv, id, r)),
    Put: unary<WirePutRequest>(async (p) => {
      const key = keyOf(p.key);
      let value = valueOf(p.value);
      let lease = num(p.lease);
      if (lease !== 0 && !p.ignore_lease && !leaseExists(lease)) throw errLeaseNotFound();
      if (p.ignore_value || p.ignore_lease) {
        const cur = (await kv.range({ key })).kvs[0];
        if (p.ignore_value) value = cur?.value ?? new Uint8Array();
        if (p.ignore_lease) lease = cur?.lease ?? 0;
      }
      const res = await kv.put({ key, value, lease: lease || undefined, prevKv: p.prev_kv });
      return { header: header(id, res.header.revision), prev_kv: res.prevKv ? wireKv(res.prevKv) : null };
    }),
    DeleteRange: unary<WireDeleteRangeRequest>(async (d) => {
      const res = await kv.deleteRange({ key: keyOf(d.key), rangeEnd: rangeEndOf(d.range_end), prevKv: d.prev_kv });
      return { header: header(id, res.header.revision), deleted: String(res.deleted), prev_kvs: res.prevKvs.map((x) => wireKv(x)) };
    }),
    Txn: unary<WireTxnRequest>(async (t) => {
      const req = txnOf(t);
      const res = await kv.txn(req);
      const ops = res.succeeded ? (t.success ?? []) : (t.failure ?? []);
      return wireTxnResponse(id, res, ops.map((o) => o.request_range?.keys_only === true));
    }),
    Compact: unary<{ revision?: Int64; physical?: boolean }>(async (c) => {
      const res = await kv.compact(num(c.revision));
      return { header: header(id, res.header.revision) };
    }),
  };
}
