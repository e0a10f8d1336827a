/** Snapshot files as `snapshot save` writes them, read back for status and restored into a member folder. */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../member';
import { MvccStore } from '../mvcc/mvcc-store';
import { writeRestoredMember } from '../restore';
import { encodeSnapshot } from '../snapshot/snapshot-codec';
import { b, kvString } from '../test-util';
import { EtcdctlError } from './errors';
import { runEtcdctl } from './main';
import { readSnapshotFile, totalKeys } from './snapshot-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedeck-etcdctl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sample(): MvccStore {
  const m = new MvccStore();
  for (let i = 0; i < 20; i++) m.put({ key: `/registry/configmaps/default/cm-${i}`, value: b(`v${i}`), lease: 0 });
  m.put({ key: '/registry/configmaps/default/cm-0', value: b('again'), lease: 0 });
  m.compact(5);
  m.deleteRange({ key: '/registry/configmaps/default/cm-1' });
  return m;
}

/** What the server streams: the encoded snapshot, zero padding to 512 bytes, SHA-256 of both. */
function streamed(m: MvccStore): Buffer {
  const body = Buffer.concat([...encodeSnapshot({ term: 1, index: 42 }, m.capture())]);
  const padded = Buffer.concat([body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
  return Buffer.concat([padded, createHash('sha256').update(padded).digest()]);
}

async function etcdctl(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEtcdctl(argv, { stdout: { write: (s) => (out += String(s)) }, stderr: { write: (s) => (err += String(s)) }, env: {} });
  return { code, out, err };
}

describe('snapshot files', () => {
  it('reads a saved snapshot: revision, keys, size without the SHA-256 trailer', async () => {
    const m = sample();
    const file = join(dir, 'snap.db');
    const bytes = streamed(m);
    await writeFile(file, bytes);
    const snap = await readSnapshotFile(file);
    expect(snap.state.revision).toBe(m.currentRevision);
    expect(snap.size).toBe(bytes.length - 32);
    expect(totalKeys(snap.state)).toBe(snap.state.base.length + snap.state.log.reduce((n, r) => n + r.changes.length, 0));
    const r = await etcdctl(['snapshot', 'status', file, '-w', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ hash: snap.hash, revision: m.currentRevision, totalKey: totalKeys(snap.state), totalSize: bytes.length - 32 });
  });

  it('refuses a damaged file and a real etcd (bbolt) file', async () => {
    const bytes = streamed(sample());
    bytes[100] ^= 0xff;
    await writeFile(join(dir, 'bad.db'), bytes);
    await expect(readSnapshotFile(join(dir, 'bad.db'))).rejects.toThrow(/expected sha256/);
    const bolt = Buffer.alloc(4096 * 4 + 32);
    bolt.writeUInt32LE(0xed0cdaed, 16);
    await writeFile(join(dir, 'bolt.db'), bolt);
    const r = await etcdctl(['snapshot', 'status', join(dir, 'bolt.db')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`Error: ${join(dir, 'bolt.db')} is an etcd (bbolt) snapshot; this etcdctl reads Kubedeck snapshots only (use the etcdctl that came with that etcd)\n`);
    await expect(readSnapshotFile(join(dir, 'none.db'))).rejects.toBeInstanceOf(EtcdctlError);
  });

  it('restores into a member folder the store opens with the same keys and history', async () => {
    const m = sample();
    const file = join(dir, 'snap.db');
    await writeFile(file, streamed(m));
    const dataDir = join(dir, 'restored');
    const r = await etcdctl(['snapshot', 'restore', file, '--data-dir', dataDir, '--name', 'r1', '--initial-cluster', 'r1=http://127.0.0.1:40000', '--initial-advertise-peer-urls', 'http://127.0.0.1:40000', '--initial-cluster-token', 'tk']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const logs = r.err.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.map((l) => l.msg)).toEqual(['restoring snapshot', 'restored last compact revision', 'added member', 'restored snapshot']);
    expect(logs[2]).toMatchObject({ 'added-peer-peer-urls': ['http://127.0.0.1:40000'], 'local-member-id': '0' });
    expect(await readdir(join(dataDir, 'member'))).toEqual(['snap', 'wal']);

    const store = await openStore({ dataDir: join(dataDir, 'member'), onError: () => undefined });
    try {
      expect(store.currentRevision()).toBe(m.currentRevision);
      expect(store.compactRevision()).toBe(m.compactRevision);
      const all = { key: '\0', rangeEnd: '\0' };
      expect((await store.range(all)).kvs.map(kvString)).toEqual(m.range(all).kvs.map(kvString));
      await store.put({ key: 'after-restore', value: b('x'), lease: 0 });
      expect(store.currentRevision()).toBe(m.currentRevision + 1);
    } finally {
      await store.close();
    }
    expect((await etcdctl(['snapshot', 'restore', file, '--data-dir', dataDir, '--name', 'r1', '--initial-cluster', 'r1=http://127.0.0.1:40000', '--initial-advertise-peer-urls', 'http://127.0.0.1:40000'])).err).toBe(
      `Error: data-dir ${JSON.stringify(dataDir)} exists\n`,
    );
  });

  it('writeRestoredMember refuses an existing folder', async () => {
    await expect(writeRestoredMember(dir, sample().capture())).rejects.toThrow(/already exists/);
  });
});
