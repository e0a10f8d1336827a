import { describe, expect, it } from 'vitest';
import { isRaftError } from './errors';
import { MemoryStorage } from './memory-storage';
import type { Entry } from './types';

const ent = (index: number, term: number, text = ''): Entry => ({ index, term, type: 'EntryNormal', data: new TextEncoder().encode(text) });

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('MemoryStorage', () => {
  it('appends, replaces a conflicting tail and reads back', () => {
    const s = new MemoryStorage();
    s.append([ent(1, 1), ent(2, 1), ent(3, 1)]);
    s.append([ent(3, 2), ent(4, 2)]);
    expect([s.firstIndex(), s.lastIndex()]).toEqual([1, 4]);
    expect(s.entries(1, 5, Infinity).map((e) => `${e.term}/${e.index}`)).toEqual(['1/1', '1/2', '2/3', '2/4']);
    expect(isRaftError(caught(() => s.term(5)), 'Unavailable')).toBe(true);
  });

  it('limits by size but always returns one entry', () => {
    const s = new MemoryStorage();
    s.append([ent(1, 1, 'aaaa'), ent(2, 1, 'bb'), ent(3, 1, 'c')]);
    expect(s.entries(1, 4, 0)).toHaveLength(1);
    expect(s.entries(1, 4, 6)).toHaveLength(2);
  });

  it('compacts behind a snapshot and keeps the compacted term readable', () => {
    const s = new MemoryStorage();
    s.append([ent(1, 1), ent(2, 1), ent(3, 2), ent(4, 2)]);
    s.createSnapshot(3, { voters: [1], learners: [] }, new Uint8Array([7]));
    s.compact(3);
    expect([s.firstIndex(), s.lastIndex(), s.term(3)]).toEqual([4, 4, 2]);
    expect(isRaftError(caught(() => s.entries(3, 5, Infinity)), 'Compacted')).toBe(true);
    expect(isRaftError(caught(() => s.compact(2)), 'Compacted')).toBe(true);
    expect(s.snapshot().metadata).toMatchObject({ index: 3, term: 2 });
  });

  it('refuses an older snapshot', () => {
    const s = new MemoryStorage();
    const meta = (index: number) => ({ data: new Uint8Array(0), metadata: { index, term: 1, confState: { voters: [1], learners: [] } } });
    s.applySnapshot(meta(5));
    expect([s.firstIndex(), s.lastIndex()]).toEqual([6, 5]);
    expect(isRaftError(caught(() => s.applySnapshot(meta(4))), 'SnapOutOfDate')).toBe(true);
  });
});
