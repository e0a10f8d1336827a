import { mkdtemp, open, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MvccStore } from '../mvcc/mvcc-store';
import { b, kvString } from '../test-util';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec';
import { Snapshotter } from './snapshotter';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedeck-snap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 50 keys written 3 times each, 10 deleted, compacted in the middle. */
function sample(): MvccStore {
  const m = new MvccStore();
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 50; i++) m.put({ key: `/registry/pods/ns/p-${i}`, value: b(`v${round}-${i}`), lease: i % 3 });
    if (round === 1) m.compact(m.currentRevision - 20);
  }
  m.deleteRange({ key: '/registry/pods/ns/p-1', rangeEnd: '/registry/pods/ns/p-2' });
  return m;
}

function dump(m: MvccStore): string[] {
  const out: string[] = [];
  for (let rev = m.compactRevision; rev <= m.currentRevision; rev++) {
    out.push(`@${rev}: ${m.range({ key: '\0', rangeEnd: '\0', revision: rev }).kvs.map(kvString).join(' ')}`);
  }
  return out;
}

describe('snapshot codec', () => {
  it('round-trips a state across many small records', async () => {
    const m = sample();
    const path = join(dir, 'x.snap');
    await writeFile(path, Buffer.concat([...encodeSnapshot({ term: 1, index: 77 }, m.capture(), 200)]));
    const fh = await open(path, 'r');
    const { meta, state } = await decodeSnapshot(fh, (await fh.stat()).size);
    await fh.close();
    expect(meta).toEqual({ term: 1, index: 77 });
    const copy = MvccStore.fromState(state);
    expect(copy.currentRevision).toBe(m.currentRevision);
    expect(copy.compactRevision).toBe(m.compactRevision);
    expect(dump(copy)).toEqual(dump(m));
  });
});

describe('Snapshotter', () => {
  it('saves atomically under etcd’s name and loads the newest', async () => {
    const s = await Snapshotter.open(dir);
    const m = sample();
    await s.save({ term: 1, index: 10 }, new MvccStore().capture());
    expect(await s.save({ term: 1, index: 20 }, m.capture())).toBe('0000000000000001-0000000000000014.snap');
    expect((await readdir(dir)).sort()).toEqual(['0000000000000001-000000000000000a.snap', '0000000000000001-0000000000000014.snap']);
    const { loaded, skipped } = await s.loadNewest();
    expect(skipped).toEqual([]);
    expect(loaded?.meta.index).toBe(20);
    expect(loaded && dump(MvccStore.fromState(loaded.state))).toEqual(dump(m));
  });

  const damages: { name: string; damage: (f: string) => Promise<void>; why: RegExp }[] = [
    { name: 'truncated', damage: async (f) => truncate(f, 100), why: /corrupt|incomplete/ },
    {
      name: 'a flipped byte',
      damage: async (f) => {
        const d = await readFile(f);
        d[d.length >> 1] ^= 0x55;
        await writeFile(f, d);
      },
      why: /CRC mismatch/,
    },
    { name: 'empty', damage: (f) => writeFile(f, ''), why: /incomplete/ },
  ];
  for (const d of damages) {
    it(`skips a broken newest snapshot (${d.name}) and loads the one before`, async () => {
      const s = await Snapshotter.open(dir);
      await s.save({ term: 1, index: 10 }, sample().capture());
      await s.save({ term: 1, index: 20 }, sample().capture());
      await d.damage(join(dir, '0000000000000001-0000000000000014.snap'));
      const { loaded, skipped } = await s.loadNewest();
      expect(loaded?.meta.index).toBe(10);
      expect(skipped.map((x) => x.name)).toEqual(['0000000000000001-0000000000000014.snap']);
      expect(skipped[0].error).toMatch(d.why);
    });
  }

  it('removes temporary files a crash left behind', async () => {
    await writeFile(join(dir, '0000000000000001-0000000000000005.snap.tmp'), 'partial');
    await Snapshotter.open(dir);
    expect(await readdir(dir)).toEqual([]);
  });

  it('purge keeps the newest n and tells the oldest index kept', async () => {
    const s = await Snapshotter.open(dir);
    const empty = new MvccStore().capture();
    for (const index of [5, 10, 15]) await s.save({ term: 1, index }, empty);
    expect(await s.purge(2)).toBe(10);
    expect((await s.list()).map((x) => x.index)).toEqual([15, 10]);
    expect(await s.purge(1)).toBe(15);
    expect((await s.list()).map((x) => x.index)).toEqual([15]);
  });
});
