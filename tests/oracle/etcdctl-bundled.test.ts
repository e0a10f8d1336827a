/**
 * The bundled etcdctl (src-main/store/etcdctl, run in-process) against the real etcdctl 3.4 on a
 * real etcd 3.4 member: the same command lines must print the same bytes and exit alike, once IDs,
 * timings, timestamps and revisions that legitimately differ are masked. Then snapshot save /
 * status / restore against the embedded Kubedeck etcd endpoint, the restored folder opened with
 * the store's own openStore.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEtcdctl } from '../../src-main/store/etcdctl/main';
import { openStore } from '../../src-main/store/member';
import { startKubedeck, tempDir, type KubedeckProcess } from '../harness/kubedeck-process';

const ETCD = '/usr/bin/etcd';
const ETCDCTL = '/usr/bin/etcdctl';

interface Result {
  code: number;
  out: string;
  err: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function real(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(ETCDCTL, args, { env: { PATH: process.env.PATH ?? '', ETCDCTL_API: '3', ...env }, timeout: 30_000 }, (err, out, errOut) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out, err: errOut });
    });
    child.stdin?.end();
  });
}

async function bundled(args: string[], env: Record<string, string> = {}, signal?: AbortSignal, onOut?: (s: string) => void): Promise<Result> {
  let out = '';
  let err = '';
  const code = await runEtcdctl(args, {
    stdout: {
      write: (s) => {
        out += String(s);
        onOut?.(out);
      },
    },
    stderr: { write: (s) => (err += String(s)) },
    env: { ETCDCTL_API: '3', ...env },
    signal,
  });
  return { code, out, err };
}

/** What legitimately differs between two runs: log timestamps, client UUIDs, timings, revisions. */
function mask(s: string): string {
  return s
    .replace(/"ts":"[^"]+"/g, '"ts":"<ts>"')
    .replace(/client-[0-9a-f-]{36}/g, 'client-<uuid>')
    .replace(/took = \S+/g, 'took = <d>')
    .replace(/"(revision|create_revision|mod_revision|version|raftIndex|raftAppliedIndex)":\d+/g, '"$1":<n>')
    .replace(/"(Revision|CreateRevision|ModRevision|Version|PrevCreateRevision|PrevModRevision|PrevVersion)" : \d+/g, '"$1" : <n>');
}

let etcd: ChildProcess;
let workDir: string;
let ep: string;
let closedPort: number;

/** Runs both; `setup` (if any) runs before each so both see the same state. */
async function both(args: string[], setup?: () => Promise<unknown>): Promise<{ r: Result; b: Result }> {
  await setup?.();
  const r = await real([`--endpoints=${ep}`, ...args]);
  await setup?.();
  const b = await bundled([`--endpoints=${ep}`, ...args]);
  return { r, b };
}

async function expectSame(args: string[], setup?: () => Promise<unknown>): Promise<Result> {
  const { r, b } = await both(args, setup);
  expect({ code: b.code, out: mask(b.out), err: mask(b.err) }).toEqual({ code: r.code, out: mask(r.out), err: mask(r.err) });
  return b;
}

const put = (k: string, v: string) => (): Promise<Result> => real([`--endpoints=${ep}`, 'put', k, v]);

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'kubedeck-etcd34-'));
  const [client, peer] = [await freePort(), await freePort()];
  closedPort = await freePort();
  ep = `127.0.0.1:${client}`;
  etcd = spawn(
    ETCD,
    [
      '--name', 'single', '--data-dir', join(workDir, 'data'),
      '--listen-client-urls', `http://${ep}`, '--advertise-client-urls', `http://${ep}`,
      '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
      '--initial-cluster', `single=http://127.0.0.1:${peer}`, '--initial-cluster-state', 'new', '--initial-cluster-token', 'oracle-tok',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  while ((await real([`--endpoints=${ep}`, '--command-timeout=1s', 'endpoint', 'status'])).code !== 0) {
    if (Date.now() > deadline) throw new Error('etcd 3.4 did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(() => {
  etcd?.kill('SIGKILL');
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(ETCD) || !existsSync(ETCDCTL))('bundled etcdctl vs etcdctl 3.4 on etcd 3.4', () => {
  it('put, in every format', async () => {
    await expectSame(['put', '/registry/pods/default/demo', '{"kind":"Pod"}']);
    for (const w of ['simple', 'json', 'fields']) await expectSame(['put', '/registry/pods/default/demo', '{"kind":"Pod","v":2}', '--prev-kv', '-w', w], put('/registry/pods/default/demo', '{"kind":"Pod"}'));
    await expectSame(['put', 'x', 'y', '-w', 'table']);
    await expectSame(['put']);
  });

  it('get, with its options and in every format', async () => {
    for (const k of ['k1', 'k2', 'k3']) await put(`/g/${k}`, `v-${k}`)();
    await put('/g/empty', '')();
    for (const w of ['simple', 'json', 'fields', 'table']) await expectSame(['get', '/g/', '--prefix', '-w', w]);
    await expectSame(['get', '/g/', '--prefix', '--keys-only']);
    await expectSame(['get', '/g/', '--prefix', '--keys-only', '-w', 'json']);
    await expectSame(['get', '/g/', '--prefix', '--print-value-only']);
    await expectSame(['get', '/g/', '--prefix', '--limit', '1', '-w', 'json']);
    await expectSame(['get', '/g/', '--prefix', '--sort-by=VALUE', '--order=DESCEND']);
    await expectSame(['get', '/g/k2', '--from-key']);
    await expectSame(['get', '/g/k1', '/g/k3', '--hex']);
    await expectSame(['get', '/g/k1', '--consistency=s', '-w', 'fields']);
    await expectSame(['get', '/g/k1', '--rev=1']);
    await expectSame(['get', '/nonexistent']);
    await expectSame(['get', '/nonexistent', '-w', 'json']);
  });

  it('del, in every format', async () => {
    for (const w of ['simple', 'json', 'fields']) await expectSame(['del', '/d/', '--prefix', '--prev-kv', '-w', w], async () => (await put('/d/a', '1')(), await put('/d/b', '2')()));
    await expectSame(['del', '/d/nothing']);
    await expectSame(['del', '/d/a', '--from-key', '--prefix']);
  });

  it('argument and flag errors', async () => {
    await expectSame(['get']);
    await expectSame(['get', 'a', 'b', '--prefix']);
    await expectSame(['get', 'a', '--sort-by=nope']);
    await expectSame(['lease', 'revoke', 'zz']);
    await expectSame(['compaction', 'x']);
    await expectSame(['-w', 'yaml', 'get', 'a']);
    await expectSame(['bogus']);
    // The usage printed after a bad flag lists --count-only, which the bundled etcdctl takes from 3.5.
    const { r, b } = await both(['get', 'a', '--limit=abc']);
    expect(b.code).toBe(r.code);
    expect(b.err).toBe(r.err);
    expect(b.out.replace(/^ {6}--count-only.*\n/m, '')).toBe(r.out);
  });

  it('an unreachable endpoint: context deadline exceeded after the command timeout', async () => {
    const args = [`--endpoints=127.0.0.1:${closedPort}`, '--command-timeout=1s'];
    for (const cmd of [['get', 'foo'], ['endpoint', 'status', '-w', 'table'], ['endpoint', 'health'], ['defrag']]) {
      const r = await real([...args, ...cmd]);
      const b = await bundled([...args, ...cmd]);
      const noWarn = (s: string): string => mask(s).replace(/^\{"level":"warn".*\n/gm, '<warn>\n');
      expect({ code: b.code, out: mask(b.out), err: noWarn(b.err) }).toEqual({ code: r.code, out: mask(r.out), err: noWarn(r.err) });
    }
  });

  it('member list, endpoint status / hashkv, in every format', async () => {
    for (const w of ['simple', 'json', 'fields', 'table']) {
      await expectSame(['member', 'list', '-w', w]);
      await expectSame(['endpoint', 'status', '-w', w]);
      await expectSame(['endpoint', 'hashkv', '-w', w]);
    }
    await expectSame(['endpoint', 'status', '--cluster', '-w', 'table']);
  });

  it('endpoint health, timings aside', async () => {
    const squeeze = (s: string): string => mask(s).replace(/\d+(\.\d+)?(ns|µs|ms|s)\b/g, '<d>').replace(/-+/g, '-').replace(/ +/g, ' ');
    for (const w of ['simple', 'json', 'fields', 'table']) {
      const { r, b } = await both(['endpoint', 'health', '-w', w]);
      expect({ code: b.code, out: squeeze(b.out), err: squeeze(b.err) }).toEqual({ code: r.code, out: squeeze(r.out), err: squeeze(r.err) });
    }
  });

  it('alarm list / disarm, defrag, compaction', async () => {
    await expectSame(['alarm', 'list']);
    await expectSame(['alarm', 'disarm']);
    await expectSame(['defrag']);
    const rev = async (): Promise<number> => (JSON.parse((await real([`--endpoints=${ep}`, 'get', 'x', '-w', 'json'])).out) as { header: { revision: number } }).header.revision;
    await put('/c/a', '1')();
    const r = await real([`--endpoints=${ep}`, 'compaction', String(await rev())]);
    await put('/c/a', '2')();
    const target = await rev();
    const b = await bundled([`--endpoints=${ep}`, 'compaction', String(target), '--physical']);
    expect(r.code).toBe(0);
    expect(b).toEqual({ code: 0, out: `compacted revision ${target}\n`, err: '' });
    await expectSame(['get', '/c/a', '--rev=1']);
    await expectSame(['compaction', '1']);
  });

  it('leases: grant, timetolive, keep-alive --once, list, revoke', async () => {
    const leaseMask = (s: string): string => mask(s).replace(/\b[0-9a-f]{16}\b/g, '<id>').replace(/"(ID|id)":\d+/g, '"$1":<id>').replace(/"ID" : \d+/g, '"ID" : <id>').replace(/"TTL" : \d+/, '"TTL" : <n>').replace(/remaining\(\d+s\)/, 'remaining(<n>s)').replace(/"ttl":\d+/, '"ttl":<n>');
    const grant = async (run: (a: string[]) => Promise<Result>): Promise<{ id: string; res: Result }> => {
      const res = await run([`--endpoints=${ep}`, 'lease', 'grant', '60']);
      return { id: /^lease ([0-9a-f]{16}) granted/.exec(res.out)?.[1] ?? '', res };
    };
    const gr = await grant((a) => real(a));
    const gb = await grant((a) => bundled(a));
    expect(leaseMask(gb.res.out)).toBe(leaseMask(gr.res.out));
    expect(gb.id).not.toBe('');
    // Each lease gets one key, /l/A (real) and /l/B (bundled), masked alike below.
    await real([`--endpoints=${ep}`, 'put', '/l/A', 'v', `--lease=${gr.id}`]);
    await bundled([`--endpoints=${ep}`, 'put', '/l/B', 'v', `--lease=${gb.id}`]);
    const keyMask = (s: string): string => s.replace(/\/l\/[AB]|L2wv(QQ|Qg)==/g, '<key>');
    const pair = async (args: (id: string) => string[]): Promise<void> => {
      const r = await real([`--endpoints=${ep}`, ...args(gr.id)]);
      const b = await bundled([`--endpoints=${ep}`, ...args(gb.id)]);
      expect({ code: b.code, out: keyMask(leaseMask(b.out)), err: leaseMask(b.err) }).toEqual({ code: r.code, out: keyMask(leaseMask(r.out)), err: leaseMask(r.err) });
    };
    for (const w of ['simple', 'json', 'fields']) {
      await pair((id) => ['lease', 'timetolive', id, '--keys', '-w', w]);
      await pair((id) => ['lease', 'keep-alive', '--once', id, '-w', w]);
    }
    await expectSame(['lease', 'list']);
    await expectSame(['lease', 'list', '-w', 'json']);
    await pair((id) => ['lease', 'revoke', id]);
    await pair((id) => ['lease', 'timetolive', id]);
    await expectSame(['lease', 'revoke', '1234']);
    await expectSame(['lease', 'keep-alive', '--once', '1234']);
    await expectSame(['get', '/l/', '--prefix']);
  });

  it('watch: the same events, ended by Ctrl-C', async () => {
    for (const w of ['simple', 'json', 'fields']) {
      const args = [`--endpoints=${ep}`, 'watch', `/w-${w}/`, '--prefix', '--prev-kv', '-w', w];
      const child = spawn(ETCDCTL, args, { env: { PATH: process.env.PATH ?? '', ETCDCTL_API: '3' } });
      let realOut = '';
      child.stdout.on('data', (d: Buffer) => (realOut += d.toString()));
      const ac = new AbortController();
      let bundledOut = '';
      const running = bundled(args, {}, ac.signal, (s) => (bundledOut = s));
      await new Promise((r) => setTimeout(r, 1000));
      await put(`/w-${w}/a`, '1')();
      await put(`/w-${w}/a`, '2')();
      await real([`--endpoints=${ep}`, 'del', `/w-${w}/a`]);
      const until = Date.now() + 5000;
      const done = (s: string): boolean => (w === 'json' ? s.split('\n').length > 3 : s.includes('DELETE'));
      while (!(done(realOut) && done(bundledOut)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      ac.abort();
      child.kill('SIGINT');
      const b = await running;
      expect(b.code).toBe(130);
      expect(bundledOut).toBe(realOut);
      expect(bundledOut).not.toBe('');
    }
    // A watch from a compacted revision is cancelled by the server.
    const current = (JSON.parse((await real([`--endpoints=${ep}`, 'get', 'x', '-w', 'json'])).out) as { header: { revision: number } }).header.revision;
    await real([`--endpoints=${ep}`, 'compaction', String(current)]);
    await expectSame(['watch', 'w', '--rev=1']);
  });

  it('snapshot status refuses a real etcd snapshot, clearly', async () => {
    const file = join(workDir, 'real.db');
    expect((await real([`--endpoints=${ep}`, 'snapshot', 'save', file])).code).toBe(0);
    const b = await bundled(['snapshot', 'status', file]);
    expect(b.code).toBe(1);
    expect(b.err).toBe(`Error: ${file} is an etcd (bbolt) snapshot; this etcdctl reads Kubedeck snapshots only (use the etcdctl that came with that etcd)\n`);
  });
});

describe('bundled etcdctl snapshot save / status / restore on the embedded Kubedeck etcd', () => {
  let kd: KubedeckProcess;
  let flags: string[];

  beforeAll(async () => {
    kd = await startKubedeck();
    const pki = join(kd.dataDir, 'clusters', 'default', 'nodes', 'cp-1', 'etc', 'kubernetes', 'pki', 'etcd');
    flags = [`--endpoints=${kd.lines.ETCD_ENDPOINTS}`, `--cacert=${join(pki, 'ca.crt')}`, `--cert=${join(pki, 'server.crt')}`, `--key=${join(pki, 'server.key')}`];
  });

  afterAll(async () => {
    await kd?.stop();
  });

  it('saves, reports and restores a snapshot the store opens', async () => {
    const dir = tempDir('bundled-snap');
    const file = join(dir, 'snapshot.db');
    expect((await bundled([...flags, 'put', '/drill/restore-me', 'yes'])).code).toBe(0);

    const saved = await bundled([...flags, 'snapshot', 'save', file]);
    expect(saved.code).toBe(0);
    expect(saved.out).toBe(`Snapshot saved at ${file}\n`);
    expect(saved.err.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'created temporary db file',
      'opened snapshot stream; downloading',
      'fetching snapshot',
      'completed snapshot read; closing',
      'fetched snapshot',
      'saved',
    ]);
    expect(existsSync(`${file}.part`)).toBe(false);

    const status = await bundled(['snapshot', 'status', file, '-w', 'json']);
    expect(status.code).toBe(0);
    const st = JSON.parse(status.out) as { hash: number; revision: number; totalKey: number; totalSize: number };
    expect(st.revision).toBeGreaterThan(1);
    expect(st.totalKey).toBeGreaterThan(10);
    expect((await bundled(['snapshot', 'status', file, '-w', 'table'])).out).toMatch(/^\+-+\+-+\+-+\+-+\+\n\| +HASH +\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\n[^]*\| +[0-9a-f]+ \| +\d+ \| +\d+ \| +\d+ kB \|\n/);

    // What the live member held at the snapshot's revision is what the restored member holds.
    const live = await bundled([...flags, 'get', '/registry/namespaces/', '--prefix', '--keys-only', `--rev=${st.revision}`]);
    const dataDir = join(dir, 'restored');
    const restored = await bundled(['snapshot', 'restore', file, '--data-dir', dataDir, '--name', 'cp-1', '--initial-cluster', 'cp-1=https://172.18.0.2:2380', '--initial-advertise-peer-urls', 'https://172.18.0.2:2380']);
    expect(restored.code).toBe(0);
    expect(restored.out).toBe('');
    expect(restored.err).toContain('"msg":"restored snapshot"');

    const store = await openStore({ dataDir: join(dataDir, 'member'), onError: () => undefined });
    try {
      expect(store.currentRevision()).toBe(st.revision);
      const keys = (await store.range({ key: '/registry/namespaces/', rangeEnd: '/registry/namespaces0' })).kvs.map((kv) => kv.key);
      expect(keys.map((k) => `${k}\n\n`).join('')).toBe(live.out);
      expect(keys).toContain('/registry/namespaces/kube-system');
      const mine = await store.range({ key: '/drill/restore-me' });
      expect(Buffer.from(mine.kvs[0].value).toString()).toBe('yes');
    } finally {
      await store.close();
    }
  });
});
