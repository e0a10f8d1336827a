import { describe, expect, it } from 'vitest';
import type { RequestOp, TxnRequest } from './kv';
import { MAX_TXN_OPS, checkPut, checkTxn, isReadOnlyTxn } from './request-validation';
import { b } from './test-util';

const put = (key: string): RequestOp => ({ requestPut: { key, value: b('v') } });
const del = (key: string, rangeEnd?: string): RequestOp => ({ requestDeleteRange: { key, rangeEnd } });
const txn = (success: RequestOp[], failure: RequestOp[] = []): RequestOp => ({ requestTxn: { compare: [], success, failure } });

describe('request validation (etcd v3rpc checks)', () => {
  const cases: { name: string; req: TxnRequest; error?: string }[] = [
    { name: 'distinct puts', req: { compare: [], success: [put('a'), put('b')], failure: [put('a')] } },
    { name: 'the same key put twice', req: { compare: [], success: [put('a'), put('a')], failure: [] }, error: 'etcdserver: duplicate key given in txn request' },
    { name: 'a put inside a deleted range', req: { compare: [], success: [del('a', 'c'), put('b')], failure: [] }, error: 'etcdserver: duplicate key given in txn request' },
    { name: 'a put of a deleted key', req: { compare: [], success: [put('a'), del('a')], failure: [] }, error: 'etcdserver: duplicate key given in txn request' },
    { name: 'a put next to a deleted range', req: { compare: [], success: [del('a', 'b'), put('b')], failure: [] } },
    { name: 'the same key in both branches of a nested txn', req: { compare: [], success: [txn([put('a')], [put('a')])], failure: [] } },
    { name: 'a nested put repeating an outer put', req: { compare: [], success: [put('a'), txn([put('a')])], failure: [] }, error: 'etcdserver: duplicate key given in txn request' },
    { name: 'a nested delete covering an outer put', req: { compare: [], success: [put('a'), txn([del('\0', '\0')])], failure: [] }, error: 'etcdserver: duplicate key given in txn request' },
    { name: 'an empty key', req: { compare: [], success: [put('')], failure: [] }, error: 'etcdserver: key is not provided' },
    { name: 'an empty compare key', req: { compare: [{ key: '', target: 'VERSION', result: 'EQUAL' }], success: [], failure: [] }, error: 'etcdserver: key is not provided' },
    {
      name: 'too many operations',
      req: { compare: [], success: Array.from({ length: MAX_TXN_OPS + 1 }, (_, i) => put(`k${i}`)), failure: [] },
      error: 'etcdserver: too many operations in txn request',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.error) expect(() => checkTxn(c.req)).toThrow(c.error);
      else expect(() => checkTxn(c.req)).not.toThrow();
    });
  }

  it('requires a key on put', () => {
    expect(() => checkPut({ key: '', value: b('') })).toThrow('etcdserver: key is not provided');
  });

  it('tells read-only txns apart', () => {
    expect(isReadOnlyTxn({ compare: [], success: [{ requestRange: { key: 'a' } }], failure: [txn([{ requestRange: { key: 'b' } }])] })).toBe(true);
    expect(isReadOnlyTxn({ compare: [], success: [{ requestRange: { key: 'a' } }], failure: [txn([], [del('a')])] })).toBe(false);
  });
});
