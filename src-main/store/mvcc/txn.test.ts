import { describe, expect, it } from 'vitest';
import { ErrCompacted, ErrFutureRev, type Compare } from '../kv';
import { MvccStore } from './mvcc-store';
import { b, kvString } from '../test-util';

/** a=1 (rev 2, lease 7), then a=2 (rev 3): a is at version 2, create 2, mod 3, lease 0. b=x at 4. */
function store(): MvccStore {
  const m = new MvccStore();
  m.put({ key: 'a', value: b('1'), lease: 7 });
  m.put({ key: 'a', value: b('2') });
  m.put({ key: 'b', value: b('x'), lease: 9 });
  return m;
}

describe('txn compares', () => {
  const cases: { name: string; compare: Compare; ok: boolean }[] = [
    { name: 'VERSION EQUAL', compare: { key: 'a', target: 'VERSION', result: 'EQUAL', version: 2 }, ok: true },
    { name: 'VERSION GREATER', compare: { key: 'a', target: 'VERSION', result: 'GREATER', version: 2 }, ok: false },
    { name: 'VERSION LESS', compare: { key: 'a', target: 'VERSION', result: 'LESS', version: 3 }, ok: true },
    { name: 'VERSION NOT_EQUAL', compare: { key: 'a', target: 'VERSION', result: 'NOT_EQUAL', version: 2 }, ok: false },
    { name: 'CREATE EQUAL', compare: { key: 'a', target: 'CREATE', result: 'EQUAL', createRevision: 2 }, ok: true },
    { name: 'MOD EQUAL', compare: { key: 'a', target: 'MOD', result: 'EQUAL', modRevision: 3 }, ok: true },
    { name: 'MOD stale', compare: { key: 'a', target: 'MOD', result: 'EQUAL', modRevision: 2 }, ok: false },
    { name: 'VALUE EQUAL', compare: { key: 'a', target: 'VALUE', result: 'EQUAL', value: b('2') }, ok: true },
    { name: 'VALUE GREATER', compare: { key: 'a', target: 'VALUE', result: 'GREATER', value: b('10') }, ok: true },
    { name: 'VALUE LESS (prefix is smaller)', compare: { key: 'a', target: 'VALUE', result: 'LESS', value: b('2x') }, ok: true },
    { name: 'LEASE EQUAL (the put without lease cleared it)', compare: { key: 'a', target: 'LEASE', result: 'EQUAL', lease: 0 }, ok: true },
    { name: 'LEASE of b', compare: { key: 'b', target: 'LEASE', result: 'EQUAL', lease: 9 }, ok: true },
    // A missing key compares as version/create/mod/lease 0 …
    { name: 'missing key CREATE EQUAL 0 (create-if-absent)', compare: { key: 'zz', target: 'CREATE', result: 'EQUAL', createRevision: 0 }, ok: true },
    { name: 'missing key VERSION EQUAL 0', compare: { key: 'zz', target: 'VERSION', result: 'EQUAL' }, ok: true },
    { name: 'missing key MOD GREATER 0', compare: { key: 'zz', target: 'MOD', result: 'GREATER', modRevision: 0 }, ok: false },
    // … except VALUE, which always fails on a missing key (even NOT_EQUAL).
    { name: 'missing key VALUE EQUAL empty', compare: { key: 'zz', target: 'VALUE', result: 'EQUAL', value: b('') }, ok: false },
    { name: 'missing key VALUE NOT_EQUAL', compare: { key: 'zz', target: 'VALUE', result: 'NOT_EQUAL', value: b('q') }, ok: false },
    // With rangeEnd, every key in the range must match.
    { name: 'range all CREATE GREATER 0', compare: { key: 'a', rangeEnd: 'c', target: 'CREATE', result: 'GREATER', createRevision: 0 }, ok: true },
    { name: 'range not all VERSION EQUAL 2', compare: { key: 'a', rangeEnd: 'c', target: 'VERSION', result: 'EQUAL', version: 2 }, ok: false },
    { name: 'empty range compares as a missing key', compare: { key: 'x', rangeEnd: 'y', target: 'VERSION', result: 'EQUAL', version: 0 }, ok: true },
    { name: "rangeEnd '\\0'", compare: { key: 'b', rangeEnd: '\0', target: 'VALUE', result: 'EQUAL', value: b('x') }, ok: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = store();
      const r = m.txn({ compare: [c.compare], success: [{ requestRange: { key: 'a' } }], failure: [] });
      expect(r.succeeded).toBe(c.ok);
      expect(r.responses.length).toBe(c.ok ? 1 : 0);
    });
  }

  it('all compares must hold', () => {
    const m = store();
    const ok: Compare = { key: 'a', target: 'VERSION', result: 'EQUAL', version: 2 };
    const bad: Compare = { key: 'b', target: 'VERSION', result: 'EQUAL', version: 5 };
    expect(m.txn({ compare: [ok, bad], success: [], failure: [] }).succeeded).toBe(false);
    expect(m.txn({ compare: [ok], success: [], failure: [] }).succeeded).toBe(true);
    expect(m.txn({ compare: [], success: [], failure: [] }).succeeded).toBe(true);
  });
});

describe('txn execution', () => {
  it('gives all writes one revision and every header the final revision', () => {
    const m = store();
    const r = m.txn({
      compare: [],
      success: [
        { requestPut: { key: 'c', value: b('1') } },
        { requestDeleteRange: { key: 'b', prevKv: true } },
        { requestRange: { key: '\0', rangeEnd: '\0' } },
        { requestTxn: { compare: [], success: [{ requestPut: { key: 'd', value: b('1') } }], failure: [] } },
      ],
      failure: [],
    });
    expect(r.header.revision).toBe(5);
    expect(m.currentRevision).toBe(5);
    const revs = JSON.stringify(r).match(/"revision":\d+/g);
    expect(new Set(revs)).toEqual(new Set(['"revision":5']));
    const range = r.responses[2];
    // Reads inside the txn see its earlier writes.
    expect('responseRange' in range && range.responseRange.kvs.map(kvString)).toEqual(['a=2@2/3/2', 'c=1@5/5/1']);
    const del = r.responses[1];
    expect('responseDeleteRange' in del && del.responseDeleteRange.prevKvs.map(kvString)).toEqual(['b=x@4/4/1 lease=9']);
    expect(m.range({ key: 'd' }).kvs.map(kvString)).toEqual(['d=1@5/5/1']);
  });

  it('a txn that writes nothing keeps the revision', () => {
    const m = store();
    const r = m.txn({ compare: [], success: [{ requestRange: { key: 'a' } }, { requestDeleteRange: { key: 'none' } }], failure: [] });
    expect(r.header.revision).toBe(4);
    expect(m.currentRevision).toBe(4);
  });

  it('runs the failure branch when a compare fails (the apiserver update pattern)', () => {
    const m = store();
    const r = m.txn({
      compare: [{ key: 'a', target: 'MOD', result: 'EQUAL', modRevision: 2 }],
      success: [{ requestPut: { key: 'a', value: b('3') } }],
      failure: [{ requestRange: { key: 'a' } }],
    });
    expect(r.succeeded).toBe(false);
    const first = r.responses[0];
    expect('responseRange' in first && first.responseRange.kvs.map(kvString)).toEqual(['a=2@2/3/2']);
    expect(m.currentRevision).toBe(4);
  });

  it('evaluates nested compares against the state before the txn', () => {
    const m = store();
    const r = m.txn({
      compare: [],
      success: [
        { requestPut: { key: 'n', value: b('1') } },
        // 'n' does not exist before the txn, so this nested compare holds although the put above created it.
        { requestTxn: { compare: [{ key: 'n', target: 'CREATE', result: 'EQUAL', createRevision: 0 }], success: [{ requestPut: { key: 'm', value: b('1') } }], failure: [] } },
      ],
      failure: [],
    });
    const nested = r.responses[1];
    expect('responseTxn' in nested && nested.responseTxn.succeeded).toBe(true);
    expect(m.range({ key: 'm' }).count).toBe(1);
  });

  it('fails as a whole, changing nothing, when a range on its path is compacted or in the future', () => {
    const m = store();
    m.compact(3);
    expect(() =>
      m.txn({ compare: [], success: [{ requestPut: { key: 'p', value: b('1') } }, { requestRange: { key: 'a', revision: 2 } }], failure: [] }),
    ).toThrow(ErrCompacted);
    expect(() =>
      m.txn({ compare: [], success: [{ requestPut: { key: 'p', value: b('1') } }, { requestRange: { key: 'a', revision: 99 } }], failure: [] }),
    ).toThrow(ErrFutureRev);
    expect(m.currentRevision).toBe(4);
    expect(m.range({ key: 'p' }).count).toBe(0);
    // A bad range on the branch not taken does not matter.
    const r = m.txn({ compare: [], success: [{ requestPut: { key: 'p', value: b('1') } }], failure: [{ requestRange: { key: 'a', revision: 2 } }] });
    expect(r.succeeded).toBe(true);
  });

  it('create-if-absent loses the second time', () => {
    const m = new MvccStore();
    const create = () =>
      m.txn({ compare: [{ key: 'k', target: 'CREATE', result: 'EQUAL', createRevision: 0 }], success: [{ requestPut: { key: 'k', value: b('v') } }], failure: [] });
    expect(create().succeeded).toBe(true);
    expect(create().succeeded).toBe(false);
  });
});
