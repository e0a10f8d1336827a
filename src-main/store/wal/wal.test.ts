import { appendFile, mkdtemp, readdir, rm, stat, truncate, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc32, crc32Table } from './crc32';
import { Wal, WalError, type WalEntry, type WalOptions } from './wal';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedeck-wal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (index: number, text = `entry-${index}`): WalEntry => ({ index, data: Buffer.from(text) });

async function reopen(afterIndex = 0, opts: WalOptions = {}) {
  const seen: string[] = [];
  const { wal, recovery } = await Wal.open(dir, afterIndex, (e) => seen.push(`${e.index}:${Buffer.from(e.data).toString()}`), opts);
  return { wal, recovery, seen };
}

async function writeEntries(from: number, to: number, opts: WalOptions = {}): Promise<Wal> {
  const { wal } = await reopen(from - 1, opts);
  for (let i = from; i <= to; i++) await wal.save([entry(i)]);
  return wal;
}

describe('Wal', () => {
  it('creates the first file with etcd’s name and replays entries in order', async () => {
    const wal = await writeEntries(1, 5);
    expect(wal.fileNames).toEqual(['0000000000000000-0000000000000000.wal']);
    await wal.close();
    const { wal: again, seen, recovery } = await reopen();
    expect(seen).toEqual(['1:entry-1', '2:entry-2', '3:entry-3', '4:entry-4', '5:entry-5']);
    expect(recovery).toMatchObject({ lastIndex: 5, replayed: 5, tornBytes: 0 });
    expect(again.lastIndex).toBe(5);
    await again.close();
  });

  it('skips entries up to afterIndex', async () => {
    await (await writeEntries(1, 5)).close();
    const { wal, seen } = await reopen(3);
    expect(seen).toEqual(['4:entry-4', '5:entry-5']);
    await wal.close();
  });

  it('writes a whole batch with one fdatasync', async () => {
    const { wal } = await reopen();
    await wal.save(Array.from({ length: 64 }, (_, i) => entry(i + 1)));
    expect(wal.fsyncs).toBe(1);
    await wal.close();
  });

  it('refuses entries that do not follow the last one', async () => {
    const wal = await writeEntries(1, 2);
    await expect(wal.save([entry(4)])).rejects.toThrow('does not follow');
    await wal.save([entry(3)]);
    await wal.close();
  });

  const tails: { name: string; damage: (file: string) => Promise<void> }[] = [
    { name: 'garbage appended', damage: (f) => appendFile(f, Buffer.from('\x13\x00\x00\x00garbage-garbage-garbage')) },
    { name: 'zeros appended (a preallocated or torn sector)', damage: (f) => appendFile(f, Buffer.alloc(4096)) },
    { name: 'a half-written record', damage: async (f) => truncate(f, (await stat(f)).size - 5) },
    { name: 'a half-written header', damage: async (f) => appendFile(f, Buffer.from([0x20, 0x00])) },
    {
      name: 'a flipped byte in the last record',
      damage: async (f) => {
        const data = await readFile(f);
        data[data.length - 2] ^= 0xff;
        await writeFile(f, data);
      },
    },
  ];
  for (const t of tails) {
    it(`cuts a torn tail (${t.name}) and keeps every earlier record`, async () => {
      await (await writeEntries(1, 10)).close();
      const file = join(dir, '0000000000000000-0000000000000000.wal');
      await t.damage(file);
      const { wal, seen, recovery } = await reopen();
      const damagedLast = t.name.includes('half-written record') || t.name.includes('flipped');
      const expected = Array.from({ length: damagedLast ? 9 : 10 }, (_, i) => `${i + 1}:entry-${i + 1}`);
      expect(seen).toEqual(expected);
      expect(recovery.tornBytes).toBeGreaterThan(0);
      // The log continues cleanly after the cut.
      await wal.save([entry(expected.length + 1, 'after')]);
      await wal.close();
      const { wal: third, seen: seen3, recovery: r3 } = await reopen();
      expect(seen3).toEqual([...expected, `${expected.length + 1}:after`]);
      expect(r3.tornBytes).toBe(0);
      await third.close();
    });
  }

  it('refuses corruption in a file that is not the newest', async () => {
    const wal = await writeEntries(1, 3);
    await wal.cut();
    await wal.save([entry(4)]);
    await wal.close();
    const first = join(dir, '0000000000000000-0000000000000000.wal');
    const data = await readFile(first);
    data[12] ^= 0xff;
    await writeFile(first, data);
    await expect(reopen()).rejects.toThrow(WalError);
    await expect(reopen()).rejects.toThrow(/not the newest file/);
  });

  it('cuts new files (named seq-firstIndex) and releases the ones a snapshot covers', async () => {
    const wal = await writeEntries(1, 3);
    await wal.cut();
    await wal.cut(); // nothing written since: no new file
    await wal.save([entry(4)]);
    await wal.save([entry(5)]);
    await wal.cut();
    await wal.save([entry(6)]);
    expect(wal.fileNames).toEqual([
      '0000000000000000-0000000000000000.wal',
      '0000000000000001-0000000000000004.wal',
      '0000000000000002-0000000000000006.wal',
    ]);
    await wal.releaseTo(4); // the second file still holds 5
    expect(wal.fileNames.length).toBe(2);
    await wal.releaseTo(5);
    expect(wal.fileNames).toEqual(['0000000000000002-0000000000000006.wal']);
    await wal.releaseTo(99); // never the current file
    expect((await readdir(dir)).sort()).toEqual(['0000000000000002-0000000000000006.wal']);
    await wal.close();
    const { wal: again, seen } = await reopen(5);
    expect(seen).toEqual(['6:entry-6']);
    await again.close();
  });

  it('reports missing entries between the snapshot and the oldest file', async () => {
    const wal = await writeEntries(1, 3);
    await wal.cut();
    await wal.save([entry(4)]);
    await wal.releaseTo(3);
    await wal.close();
    await expect(reopen(1)).rejects.toThrow('entries 2..3 are missing');
  });

  it('starts a new file when the current one passes segmentBytes', async () => {
    // Each record here is 24 bytes: a new file after every second one.
    const wal = await writeEntries(1, 6, { segmentBytes: 40 });
    expect(wal.fileNames).toEqual([
      '0000000000000000-0000000000000000.wal',
      '0000000000000001-0000000000000003.wal',
      '0000000000000002-0000000000000005.wal',
    ]);
    await wal.close();
    const { wal: again, seen } = await reopen();
    expect(seen.length).toBe(6);
    await again.close();
  });

  it('a failed fsync rejects the batch and every later write', async () => {
    let fail = false;
    const wal = await writeEntries(1, 2, { syncFault: () => (fail ? new Error('EIO: i/o error, fdatasync') : undefined) });
    fail = true;
    await expect(wal.save([entry(3)])).rejects.toThrow(/writing .* failed \(EIO: i\/o error, fdatasync\); the member accepts no more writes/);
    fail = false;
    await expect(wal.save([entry(3)])).rejects.toThrow(WalError);
    expect(wal.lastIndex).toBe(2);
    await wal.close();
  });

  it('uses the same CRC-32 as zlib, with or without zlib.crc32', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(crc32Table(data)).toBe(0x414fa339);
    expect(crc32(data)).toBe(0x414fa339);
    const z = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
    if (z) expect(z(data)).toBe(0x414fa339);
    expect(crc32Table(data.subarray(10), crc32Table(data.subarray(0, 10)))).toBe(0x414fa339);
  });
});
