import { describe, expect, it } from 'vitest';
import { AppendError, MemTsdb } from './mem-tsdb';
import { newMatcher } from './matchers';
import { isStaleNaN, STALE_NAN } from './stale';
import type { StorageSeries } from './queryable';

function samples(s: StorageSeries): [number, number][] {
  const it = s.iterator();
  const out: [number, number][] = [];
  while (it.next()) out.push([it.t(), it.v()]);
  return out;
}

describe('MemTsdb', () => {
  it('round-trips samples through compressed chunks, across chunk boundaries', () => {
    const db = new MemTsdb({ samplesPerChunk: 7 });
    const want: [number, number][] = [];
    let t = 1_700_000_000_000;
    const values = [0, 1, 1, 2.5, -3, 1e300, -0, Infinity, -Infinity, 5e-324, 42, 42, 0.1 + 0.2];
    for (let i = 0; i < 200; i++) {
      t += 15_000 + (i % 5 === 0 ? 37 : 0) + (i === 100 ? 9_000_000_000 : 0) - (i === 150 ? 14_000 : 0);
      const v = i % 17 === 0 ? NaN : values[i % values.length]! * (i + 1);
      db.append({ __name__: 'x', job: 'a' }, t, v);
      want.push([t, v]);
    }
    const [s] = db.select([newMatcher('=', '__name__', 'x')], -Infinity, Infinity);
    const got = samples(s!);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      expect(got[i]![0]).toBe(want[i]![0]);
      expect(Object.is(got[i]![1], want[i]![1]) || (Number.isNaN(got[i]![1]) && Number.isNaN(want[i]![1]))).toBe(true);
    }
    const part = samples(db.select([newMatcher('=', 'job', 'a')], want[10]![0], want[20]![0])[0]!);
    expect(part.map((p) => p[0])).toEqual(want.slice(10, 21).map((p) => p[0]));
  });

  it('keeps the staleness marker bit pattern and tells it from ordinary NaN', () => {
    const db = new MemTsdb();
    db.append({ __name__: 'up' }, 1000, 1);
    db.append({ __name__: 'up' }, 2000, NaN);
    db.append({ __name__: 'up' }, 3000, STALE_NAN);
    const got = samples(db.select([newMatcher('=', '__name__', 'up')], 0, 5000)[0]!);
    expect(got.map(([, v]) => isStaleNaN(v))).toEqual([false, false, true]);
  });

  it('rejects out-of-order and duplicate samples per series but ignores exact repeats', () => {
    const db = new MemTsdb();
    db.append({ __name__: 'a' }, 1000, 1);
    db.append({ __name__: 'b' }, 500, 1);
    expect(() => db.append({ __name__: 'a' }, 999, 1)).toThrow(new AppendError('out of order sample'));
    expect(() => db.append({ __name__: 'a' }, 1000, 2)).toThrow(new AppendError('duplicate sample for timestamp'));
    db.append({ __name__: 'a' }, 1000, 1);
    expect(db.stats().samples).toBe(2);
  });

  it('selects with =, !=, =~, !~ and treats empty-matching matchers as matching absent labels', () => {
    const db = new MemTsdb();
    db.append({ __name__: 'm', env: 'prod', pod: 'a-1' }, 1, 1);
    db.append({ __name__: 'm', env: 'dev', pod: 'b-1' }, 1, 1);
    db.append({ __name__: 'm', pod: 'c-1' }, 1, 1);
    db.append({ __name__: 'n', env: 'prod' }, 1, 1);
    const sel = (...ms: [string, string, string][]): string[] =>
      db
        .select(ms.map(([n, t, v]) => newMatcher(t as '=', n, v)), 0, 10)
        .map((s) => s.labels.map((l) => l.value).join(','));
    expect(sel(['__name__', '=', 'm'], ['env', '!=', 'prod'])).toEqual(['m,dev,b-1', 'm,c-1']);
    expect(sel(['__name__', '=', 'm'], ['env', '=', ''])).toEqual(['m,c-1']);
    expect(sel(['pod', '=~', '[ab]-.*'])).toEqual(['m,dev,b-1', 'm,prod,a-1']);
    expect(sel(['pod', '=~', 'a'])).toEqual([]);
    expect(sel(['__name__', '=~', 'm|n'], ['env', '!~', 'p.*'])).toEqual(['m,dev,b-1', 'm,c-1']);
    expect(sel(['env', '=~', '(?i)PROD'])).toEqual(['m,prod,a-1', 'n,prod']);
    expect(sel(['pod', '=~', '[[:alpha:]]-[[:digit:]]'])).toHaveLength(3);
    expect(db.labelNames()).toEqual(['__name__', 'env', 'pod']);
    expect(db.labelValues('env')).toEqual(['dev', 'prod']);
  });

  it('applies retention and forgets series with no samples left', () => {
    const db = new MemTsdb({ retentionMs: 60_000, samplesPerChunk: 4 });
    for (let t = 0; t <= 120_000; t += 10_000) db.append({ __name__: 'a' }, t, t);
    db.append({ __name__: 'old' }, 5_000, 1);
    db.applyRetention(120_000);
    expect(db.labelValues('__name__')).toEqual(['a']);
    const got = samples(db.select([newMatcher('=', '__name__', 'a')], -Infinity, Infinity)[0]!);
    expect(got.map((p) => p[0])).toEqual([60_000, 70_000, 80_000, 90_000, 100_000, 110_000, 120_000]);
    expect(() => db.append({ __name__: 'b' }, 1_000, 1)).toThrow('out of bounds');
  });

  it('compresses regular scrapes to about 1-2 bytes per sample', () => {
    const db = new MemTsdb();
    for (let s = 0; s < 100; s++) {
      let v = 0;
      for (let i = 0; i < 720; i++) {
        v += (i * 7 + s) % 13;
        db.append({ __name__: 'c_total', s: String(s) }, 1_700_000_000_000 + i * 15_000 + (i % 3), v);
      }
    }
    const st = db.stats();
    expect(st.samples).toBe(72_000);
    expect(st.bytesPerSample).toBeLessThan(3);
  });
});
