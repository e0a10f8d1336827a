import { describe, expect, it } from 'vitest';
import { ErrCompacted, ErrFutureRev, prefixEnd, type RangeRequest } from '../kv';
import { MvccStore } from './mvcc-store';
import { b, kvString } from '../test-util';

/** A store after: put a=1 (2), put b=1 (3), put a=2 (4), delete b (5), put c=1 (6), put b=2 (7). */
function history(): MvccStore {
  const m = new MvccStore();
  m.put({ key: 'a', value: b('1') });
  m.put({ key: 'b', value: b('1') });
  m.put({ key: 'a', value: b('2') });
  m.deleteRange({ key: 'b' });
  m.put({ key: 'c', value: b('1') });
  m.put({ key: 'b', value: b('2') });
  return m;
}

function rangeStrings(m: MvccStore, req: RangeRequest): string[] {
  return m.range(req).kvs.map(kvString);
}

describe('MvccStore revisions and versions', () => {
  it('starts at revision 1 and gives each write the next revision', () => {
    const m = new MvccStore();
    expect(m.currentRevision).toBe(1);
    expect(m.put({ key: 'a', value: b('1') }).header.revision).toBe(2);
    expect(m.put({ key: 'a', value: b('2') }).header.revision).toBe(3);
    expect(m.currentRevision).toBe(3);
  });

  it('tracks createRevision, modRevision and version across a delete and re-create', () => {
    const m = history();
    expect(m.currentRevision).toBe(7);
    expect(rangeStrings(m, { key: 'a' })).toEqual(['a=2@2/4/2']);
    // b was deleted at 5 and created again at 7: a new life starts at version 1.
    expect(rangeStrings(m, { key: 'b' })).toEqual(['b=2@7/7/1']);
  });

  it('a delete that deletes nothing does not change the revision', () => {
    const m = history();
    const r = m.deleteRange({ key: 'zzz' });
    expect(r).toEqual({ header: { revision: 7 }, deleted: 0, prevKvs: [] });
    expect(m.currentRevision).toBe(7);
  });

  it('returns prevKv only when asked', () => {
    const m = history();
    expect(m.put({ key: 'a', value: b('3') }).prevKv).toBeUndefined();
    const r = m.put({ key: 'a', value: b('4'), prevKv: true });
    expect(r.prevKv && kvString(r.prevKv)).toBe('a=3@2/8/3');
    expect(m.put({ key: 'new', value: b('x'), prevKv: true }).prevKv).toBeUndefined();
  });

  it('deleteRange over a range deletes every live key in one revision', () => {
    const m = history();
    const r = m.deleteRange({ key: 'a', rangeEnd: 'c', prevKv: true });
    expect(r.header.revision).toBe(8);
    expect(r.deleted).toBe(2);
    expect(r.prevKvs.map(kvString)).toEqual(['a=2@2/4/2', 'b=2@7/7/1']);
    expect(rangeStrings(m, { key: 'a', rangeEnd: '\0' })).toEqual(['c=1@6/6/1']);
  });

  it('keeps the lease id', () => {
    const m = new MvccStore();
    m.put({ key: 'k', value: b('v'), lease: 42 });
    expect(rangeStrings(m, { key: 'k' })).toEqual(['k=v@2/2/1 lease=42']);
  });
});

describe('MvccStore range', () => {
  const cases: { name: string; req: RangeRequest; kvs: string[]; count: number; more?: boolean }[] = [
    { name: 'single key', req: { key: 'a' }, kvs: ['a=2@2/4/2'], count: 1 },
    { name: 'missing key', req: { key: 'zz' }, kvs: [], count: 0 },
    { name: 'half-open range', req: { key: 'a', rangeEnd: 'c' }, kvs: ['a=2@2/4/2', 'b=2@7/7/1'], count: 2 },
    { name: "rangeEnd '\\0' means every key from key on", req: { key: 'b', rangeEnd: '\0' }, kvs: ['b=2@7/7/1', 'c=1@6/6/1'], count: 2 },
    { name: "key '\\0' rangeEnd '\\0' is everything", req: { key: '\0', rangeEnd: '\0' }, kvs: ['a=2@2/4/2', 'b=2@7/7/1', 'c=1@6/6/1'], count: 3 },
    { name: 'rangeEnd <= key is empty', req: { key: 'c', rangeEnd: 'a' }, kvs: [], count: 0 },
    { name: 'limit sets more and keeps the full count', req: { key: 'a', rangeEnd: '\0', limit: 2 }, kvs: ['a=2@2/4/2', 'b=2@7/7/1'], count: 3, more: true },
    { name: 'limit equal to the count', req: { key: 'a', rangeEnd: '\0', limit: 3 }, kvs: ['a=2@2/4/2', 'b=2@7/7/1', 'c=1@6/6/1'], count: 3, more: false },
    { name: 'countOnly', req: { key: 'a', rangeEnd: '\0', countOnly: true, limit: 1 }, kvs: [], count: 3, more: false },
    { name: 'keysOnly', req: { key: 'c', keysOnly: true }, kvs: ['c=@6/6/1'], count: 1 },
    // At past revisions: the versions then, deleted keys absent, later keys absent.
    { name: 'at revision 3', req: { key: 'a', rangeEnd: '\0', revision: 3 }, kvs: ['a=1@2/2/1', 'b=1@3/3/1'], count: 2 },
    { name: 'at revision 5 (b deleted)', req: { key: 'a', rangeEnd: '\0', revision: 5 }, kvs: ['a=2@2/4/2'], count: 1 },
    { name: 'at revision 6', req: { key: 'a', rangeEnd: '\0', revision: 6 }, kvs: ['a=2@2/4/2', 'c=1@6/6/1'], count: 2 },
    { name: 'at revision 1 (empty)', req: { key: 'a', rangeEnd: '\0', revision: 1 }, kvs: [], count: 0 },
    { name: 'past revision with limit', req: { key: 'a', rangeEnd: '\0', revision: 6, limit: 1 }, kvs: ['a=2@2/4/2'], count: 2, more: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = history().range(c.req);
      expect(r.kvs.map(kvString)).toEqual(c.kvs);
      expect(r.count).toBe(c.count);
      expect(r.more).toBe(c.more ?? false);
    });
  }

  it('answers with the revision it read at', () => {
    const m = history();
    expect(m.range({ key: 'a' }).header.revision).toBe(7);
    expect(m.range({ key: 'a', revision: 3 }).header.revision).toBe(3);
  });

  it('ranges a prefix with prefixEnd', () => {
    const m = new MvccStore();
    for (const k of ['/registry/pods/a/x', '/registry/pods/b/y', '/registry/podsx', '/registry/services/a/z']) m.put({ key: k, value: b('v') });
    const r = m.range({ key: '/registry/pods/', rangeEnd: prefixEnd('/registry/pods/') });
    expect(r.kvs.map((kv) => kv.key)).toEqual(['/registry/pods/a/x', '/registry/pods/b/y']);
  });

  it('rejects a future revision', () => {
    expect(() => history().range({ key: 'a', revision: 8 })).toThrow(ErrFutureRev);
  });

  it('hands out copies: changing a result does not change the store', () => {
    const m = history();
    const kv = m.range({ key: 'a' }).kvs[0];
    kv.modRevision = 99;
    expect(m.range({ key: 'a' }).kvs[0].modRevision).toBe(4);
  });
});

describe('MvccStore compaction', () => {
  it('keeps the newest version at or before the compact revision and every later one', () => {
    const m = history();
    m.compact(4);
    expect(m.compactRevision).toBe(4);
    expect(m.currentRevision).toBe(7);
    // Reading at the compact revision itself is allowed.
    expect(rangeStrings(m, { key: 'a', rangeEnd: '\0', revision: 4 })).toEqual(['a=2@2/4/2', 'b=1@3/3/1']);
    expect(rangeStrings(m, { key: 'a', rangeEnd: '\0', revision: 5 })).toEqual(['a=2@2/4/2']);
    expect(rangeStrings(m, { key: 'a', rangeEnd: '\0' })).toEqual(['a=2@2/4/2', 'b=2@7/7/1', 'c=1@6/6/1']);
  });

  it('reads below the compact revision fail with ErrCompacted', () => {
    const m = history();
    m.compact(5);
    expect(() => m.range({ key: 'a', revision: 4 })).toThrow(ErrCompacted);
    expect(() => m.range({ key: 'a', revision: 4 })).toThrow('mvcc: required revision has been compacted');
    // b was deleted at 5: after compacting at 5 nothing of its first life is left.
    expect(rangeStrings(m, { key: 'b', revision: 5 })).toEqual([]);
    expect(rangeStrings(m, { key: 'b', revision: 6 })).toEqual([]);
    expect(rangeStrings(m, { key: 'b', revision: 7 })).toEqual(['b=2@7/7/1']);
  });

  it('refuses to compact at or below the compact revision, or in the future', () => {
    const m = history();
    m.compact(3);
    expect(() => m.compact(3)).toThrow(ErrCompacted);
    expect(() => m.compact(2)).toThrow(ErrCompacted);
    expect(() => m.compact(8)).toThrow(ErrFutureRev);
    expect(m.compact(7).header.revision).toBe(7);
  });

  it('drops keys whose last change at or before the compact revision is a delete', () => {
    const m = new MvccStore();
    m.put({ key: 'gone', value: b('1') }); // 2
    m.deleteRange({ key: 'gone' }); // 3
    m.put({ key: 'kept', value: b('1') }); // 4
    expect(m.indexedKeys).toBe(2);
    m.compact(4);
    expect(m.indexedKeys).toBe(1);
    expect(m.range({ key: '\0', rangeEnd: '\0', revision: 4 }).kvs.map(kvString)).toEqual(['kept=1@4/4/1']);
  });

  it('keeps a delete after the compact revision so older reads still see the value', () => {
    const m = new MvccStore();
    m.put({ key: 'k', value: b('1') }); // 2
    m.put({ key: 'x', value: b('1') }); // 3
    m.deleteRange({ key: 'k' }); // 4
    m.compact(3);
    expect(rangeStrings(m, { key: 'k', revision: 3 })).toEqual(['k=1@2/2/1']);
    expect(rangeStrings(m, { key: 'k' })).toEqual([]);
  });
});

describe('MvccStore capture and fromState', () => {
  it('rebuilds the same keyspace, history and revisions', () => {
    const m = history();
    m.compact(4);
    m.put({ key: 'a', value: b('3') });
    const copy = MvccStore.fromState(m.capture());
    expect(copy.currentRevision).toBe(m.currentRevision);
    expect(copy.compactRevision).toBe(4);
    for (let rev = 4; rev <= m.currentRevision; rev++) {
      const req = { key: '\0', rangeEnd: '\0', revision: rev };
      expect(copy.range(req).kvs.map(kvString)).toEqual(m.range(req).kvs.map(kvString));
    }
    expect([...copy.historyFrom(5)].map((r) => r.revision)).toEqual([5, 6, 7, 8]);
    // The copy is independent of the original.
    copy.put({ key: 'only-in-copy', value: b('1') });
    expect(m.range({ key: 'only-in-copy' }).count).toBe(0);
  });

  it('rebuilds an empty store', () => {
    const copy = MvccStore.fromState(new MvccStore().capture());
    expect(copy.currentRevision).toBe(1);
    expect(copy.compactRevision).toBe(0);
  });
});

describe('MvccStore counts at old revisions', () => {
  it('counts by scanning when many revisions passed since', () => {
    const m = new MvccStore();
    for (let i = 0; i < 5; i++) m.put({ key: `k${i}`, value: b('v') }); // 2..6
    for (let i = 0; i < 1500; i++) m.put({ key: `k${i % 3}`, value: b(`${i}`) });
    m.deleteRange({ key: 'k0', rangeEnd: 'k2' });
    m.put({ key: 'k9', value: b('v') });
    const r = m.range({ key: 'k', rangeEnd: 'l', revision: 6, limit: 2 });
    expect(r.count).toBe(5);
    expect(r.more).toBe(true);
    expect(r.kvs.map((kv) => kv.key)).toEqual(['k0', 'k1']);
    expect(m.range({ key: 'k', rangeEnd: 'l' }).count).toBe(4);
    expect(m.range({ key: 'k', rangeEnd: 'l', revision: m.currentRevision - 10 }).count).toBe(5);
  });
});
