import { describe, expect, it } from 'vitest';
import type { StoreRequest } from '../request';
import { b } from '../test-util';
import { CorruptDataError } from './byte-reader';
import { decodeRequest, encodeRequest } from './request-codec';

describe('request codec', () => {
  const cases: { name: string; req: StoreRequest }[] = [
    { name: 'put', req: { put: { key: '/registry/pods/default/p', value: b('{"kind":"Pod"}'), lease: 0, prevKv: false } } },
    { name: 'put with lease, prevKv and a non-ASCII key', req: { put: { key: 'ключ/ü', value: new Uint8Array([0, 255, 1]), lease: 2 ** 52, prevKv: true } } },
    { name: 'deleteRange', req: { deleteRange: { key: 'a', rangeEnd: '\0', prevKv: true } } },
    { name: 'deleteRange of one key', req: { deleteRange: { key: 'a', rangeEnd: undefined, prevKv: false } } },
    { name: 'compaction', req: { compaction: { revision: 123456789 } } },
    {
      name: 'nested txn with every compare target',
      req: {
        txn: {
          compare: [
            { key: 'a', rangeEnd: undefined, target: 'VERSION', result: 'EQUAL', version: 3 },
            { key: 'a', rangeEnd: 'b', target: 'CREATE', result: 'GREATER', createRevision: 0 },
            { key: 'a', rangeEnd: undefined, target: 'MOD', result: 'LESS', modRevision: 9 },
            { key: 'a', rangeEnd: undefined, target: 'VALUE', result: 'NOT_EQUAL', value: b('x') },
            { key: 'a', rangeEnd: undefined, target: 'LEASE', result: 'EQUAL', lease: 5 },
          ],
          success: [
            { requestRange: { key: 'a', rangeEnd: 'z', revision: 4, limit: 10, keysOnly: true, countOnly: false } },
            { requestPut: { key: 'a', value: b('v'), lease: 0, prevKv: false } },
            {
              requestTxn: {
                compare: [],
                success: [{ requestDeleteRange: { key: 'q', rangeEnd: undefined, prevKv: true } }],
                failure: [{ requestRange: { key: 'q', rangeEnd: undefined, revision: 0, limit: 0, keysOnly: false, countOnly: true } }],
              },
            },
          ],
          failure: [],
        },
      },
    },
  ];
  for (const c of cases) {
    it(`round-trips ${c.name}`, () => {
      expect(decodeRequest(encodeRequest(c.req))).toEqual(c.req);
    });
  }

  it('decoded values are copies', () => {
    const data = encodeRequest({ put: { key: 'k', value: b('abc') } });
    const req = decodeRequest(data);
    data.fill(0);
    expect('put' in req && Array.from(req.put.value)).toEqual(Array.from(b('abc')));
  });

  it('rejects truncated or unknown data', () => {
    const data = encodeRequest({ put: { key: 'k', value: b('abc') } });
    expect(() => decodeRequest(data.subarray(0, data.length - 1))).toThrow(CorruptDataError);
    expect(() => decodeRequest(new Uint8Array([77]))).toThrow(CorruptDataError);
    expect(() => decodeRequest(Buffer.concat([data, Buffer.from([0])]))).toThrow(CorruptDataError);
  });
});
