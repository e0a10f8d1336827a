/**
 * snapshot save / status / restore. `save` streams the member's Snapshot RPC into a file
 * (`<file>.part`, renamed when complete and verified); `status` and `restore` read files in the
 * Kubedeck format (see snapshot-file.ts); `restore` writes a new member folder with the store's
 * own writer (store/restore.ts). Log lines go to stderr as etcdctl's zap logger prints them.
 */
import { createHash } from 'node:crypto';
import { access, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { clusterId, memberId } from '../etcd-api/member-info';
import { writeRestoredMember } from '../restore';
import { RpcError } from './client';
import { boolFlag, stringFlag, type Command, type CommandContext, type LeafCommand } from './command';
import { EtcdctlError, ExitCode } from './errors';
import { hexId, humanizeBytes } from './go-format';
import { readSnapshotFile, SHA256_BYTES, totalKeys } from './snapshot-file';
import type { SnapshotResponse } from './wire';

/** A zap JSON log line; `iso` picks the ISO timestamp some of etcd's loggers use. */
function logLine(fields: Record<string, unknown>, iso = false): string {
  const now = Date.now();
  return `${JSON.stringify({ level: 'info', ts: iso ? new Date(now).toISOString() : now / 1000, ...fields })}\n`;
}

const snapshotGroup: Command = { kind: 'group', path: ['snapshot'], short: 'Manages etcd node snapshots', persistentFlags: [] };

const save: LeafCommand = {
  kind: 'leaf',
  path: ['snapshot', 'save'],
  short: 'Stores an etcd node backend snapshot to a given file',
  usage: 'snapshot save <filename>',
  flags: [],
  async run(ctx: CommandContext): Promise<number> {
    if (ctx.args.length !== 1) throw new EtcdctlError('snapshot save expects one argument', ExitCode.BadArgs);
    const eps = ctx.global.endpoints;
    if (eps.length !== 1) throw new EtcdctlError(`snapshot must be requested to one selected node, not multiple [${eps.join(' ')}]`, ExitCode.BadArgs);
    const file = ctx.args[0];
    const part = `${file}.part`;
    const fh = await open(part, 'w', 0o600).catch((e: NodeJS.ErrnoException) => {
      throw new EtcdctlError(`could not open ${part} (${e.code === 'ENOENT' ? 'no such file or directory' : e.message})`, ExitCode.Error);
    });
    ctx.io.err(logLine({ caller: 'snapshot/v3_snapshot.go:119', msg: 'created temporary db file', path: part }));
    const started = process.hrtime.bigint();
    let size = 0;
    try {
      const conn = await (await ctx.client()).pick();
      const stream = conn.serverStream<SnapshotResponse>('Maintenance', 'Snapshot', {});
      ctx.io.err(logLine({ caller: 'clientv3/maintenance.go:200', msg: 'opened snapshot stream; downloading' }, true));
      ctx.io.err(logLine({ caller: 'snapshot/v3_snapshot.go:127', msg: 'fetching snapshot', endpoint: eps[0] }));
      const sha = createHash('sha256');
      let tail = Buffer.alloc(0);
      try {
        for await (const r of stream as AsyncIterable<SnapshotResponse>) {
          const blob = Buffer.from(r.blob);
          await fh.write(blob, 0, blob.length, size);
          size += blob.length;
          // Hash everything but the last 32 bytes, which should be the server's SHA-256 of the rest.
          const joined = Buffer.concat([tail, blob]);
          const keep = Math.max(0, joined.length - SHA256_BYTES);
          sha.update(joined.subarray(0, keep));
          tail = joined.subarray(keep);
        }
      } catch (e) {
        const err = e as { code?: number; details?: string };
        throw typeof err.code === 'number' ? Object.assign(new RpcError(err.code, err.details ?? String(e)), { target: conn.target }) : e;
      }
      ctx.io.err(logLine({ caller: 'clientv3/maintenance.go:208', msg: 'completed snapshot read; closing' }, true));
      if (size % 512 !== SHA256_BYTES) throw new EtcdctlError(`sha256 checksum not found [bytes: ${size}]`, ExitCode.Error);
      const got = sha.digest();
      if (!got.equals(tail)) throw new EtcdctlError(`sha256 mismatch: expected ${tail.toString('hex')}, got ${got.toString('hex')}`, ExitCode.Error);
      await fh.sync();
      await fh.close();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await unlink(part).catch(() => undefined);
      throw e;
    }
    const took = Number(process.hrtime.bigint() - started) / 1e9;
    ctx.io.err(logLine({ caller: 'snapshot/v3_snapshot.go:142', msg: 'fetched snapshot', endpoint: eps[0], size: humanizeBytes(size), took }));
    await rename(part, file);
    ctx.io.err(logLine({ caller: 'snapshot/v3_snapshot.go:152', msg: 'saved', path: file }));
    ctx.io.out(`Snapshot saved at ${file}\n`);
    return ExitCode.Success;
  },
};

const status: LeafCommand = {
  kind: 'leaf',
  path: ['snapshot', 'status'],
  short: 'Gets backend snapshot status of a given file',
  usage: 'snapshot status <filename>',
  description: [
    'When --write-out is set to simple, this command prints out comma-separated status lists for each endpoint.',
    'The items in the lists are hash, revision, total keys, total size.',
  ].join('\n'),
  flags: [],
  async run(ctx: CommandContext): Promise<number> {
    if (ctx.args.length !== 1) throw new EtcdctlError('snapshot status requires exactly one argument', ExitCode.BadArgs);
    const snap = await readSnapshotFile(ctx.args[0]);
    ctx.printer.snapshotStatus({ hash: snap.hash, revision: snap.state.revision, totalKey: totalKeys(snap.state), totalSize: snap.size });
    return ExitCode.Success;
  },
};

/** `a=http://x:2380,b=http://y:2380` → name → peer URLs, in the order given. */
export function parseInitialCluster(s: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of s.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new EtcdctlError(`invalid --initial-cluster entry ${JSON.stringify(part)} (want name=peer-url)`, ExitCode.BadArgs);
    const name = part.slice(0, eq);
    out.set(name, [...(out.get(name) ?? []), part.slice(eq + 1)]);
  }
  return out;
}

const restore: LeafCommand = {
  kind: 'leaf',
  path: ['snapshot', 'restore'],
  short: 'Restores an etcd member snapshot to an etcd directory',
  usage: 'snapshot restore <filename> [options]',
  flags: [
    stringFlag('data-dir', 'Path to the data directory'),
    stringFlag('initial-advertise-peer-urls', "List of this member's peer URLs to advertise to the rest of the cluster", 'http://localhost:2380'),
    stringFlag('initial-cluster', 'Initial cluster configuration for restore bootstrap', 'default=http://localhost:2380'),
    stringFlag('initial-cluster-token', 'Initial cluster token for the etcd cluster during restore bootstrap', 'etcd-cluster'),
    stringFlag('name', 'Human-readable name for this member', 'default'),
    boolFlag('skip-hash-check', 'Ignore snapshot integrity hash value (required if copied from data directory)'),
    stringFlag('wal-dir', 'Path to the WAL directory (use --data-dir if none given)'),
  ],
  async run(ctx: CommandContext): Promise<number> {
    const f = ctx.flags;
    if (ctx.args.length !== 1) throw new EtcdctlError('snapshot restore requires exactly one argument', ExitCode.BadArgs);
    if (f.str('wal-dir') !== '') throw new EtcdctlError('this etcdctl keeps the WAL inside the data directory (--wal-dir is not supported)', ExitCode.BadFeature);
    const file = ctx.args[0];
    const name = f.str('name');
    const dataDir = f.str('data-dir') || `${name}.etcd`;
    const cluster = parseInitialCluster(f.str('initial-cluster'));
    const advertised = f.str('initial-advertise-peer-urls').split(',');
    const own = cluster.get(name);
    if (!own) throw new EtcdctlError(`couldn't find local name ${JSON.stringify(name)} in the initial cluster configuration`, ExitCode.Error);
    if ([...own].sort().join(',') !== [...advertised].sort().join(',')) {
      throw new EtcdctlError(`--initial-cluster has ${name}=${own.join(',')} but missing from --initial-advertise-peer-urls=${advertised.join(',')}`, ExitCode.Error);
    }
    const exists = await access(dataDir).then(
      () => true,
      () => false,
    );
    if (exists) throw new EtcdctlError(`data-dir ${JSON.stringify(dataDir)} exists`, ExitCode.Error);
    const snap = await readSnapshotFile(file, { skipHashCheck: f.bool('skip-hash-check') });

    const memberDir = join(dataDir, 'member');
    const where = { path: file, 'wal-dir': join(memberDir, 'wal'), 'data-dir': dataDir, 'snap-dir': join(memberDir, 'snap') };
    ctx.io.err(logLine({ caller: 'snapshot/v3_snapshot.go:296', msg: 'restoring snapshot', ...where }));
    if (snap.state.compactRevision > 0) {
      ctx.io.err(
        logLine({ caller: 'mvcc/kvstore.go:388', msg: 'restored last compact revision', 'meta-bucket-name': 'meta', 'meta-bucket-name-key': 'finishedCompactRev', 'restored-compact-revision': snap.state.compactRevision }),
      );
    }
    // New identities, derived as etcd derives them from the peer URLs and the cluster token.
    const token = f.str('initial-cluster-token');
    const members = [...cluster].map(([n, urls]) => ({ name: n, urls, id: memberId(urls, token) }));
    const cid = clusterId(members.map((m) => m.id));
    await writeRestoredMember(memberDir, snap.state);
    for (const m of members) {
      ctx.io.err(logLine({ caller: 'membership/cluster.go:392', msg: 'added member', 'cluster-id': hexId(cid), 'local-member-id': '0', 'added-peer-id': hexId(m.id), 'added-peer-peer-urls': m.urls }));
    }
    ctx.io.err(logLine({ caller: 'snapshot/v3_snapshot.go:309', msg: 'restored snapshot', ...where }));
    return ExitCode.Success;
  },
};

export const snapshotCommands: Command[] = [snapshotGroup, restore, save, status];
