/**
 * The real etcdctl 3.4 (Debian's etcd-client) against the embedded cluster's etcd endpoint, with
 * the kubeadm certificate paths a CKA drill uses: what it prints must be shaped as against a real
 * etcd member.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubedeck, tempDir, type KubedeckProcess } from '../harness/kubedeck-process';

let kd: KubedeckProcess;
let flags: string[];

function etcdctl(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('etcdctl', [...flags, ...args], { env: { ...process.env, ETCDCTL_API: '3', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(args: string[]): Promise<string> {
  const r = await etcdctl(args);
  if (r.code !== 0) throw new Error(`etcdctl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  kd = await startKubedeck();
  const endpoints = kd.lines.ETCD_ENDPOINTS;
  const pki = join(kd.dataDir, 'clusters', 'default', 'nodes', 'cp-1', 'etc', 'kubernetes', 'pki', 'etcd');
  flags = [`--endpoints=${endpoints}`, `--cacert=${join(pki, 'ca.crt')}`, `--cert=${join(pki, 'server.crt')}`, `--key=${join(pki, 'server.key')}`];
});

afterAll(async () => {
  await kd?.stop();
});

describe('etcdctl 3.4 against the embedded etcd endpoint', () => {
  it('prints ETCD_ENDPOINTS and has the kubeadm etcd certificates on disk', () => {
    expect(kd.lines.ETCD_ENDPOINTS).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const pki = join(kd.dataDir, 'clusters', 'default', 'nodes', 'cp-1', 'etc', 'kubernetes', 'pki');
    for (const f of ['etcd/ca.crt', 'etcd/server.crt', 'etcd/peer.crt', 'etcd/healthcheck-client.crt', 'apiserver-etcd-client.crt']) expect(existsSync(join(pki, f))).toBe(true);
  });

  it('put / get / del, with the formats etcdctl prints', async () => {
    expect(await ok(['put', 'drill', 'one'])).toBe('OK\n');
    expect(await ok(['get', 'drill'])).toBe('drill\none\n');
    expect(await ok(['get', 'drill', '--print-value-only'])).toBe('one\n');
    const json = JSON.parse(await ok(['get', 'drill', '-w', 'json'])) as { header: { revision: number; raft_term: number }; kvs: { key: string; value: string; version: number }[]; count: number };
    expect(json.header.raft_term).toBe(2);
    expect(Buffer.from(json.kvs[0].key, 'base64').toString()).toBe('drill');
    expect(json.kvs[0].version).toBe(1);
    expect(json.count).toBe(1);
    expect(await ok(['del', 'drill'])).toBe('1\n');
    expect(await ok(['get', 'drill'])).toBe('');
  });

  it('reads what the API server stored, under /registry', async () => {
    const keys = await ok(['get', '/registry/namespaces', '--prefix', '--keys-only']);
    expect(keys.split('\n').filter(Boolean)).toEqual(['/registry/namespaces/default', '/registry/namespaces/kube-node-lease', '/registry/namespaces/kube-public', '/registry/namespaces/kube-system']);
    const value = await ok(['get', '/registry/namespaces/default', '--print-value-only']);
    expect(JSON.parse(value)).toMatchObject({ kind: 'Namespace', metadata: { name: 'default' } });
  });

  it('watch sees puts and deletes', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('etcdctl', [...flags, 'watch', 'w'], { env: { ...process.env, ETCDCTL_API: '3' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => setTimeout(r, 500));
    await ok(['put', 'w', 'v1']);
    await ok(['del', 'w']);
    const start = Date.now();
    while (!out.includes('DELETE') && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
    child.kill();
    expect(out).toBe('PUT\nw\nv1\nDELETE\nw\n\n');
  });

  it('member list, endpoint status and health, alarm list, defrag as a real member answers them', async () => {
    const members = await ok(['member', 'list', '-w', 'table']);
    expect(members).toMatch(/\|\s+ID\s+\|\s+STATUS\s+\|\s+NAME\s+\|\s+PEER ADDRS\s+\|\s+CLIENT ADDRS\s+\|\s+IS LEARNER\s+\|/);
    expect(members).toMatch(/\|\s+[0-9a-f]+\s+\|\s+started\s+\|\s+cp-1\s+\|\s+https:\/\/172\.18\.0\.2:2380\s+\|\s+https:\/\/127\.0\.0\.1:\d+\s+\|\s+false\s+\|/);
    const status = await ok(['endpoint', 'status', '-w', 'table']);
    expect(status).toMatch(/\|\s+ENDPOINT\s+\|\s+ID\s+\|\s+VERSION\s+\|\s+DB SIZE\s+\|\s+IS LEADER\s+\|\s+IS LEARNER\s+\|\s+RAFT TERM\s+\|\s+RAFT INDEX\s+\|\s+RAFT APPLIED INDEX\s+\|\s+ERRORS\s+\|/);
    expect(status).toMatch(/\|\s+https:\/\/127\.0\.0\.1:\d+\s+\|\s+[0-9a-f]+\s+\|\s+3\.5\.16\s+\|\s+\d+ kB\s+\|\s+true\s+\|\s+false\s+\|\s+2\s+\|\s+\d+\s+\|\s+\d+\s+\|\s+\|/);
    const health = await etcdctl(['endpoint', 'health']);
    expect(health.code).toBe(0);
    expect(health.stdout + health.stderr).toMatch(/^https:\/\/127\.0\.0\.1:\d+ is healthy: successfully committed proposal: took = [\d.]+m?s$/m);
    expect(await ok(['alarm', 'list'])).toBe('');
    expect(await ok(['defrag'])).toMatch(/^Finished defragmenting etcd member\[https:\/\/127\.0\.0\.1:\d+\]$/m);
  });

  it('leases: grant, attach a key, revoke deletes it', async () => {
    const granted = await ok(['lease', 'grant', '60']);
    const m = /^lease ([0-9a-f]+) granted with TTL\(60s\)$/m.exec(granted);
    expect(m).not.toBeNull();
    const id = m![1];
    await ok(['put', 'leased', 'x', `--lease=${id}`]);
    expect(await ok(['lease', 'timetolive', id, '--keys'])).toMatch(new RegExp(`^lease ${id} granted with TTL\\(60s\\), remaining\\(\\d+s\\), attached keys\\(\\[leased\\]\\)$`, 'm'));
    expect(await ok(['lease', 'revoke', id])).toBe(`lease ${id} revoked\n`);
    expect(await ok(['get', 'leased'])).toBe('');
  });

  it('compaction makes old revisions unreadable with etcd\'s error', async () => {
    await ok(['put', 'old', 'v']);
    const rev = (JSON.parse(await ok(['get', 'old', '-w', 'json'])) as { header: { revision: number } }).header.revision;
    await ok(['put', 'old', 'v2']);
    expect(await ok(['compaction', String(rev + 1)])).toBe(`compacted revision ${rev + 1}\n`);
    const r = await etcdctl(['get', 'old', `--rev=${rev}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error: etcdserver: mvcc: required revision has been compacted');
  });

  it('snapshot save writes the file and reports where', async () => {
    const file = join(tempDir('snap'), 'snapshot.db');
    const r = await etcdctl(['snapshot', 'save', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Snapshot saved at ${file}\n`);
    // Whole 512-byte pages plus the 32-byte SHA-256 etcdctl 3.4 keeps at the end, as with real etcd (ORACLES.md).
    expect(statSync(file).size % 512).toBe(32);
  });
});
