import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrCompacted, type WatchEvent } from './kv';
import { openStore, type StoreMember, type StoreOptions } from './member';
import { b, kvString, s } from './test-util';

let dir: string;
const open: StoreMember[] = [];
const errors: Error[] = [];

async function openMember(opts: Partial<StoreOptions> = {}): Promise<StoreMember> {
  const m = await openStore({ dataDir: join(dir, 'member'), onError: (e) => errors.push(e), ...opts });
  open.push(m);
  return m;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedeck-member-'));
  errors.length = 0;
});
afterEach(async () => {
  for (const m of open.splice(0)) await m.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every key at every revision since compaction. */
async function dump(m: StoreMember): Promise<string[]> {
  const out = [`revision ${m.currentRevision()} compacted ${m.compactRevision()}`];
  for (let rev = Math.max(1, m.compactRevision()); rev <= m.currentRevision(); rev++) {
    const r = await m.range({ key: '\0', rangeEnd: '\0', revision: rev });
    out.push(`@${rev}: ${r.kvs.map(kvString).join(' ')}`);
  }
  return out;
}

/** A mixed workload: concurrent puts, overwrites, deletes, txns and a compaction. */
async function workload(m: StoreMember, n: number): Promise<void> {
  for (let start = 0; start < n; start += 16) {
    const round = Array.from({ length: Math.min(16, n - start) }, (_, j) => start + j);
    await Promise.all(round.map((i) => m.put({ key: `/registry/pods/ns/p-${i % 40}`, value: b(`v${i}`) })));
  }
  await m.deleteRange({ key: '/registry/pods/ns/p-1', rangeEnd: '/registry/pods/ns/p-2' });
  await m.compact(m.currentRevision() - 30);
  for (let i = 0; i < 20; i++) {
    await m.txn({
      compare: [{ key: `/registry/pods/ns/p-${i}`, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
      success: [{ requestPut: { key: `/registry/pods/ns/p-${i}`, value: b(`created-${i}`) } }],
      failure: [{ requestPut: { key: `/registry/pods/ns/p-${i}`, value: b(`updated-${i}`) } }],
    });
  }
}

function nextEvents(m: StoreMember, key: string, startRevision?: number, rangeEnd?: string): Promise<WatchEvent[]> {
  return new Promise((resolve) => {
    const w = m.watch({ key, rangeEnd, startRevision, prevKv: true }, (events) => {
      w.cancel();
      resolve(events);
    });
  });
}

describe('store member', () => {
  it('implements the KV contract over the WAL', async () => {
    const m = await openMember();
    expect(m.currentRevision()).toBe(1);
    expect((await m.put({ key: 'a', value: b('1') })).header.revision).toBe(2);
    expect((await m.range({ key: 'a' })).kvs.map(kvString)).toEqual(['a=1@2/2/1']);
    const t = await m.txn({ compare: [{ key: 'a', target: 'VALUE', result: 'EQUAL', value: b('1') }], success: [{ requestPut: { key: 'a', value: b('2'), prevKv: true } }], failure: [] });
    expect(t.succeeded).toBe(true);
    expect((await m.deleteRange({ key: 'a', prevKv: true })).prevKvs.map(kvString)).toEqual(['a=2@2/3/2']);
    expect(m.currentRevision()).toBe(4);
    expect(m.stats().appliedIndex).toBe(3);
  });

  it('answers read-only txns from memory without touching the WAL', async () => {
    const m = await openMember();
    await m.put({ key: 'a', value: b('1') });
    const before = m.stats().walFsyncs;
    const r = await m.txn({ compare: [{ key: 'a', target: 'VERSION', result: 'EQUAL', version: 1 }], success: [{ requestRange: { key: 'a' } }], failure: [] });
    expect(r.succeeded).toBe(true);
    expect(m.stats().walFsyncs).toBe(before);
  });

  it('group-commits concurrent writes: 64 puts take a few fsyncs', async () => {
    const m = await openMember();
    const before = m.stats().walFsyncs;
    const res = await Promise.all(Array.from({ length: 64 }, (_, i) => m.put({ key: `k${i}`, value: b('v') })));
    expect(new Set(res.map((r) => r.header.revision)).size).toBe(64);
    expect(m.currentRevision()).toBe(65);
    expect(m.stats().walFsyncs - before).toBeLessThanOrEqual(2);
  });

  it('delivers watch events asynchronously, never inside the write call', async () => {
    const m = await openMember();
    const calls: WatchEvent[][] = [];
    m.watch({ key: 'a' }, (events) => calls.push(events));
    const pending = m.put({ key: 'a', value: b('1') });
    expect(calls).toEqual([]);
    await pending;
    const events = await nextEvents(m, 'a', 2);
    expect(events.map((e) => `${e.type} ${e.kv.key}=${s(e.kv.value)}`)).toEqual(['PUT a=1']);
    expect(calls.flat().length).toBe(1);
  });

  it('throws ErrCompacted synchronously for a watch below the compact revision', async () => {
    const m = await openMember();
    await m.put({ key: 'a', value: b('1') });
    await m.put({ key: 'a', value: b('2') });
    await m.compact(3);
    expect(() => m.watch({ key: 'a', startRevision: 2 }, () => {})).toThrow(ErrCompacted);
    await expect(m.compact(3)).rejects.toThrow(ErrCompacted);
    await expect(m.range({ key: 'a', revision: 2 })).rejects.toThrow(ErrCompacted);
  });

  it('rejects invalid requests before they reach the log', async () => {
    const m = await openMember({ maxRequestBytes: 1024 });
    await expect(m.put({ key: '', value: b('v') })).rejects.toThrow('etcdserver: key is not provided');
    await expect(m.put({ key: 'k', value: new Uint8Array(2048) })).rejects.toThrow('etcdserver: request is too large');
    await expect(
      m.txn({ compare: [], success: [{ requestPut: { key: 'k', value: b('1') } }, { requestPut: { key: 'k', value: b('2') } }], failure: [] }),
    ).rejects.toThrow('etcdserver: duplicate key given in txn request');
    expect(m.stats().appliedIndex).toBe(0);
  });

  it('restarts with the same state from snapshots + WAL after close', async () => {
    const m = await openMember({ snapshotCount: 25 });
    await workload(m, 200);
    const before = await dump(m);
    const historyBefore = (await nextEvents(m, '\0', m.compactRevision() + 1, '\0')).map(
      (e) => `${e.type} ${kvString(e.kv)} prev=${e.prevKv ? kvString(e.prevKv) : '-'}`,
    );
    expect(historyBefore.length).toBeGreaterThan(40);
    await m.close();
    const snaps = (await readdir(join(dir, 'member', 'snap'))).sort();
    expect(snaps.length).toBe(2);
    expect(snaps.every((f) => /^0000000000000001-[0-9a-f]{16}\.snap$/.test(f))).toBe(true);
    // Old WAL files are gone: only those after the older kept snapshot remain.
    expect((await readdir(join(dir, 'member', 'wal'))).length).toBeLessThanOrEqual(3);

    const again = await openMember({ snapshotCount: 25 });
    expect(await dump(again)).toEqual(before);
    // Watch history (with prevKv) replays the same after the restart.
    const historyAfter = await nextEvents(again, '\0', again.compactRevision() + 1, '\0');
    expect(historyAfter.map((e) => `${e.type} ${kvString(e.kv)} prev=${e.prevKv ? kvString(e.prevKv) : '-'}`)).toEqual(historyBefore);
    const st = again.stats();
    expect(st.recovery.snapshot).toBe(snaps[1]);
    expect(st.recovery.replayed).toBeLessThan(25);
    // And it keeps going from there.
    await again.put({ key: 'after', value: b('restart') });
    expect((await again.range({ key: 'after' })).kvs[0].modRevision).toBe(Number(before[0].split(' ')[1]) + 1);
    expect(errors).toEqual([]);
  });

  it('keeps every acknowledged write when reopened without close (a crash)', async () => {
    const m = await openMember({ snapshotCount: 30 });
    await workload(m, 150);
    await m.whenIdle();
    const before = await dump(m);
    const again = await openMember({ snapshotCount: 30 });
    expect(await dump(again)).toEqual(before);
  });

  it('recovers from the older snapshot when the newest is corrupt', async () => {
    const m = await openMember({ snapshotCount: 20 });
    await workload(m, 100);
    const before = await dump(m);
    await m.close();
    const snapDir = join(dir, 'member', 'snap');
    const newest = (await readdir(snapDir)).sort().at(-1) ?? '';
    const data = await readFile(join(snapDir, newest));
    data[data.length - 20] ^= 0xff;
    await writeFile(join(snapDir, newest), data);
    const again = await openMember({ snapshotCount: 20 });
    expect(await dump(again)).toEqual(before);
    expect(again.stats().recovery.skippedSnapshots).toEqual([newest]);
    expect(errors.map((e) => e.message).join('\n')).toContain(`skipped snapshot ${newest}`);
  });

  it('a failed fsync rejects the pending writes, applies none of them and stops writes', async () => {
    let fail = false;
    const m = await openMember({ walSyncFault: () => (fail ? new Error('EIO: i/o error, fdatasync') : undefined) });
    await m.put({ key: 'ok', value: b('1') });
    fail = true;
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => m.put({ key: `lost-${i}`, value: b('x') })));
    expect(results.every((r) => r.status === 'rejected' && /EIO: i\/o error, fdatasync.*no more writes until it is restarted/.test(String(r.reason)))).toBe(true);
    expect(m.currentRevision()).toBe(2);
    expect((await m.range({ key: 'lost-', rangeEnd: 'lost.' })).count).toBe(0);
    fail = false;
    await expect(m.put({ key: 'later', value: b('1') })).rejects.toThrow('no more writes');
    expect((await m.range({ key: 'ok' })).count).toBe(1);
  });

  it('close finishes queued writes, then refuses new ones', async () => {
    const m = await openMember();
    const writes = Array.from({ length: 10 }, (_, i) => m.put({ key: `k${i}`, value: b('v') }));
    await m.close();
    expect((await Promise.all(writes)).length).toBe(10);
    await expect(m.put({ key: 'late', value: b('v') })).rejects.toThrow('etcdserver: server stopped');
    const again = await openMember();
    expect((await again.range({ key: 'k', rangeEnd: 'l' })).count).toBe(10);
  });

  it('keeps every acknowledged write across kill -9', async () => {
    const memberDir = join(dir, 'member');
    const script = fileURLToPath(new URL('./testdata/crash-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, memberDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) if (l.startsWith('ack ')) acked.push(Number(l.slice(4)));
        if (acked.length >= 400) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`crash-writer exited early: ${stderr}`)));
    });
    await exited;
    const m = await openMember();
    const r = await m.range({ key: '/crash/', rangeEnd: '/crash0' });
    const stored = new Map(r.kvs.map((kv) => [kv.key, s(kv.value)]));
    const missing = acked.filter((i) => stored.get(`/crash/key-${i}`) !== `value-${i}`.padEnd(300, '.'));
    expect(missing).toEqual([]);
    expect(r.count).toBeGreaterThanOrEqual(acked.length);
    expect(m.stats().recovery.snapshot).toBeDefined();
  }, 30_000);
});
