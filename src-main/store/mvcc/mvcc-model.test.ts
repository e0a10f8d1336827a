/**
 * Randomized check of MvccStore against a naive model that keeps a full copy of the keyspace
 * for every revision: ranges (spans, limits, counts) at every readable revision, through puts,
 * deletes, txns and compactions, and after a capture/fromState round trip.
 */
import { describe, expect, it } from 'vitest';
import { seededRand, type Rand } from '../../common/rand';
import type { KeyValue, RangeRequest } from '../kv';
import { MvccStore } from './mvcc-store';
import { b, kvString } from '../test-util';

class Model {
  /** revisions[r] = the keyspace at revision r. */
  readonly revisions: Map<string, KeyValue>[] = [new Map(), new Map()];

  get rev(): number {
    return this.revisions.length - 1;
  }

  /** Applies a set of changes (undefined = delete) as one revision, if anything changes. */
  commit(changes: [string, Uint8Array | undefined][]): void {
    const next = new Map(this.revisions[this.rev]);
    const rev = this.rev + 1;
    let changed = false;
    for (const [key, value] of changes) {
      const prev = next.get(key);
      if (value === undefined) {
        if (prev) {
          next.delete(key);
          changed = true;
        }
      } else {
        next.set(key, { key, value, createRevision: prev ? prev.createRevision : rev, modRevision: rev, version: prev ? prev.version + 1 : 1, lease: 0 });
        changed = true;
      }
    }
    if (changed) this.revisions.push(next);
  }

  range(req: RangeRequest, rev: number): { kvs: string[]; count: number; more: boolean } {
    const all = [...this.revisions[rev].values()]
      .filter((kv) => (req.rangeEnd === undefined ? kv.key === req.key : kv.key >= req.key && (req.rangeEnd === '\0' || kv.key < req.rangeEnd)))
      .sort((x, y) => (x.key < y.key ? -1 : 1));
    const limited = req.limit ? all.slice(0, req.limit) : all;
    return { kvs: limited.map(kvString), count: all.length, more: limited.length < all.length };
  }
}

const KEYS = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);

function randomSpan(rand: Rand): { key: string; rangeEnd?: string } {
  const a = KEYS[rand.int(KEYS.length)];
  switch (rand.int(4)) {
    case 0:
      return { key: a };
    case 1:
      return { key: a, rangeEnd: '\0' };
    default:
      return { key: a, rangeEnd: KEYS[rand.int(KEYS.length)] + (rand.int(2) ? '' : 'x') };
  }
}

function step(m: MvccStore, model: Model, rand: Rand): void {
  const roll = rand.float();
  if (roll < 0.55) {
    const key = KEYS[rand.int(KEYS.length)];
    const value = b(`v${model.rev}`);
    m.put({ key, value });
    model.commit([[key, value]]);
  } else if (roll < 0.7) {
    const span = randomSpan(rand);
    const victims = [...model.revisions[model.rev].keys()].filter((k) =>
      span.rangeEnd === undefined ? k === span.key : k >= span.key && (span.rangeEnd === '\0' || k < span.rangeEnd),
    );
    m.deleteRange(span);
    model.commit(victims.map((k) => [k, undefined]));
  } else if (roll < 0.85) {
    // A txn putting two distinct keys and deleting a third, all in one revision.
    const [p1, p2, d] = [rand.int(10), 10 + rand.int(10), 20 + rand.int(10)].map((i) => KEYS[i]);
    const v = b(`t${model.rev}`);
    m.txn({ compare: [], success: [{ requestPut: { key: p1, value: v } }, { requestDeleteRange: { key: d } }, { requestPut: { key: p2, value: v } }], failure: [] });
    model.commit([
      [p1, v],
      [d, undefined],
      [p2, v],
    ]);
  } else if (roll < 0.88 && model.rev - m.compactRevision > 10) {
    m.compact(m.compactRevision + 1 + rand.int(model.rev - m.compactRevision - 5));
  }
}

function checkAll(m: MvccStore, model: Model, rand: Rand): void {
  expect(m.currentRevision).toBe(model.rev);
  for (let rev = Math.max(1, m.compactRevision); rev <= model.rev; rev++) {
    for (let probe = 0; probe < 4; probe++) {
      const req: RangeRequest = { ...randomSpan(rand), revision: rev, limit: rand.int(3) === 0 ? 1 + rand.int(5) : 0 };
      const got = m.range(req);
      const want = model.range(req, rev);
      expect({ kvs: got.kvs.map(kvString), count: got.count, more: got.more }, `${JSON.stringify(req)}`).toEqual(want);
      expect(m.range({ ...req, countOnly: true }).count).toBe(want.count);
    }
  }
}

describe('MvccStore against a model', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}`, () => {
      const rand = seededRand(seed);
      const m = new MvccStore();
      const model = new Model();
      for (let i = 0; i < 400; i++) {
        step(m, model, rand);
        if (i % 50 === 49) checkAll(m, model, rand);
      }
      checkAll(MvccStore.fromState(m.capture()), model, rand);
    });
  }
});
