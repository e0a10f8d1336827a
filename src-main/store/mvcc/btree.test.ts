import { describe, expect, it } from 'vitest';
import { seededRand } from '../../common/rand';
import { countRange, newKeyTree, rank } from './btree';

describe('key tree rank', () => {
  it('agrees with counting through inserts and deletes', () => {
    const rand = seededRand(7);
    const tree = newKeyTree<undefined>();
    const keys = new Set<string>();
    const key = () => `/registry/pods/ns-${Math.floor(rand.float() * 20)}/p-${Math.floor(rand.float() * 3000)}`;
    for (let step = 0; step < 20000; step++) {
      const k = key();
      if (rand.float() < 0.7) {
        tree.set(k, undefined);
        keys.add(k);
      } else {
        tree.delete(k);
        keys.delete(k);
      }
      if (step % 997 === 0) {
        const sorted = [...keys].sort();
        for (let probe = 0; probe < 20; probe++) {
          const a = key();
          const b = key();
          const expected = sorted.filter((x) => x >= a && x < b).length;
          expect(countRange(tree, a, b)).toBe(expected);
          expect(rank(tree, a)).toBe(sorted.filter((x) => x < a).length);
        }
        expect(countRange(tree, '/registry/pods/', undefined)).toBe(sorted.length);
      }
    }
    expect(tree.height).toBeGreaterThan(1);
  });
});
