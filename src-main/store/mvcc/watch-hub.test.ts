import { describe, expect, it } from 'vitest';
import { ErrCompacted, type WatchEvent, type WatchRequest } from '../kv';
import { MvccStore } from './mvcc-store';
import { WatchHub } from './watch-hub';
import { b, s } from '../test-util';

function setup(): { m: MvccStore; hub: WatchHub } {
  const m = new MvccStore();
  const hub = new WatchHub(m);
  m.onCommit = (rec) => hub.commit(rec);
  return { m, hub };
}

/** Events as `TYPE key=value@mod (prev=value)`, one array per listener call. */
function recorder(): { calls: string[][]; listener: (events: WatchEvent[]) => void } {
  const calls: string[][] = [];
  return {
    calls,
    listener: (events) =>
      calls.push(events.map((e) => `${e.type} ${e.kv.key}=${s(e.kv.value)}@${e.kv.modRevision}${e.prevKv ? ` (prev=${s(e.prevKv.value)})` : ''}`)),
  };
}

/** put a=1 (2), put b=1 (3), put a=2 (4), delete a (5), txn put a=3 + put c=1 (6). */
function writeHistory(m: MvccStore): void {
  m.put({ key: 'a', value: b('1') });
  m.put({ key: 'b', value: b('1') });
  m.put({ key: 'a', value: b('2') });
  m.deleteRange({ key: 'a' });
  m.txn({ compare: [], success: [{ requestPut: { key: 'a', value: b('3') } }, { requestPut: { key: 'c', value: b('1') } }], failure: [] });
}

describe('WatchHub', () => {
  const historyCases: { name: string; req: WatchRequest; events: string[] }[] = [
    {
      name: 'all keys from revision 2 with prevKv',
      req: { key: '\0', rangeEnd: '\0', startRevision: 2, prevKv: true },
      events: ['PUT a=1@2', 'PUT b=1@3', 'PUT a=2@4 (prev=1)', 'DELETE a=@5 (prev=2)', 'PUT a=3@6', 'PUT c=1@6'],
    },
    { name: 'one key from revision 4', req: { key: 'a', startRevision: 4 }, events: ['PUT a=2@4', 'DELETE a=@5', 'PUT a=3@6'] },
    { name: 'a range', req: { key: 'b', rangeEnd: 'd', startRevision: 1 }, events: ['PUT b=1@3', 'PUT c=1@6'] },
    { name: 'from the newest revision', req: { key: '\0', rangeEnd: '\0', startRevision: 6 }, events: ['PUT a=3@6', 'PUT c=1@6'] },
  ];
  for (const c of historyCases) {
    it(`replays history: ${c.name}`, () => {
      const { m, hub } = setup();
      writeHistory(m);
      const rec = recorder();
      hub.watch(c.req, rec.listener);
      expect(rec.calls).toEqual([]); // nothing is delivered inside watch()
      hub.deliver();
      expect(rec.calls.flat()).toEqual(c.events);
    });
  }

  it('delivers history first, then live events, whole revisions per call', () => {
    const { m, hub } = setup();
    m.put({ key: 'a', value: b('1') }); // 2
    const rec = recorder();
    hub.watch({ key: '\0', rangeEnd: '\0', startRevision: 2 }, rec.listener);
    m.put({ key: 'a', value: b('2') }); // 3
    m.txn({ compare: [], success: [{ requestPut: { key: 'x', value: b('1') } }, { requestPut: { key: 'y', value: b('1') } }], failure: [] }); // 4
    hub.deliver();
    m.put({ key: 'z', value: b('1') }); // 5
    hub.deliver();
    hub.deliver(); // nothing new: no call
    expect(rec.calls).toEqual([['PUT a=1@2', 'PUT a=2@3', 'PUT x=1@4', 'PUT y=1@4'], ['PUT z=1@5']]);
  });

  it('startRevision 0 means the next revision', () => {
    const { m, hub } = setup();
    writeHistory(m);
    const rec = recorder();
    hub.watch({ key: 'a' }, rec.listener);
    m.put({ key: 'a', value: b('4') });
    hub.deliver();
    expect(rec.calls).toEqual([['PUT a=4@7']]);
  });

  it('a future startRevision waits for it', () => {
    const { m, hub } = setup();
    const rec = recorder();
    hub.watch({ key: 'a', startRevision: 4 }, rec.listener);
    m.put({ key: 'a', value: b('1') }); // 2
    m.put({ key: 'a', value: b('2') }); // 3
    m.put({ key: 'a', value: b('3') }); // 4
    hub.deliver();
    expect(rec.calls).toEqual([['PUT a=3@4']]);
  });

  it('refuses a startRevision at or below the compact revision', () => {
    const { m, hub } = setup();
    writeHistory(m);
    m.compact(4);
    expect(() => hub.watch({ key: 'a', startRevision: 4 }, () => {})).toThrow(ErrCompacted);
    expect(() => hub.watch({ key: 'a', startRevision: 3 }, () => {})).toThrow('mvcc: required revision has been compacted');
    const rec = recorder();
    hub.watch({ key: 'a', startRevision: 5, prevKv: true }, rec.listener);
    hub.deliver();
    expect(rec.calls.flat()).toEqual(['DELETE a=@5 (prev=2)', 'PUT a=3@6']);
  });

  it('keeps captured events when compaction runs before delivery', () => {
    const { m, hub } = setup();
    const rec = recorder();
    hub.watch({ key: 'a' }, rec.listener);
    m.put({ key: 'a', value: b('1') }); // 2
    m.put({ key: 'a', value: b('2') }); // 3
    m.compact(3);
    hub.deliver();
    expect(rec.calls).toEqual([['PUT a=1@2', 'PUT a=2@3']]);
  });

  it('cancel stops delivery, including events already captured', () => {
    const { m, hub } = setup();
    const rec = recorder();
    const w = hub.watch({ key: 'a' }, rec.listener);
    m.put({ key: 'a', value: b('1') });
    w.cancel();
    m.put({ key: 'a', value: b('2') });
    hub.deliver();
    expect(rec.calls).toEqual([]);
    expect(hub.size).toBe(0);
  });

  it('a throwing listener does not stop the others', () => {
    const m = new MvccStore();
    const errors: unknown[] = [];
    const hub = new WatchHub(m, (e) => errors.push(e));
    m.onCommit = (rec) => hub.commit(rec);
    const rec = recorder();
    hub.watch({ key: 'a' }, () => {
      throw new Error('boom');
    });
    hub.watch({ key: 'a' }, rec.listener);
    m.put({ key: 'a', value: b('1') });
    hub.deliver();
    expect(errors.length).toBe(1);
    expect(rec.calls).toEqual([['PUT a=1@2']]);
  });
});
