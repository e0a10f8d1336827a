/**
 * The commands about members rather than keys: member list, endpoint status / health / hashkv,
 * alarm list / disarm, defrag, compaction and version. The per-endpoint ones ask every endpoint
 * in `--endpoints` (or, with --cluster, every member's client URL) and report each.
 */
import { RpcError, retryWarning, type Connection } from './client';
import { boolFlag, intFlag, stringFlag, type Command, type CommandContext, type LeafCommand } from './command';
import { EtcdctlError, ExitCode, SilentExit } from './errors';
import { parseGoInt } from './flags';
import { API_VERSION, ETCDCTL_VERSION } from './help';
import { ALARM_NAMES } from './printer';
import type { AlarmResponse, CompactionResponse, DefragmentResponse, EndpointHashKV, EndpointHealth, EndpointStatus, HashKVResponse, MemberListResponse, RangeResponse, StatusResponse } from './wire';

const ALARM_GET = 0;
const ALARM_DEACTIVATE = 2;

function asRpcError(e: unknown): RpcError | undefined {
  return e instanceof RpcError ? e : undefined;
}

/** `--endpoints`, or with --cluster the client URLs of every member. */
async function endpointsOf(ctx: CommandContext): Promise<string[]> {
  if (!ctx.flags.bool('cluster')) return ctx.global.endpoints;
  const res = await (await ctx.client()).unary<MemberListResponse>('Cluster', 'MemberList', {});
  return res.members.flatMap((m) => m.clientURLs);
}

/** Runs `fn` against each endpoint in order; failures are reported by `onError`. */
async function eachEndpoint<T>(ctx: CommandContext, fn: (c: Connection, ep: string) => Promise<T>, onError: (ep: string, e: RpcError) => void): Promise<{ results: { ep: string; value: T }[]; failed: RpcError | undefined }> {
  const results: { ep: string; value: T }[] = [];
  let failed: RpcError | undefined;
  for (const ep of await endpointsOf(ctx)) {
    const conn = await ctx.connect(ep);
    try {
      results.push({ ep, value: await fn(conn, ep) });
    } catch (e) {
      const err = asRpcError(e);
      if (!err) throw e;
      ctx.io.err(retryWarning(err));
      onError(ep, err);
      failed = err;
    }
  }
  return { results, failed };
}

const clusterFlag = boolFlag('cluster', 'use all endpoints from the cluster member list');

const memberGroup: Command = { kind: 'group', path: ['member'], short: 'Membership related commands', persistentFlags: [] };

const memberList: LeafCommand = {
  kind: 'leaf',
  path: ['member', 'list'],
  short: 'Lists all members in the cluster',
  usage: 'member list',
  description: [
    'When --write-out is set to simple, this command prints out comma-separated member lists for each endpoint.',
    'The items in the lists are ID, Status, Name, Peer Addrs, Client Addrs, Is Learner.',
  ].join('\n'),
  flags: [],
  async run(ctx) {
    const res = await (await ctx.client()).unary<MemberListResponse>('Cluster', 'MemberList', {});
    // etcdctl lists members by ID.
    res.members.sort((a, b) => (BigInt(a.ID) < BigInt(b.ID) ? -1 : BigInt(a.ID) > BigInt(b.ID) ? 1 : 0));
    ctx.printer.memberList(res);
    return ExitCode.Success;
  },
};

const endpointGroup: Command = { kind: 'group', path: ['endpoint'], short: 'Endpoint related commands', persistentFlags: [clusterFlag] };

const endpointStatus: LeafCommand = {
  kind: 'leaf',
  path: ['endpoint', 'status'],
  short: 'Prints out the status of endpoints specified in `--endpoints` flag',
  usage: 'endpoint status',
  description: [
    'When --write-out is set to simple, this command prints out comma-separated status lists for each endpoint.',
    'The items in the lists are endpoint, ID, version, db size, is leader, is learner, raft term, raft index, raft applied index, errors.',
  ].join('\n'),
  flags: [],
  async run(ctx) {
    const { results, failed } = await eachEndpoint(
      ctx,
      (c) => c.unary<StatusResponse>('Maintenance', 'Status', {}),
      (ep, e) => ctx.io.err(`Failed to get the status of endpoint ${ep} (${e.message})\n`),
    );
    const rows: EndpointStatus[] = results.map((r) => ({ endpoint: r.ep, status: r.value }));
    ctx.printer.endpointStatus(rows);
    return failed ? ExitCode.Error : ExitCode.Success;
  },
};

async function checkHealth(conn: Connection, ep: string): Promise<EndpointHealth> {
  const start = process.hrtime.bigint();
  const took = (): number => Number(process.hrtime.bigint() - start);
  try {
    await conn.unary<RangeResponse>('KV', 'Range', { key: Buffer.from('health') });
  } catch (e) {
    const err = asRpcError(e);
    // A member that refuses the read for lack of permission is still up (etcdctl counts it healthy).
    if (!err || err.code !== 7) throw e;
  }
  const health: EndpointHealth = { endpoint: ep, health: true, tookNs: took(), error: '' };
  try {
    const alarms = await conn.unary<AlarmResponse>('Maintenance', 'Alarm', { action: ALARM_GET, memberID: '0', alarm: 0 });
    if (alarms.alarms.length > 0) {
      health.health = false;
      health.error = `Active Alarm(s): ${alarms.alarms.map((a) => ALARM_NAMES[a.alarm] ?? String(a.alarm)).join(' ')}`;
    }
  } catch {
    health.health = false;
    health.error = 'Unable to fetch the alarm list';
  }
  return health;
}

const endpointHealth: LeafCommand = {
  kind: 'leaf',
  path: ['endpoint', 'health'],
  short: 'Checks the healthiness of endpoints specified in `--endpoints` flag',
  usage: 'endpoint health',
  flags: [],
  async run(ctx) {
    const eps = await endpointsOf(ctx);
    // The checks run in parallel, as etcdctl's do; rows stay in --endpoints order.
    const rows = await Promise.all(
      eps.map(async (ep): Promise<EndpointHealth> => {
        const conn = await ctx.connect(ep, 'balancer');
        const start = process.hrtime.bigint();
        try {
          // Time the proposal, not the TLS handshake (a Go client dials much faster than grpc-js).
          await conn.ready();
          return await checkHealth(conn, ep);
        } catch (e) {
          const err = asRpcError(e);
          if (!err) throw e;
          ctx.io.err(retryWarning(err));
          return { endpoint: ep, health: false, tookNs: Number(process.hrtime.bigint() - start), error: err.message };
        }
      }),
    );
    ctx.printer.endpointHealth(rows);
    if (rows.some((r) => !r.health)) throw new EtcdctlError('unhealthy cluster', ExitCode.Error);
    return ExitCode.Success;
  },
};

const endpointHashKV: LeafCommand = {
  kind: 'leaf',
  path: ['endpoint', 'hashkv'],
  short: 'Prints the KV history hash for each endpoint in --endpoints',
  usage: 'endpoint hashkv',
  flags: [intFlag('rev', 'maximum revision to hash (default: all revisions)')],
  async run(ctx) {
    const { results, failed } = await eachEndpoint(
      ctx,
      (c) => c.unary<HashKVResponse>('Maintenance', 'HashKV', { revision: ctx.flags.int64('rev') }),
      (ep, e) => ctx.io.err(`Failed to get the hash of endpoint ${ep} (${e.message})\n`),
    );
    if (failed) throw new EtcdctlError(failed.message, ExitCode.Error);
    const rows: EndpointHashKV[] = results.map((r) => ({ endpoint: r.ep, hashKV: r.value }));
    ctx.printer.endpointHashKV(rows);
    return ExitCode.Success;
  },
};

const alarmGroup: Command = { kind: 'group', path: ['alarm'], short: 'Alarm related commands', persistentFlags: [] };

const alarmList: LeafCommand = {
  kind: 'leaf',
  path: ['alarm', 'list'],
  short: 'Lists all alarms',
  usage: 'alarm list',
  flags: [],
  async run(ctx) {
    const res = await (await ctx.client()).unary<AlarmResponse>('Maintenance', 'Alarm', { action: ALARM_GET, memberID: '0', alarm: 0 });
    ctx.printer.alarms(res);
    return ExitCode.Success;
  },
};

const alarmDisarm: LeafCommand = {
  kind: 'leaf',
  path: ['alarm', 'disarm'],
  short: 'Disarms all alarms',
  usage: 'alarm disarm',
  flags: [],
  async run(ctx) {
    // As etcd's client does for "all alarms": list them, deactivate each, answer with what was disarmed.
    const client = await ctx.client();
    const active = await client.unary<AlarmResponse>('Maintenance', 'Alarm', { action: ALARM_GET, memberID: '0', alarm: 0 });
    for (const a of active.alarms) await client.unary<AlarmResponse>('Maintenance', 'Alarm', { action: ALARM_DEACTIVATE, memberID: a.memberID, alarm: a.alarm });
    const disarmed: AlarmResponse = { header: null, alarms: active.alarms };
    ctx.printer.alarms(disarmed);
    return ExitCode.Success;
  },
};

const defrag: LeafCommand = {
  kind: 'leaf',
  path: ['defrag'],
  short: 'Defragments the storage of the etcd members with given endpoints',
  usage: 'defrag',
  flags: [clusterFlag, stringFlag('data-dir', 'Optional. If present, defragments a data directory not in use by etcd.')],
  async run(ctx) {
    if (ctx.flags.str('data-dir') !== '') throw new EtcdctlError('this etcdctl defragments running members only (--data-dir is not supported); Kubedeck members need no offline defragmentation', ExitCode.BadFeature);
    const { failed } = await eachEndpoint(
      ctx,
      async (c, ep) => {
        await c.unary<DefragmentResponse>('Maintenance', 'Defragment', {});
        ctx.io.out(`Finished defragmenting etcd member[${ep}]\n`);
      },
      (ep, e) => ctx.io.err(`Failed to defragment etcd member[${ep}] (${e.message})\n`),
    );
    if (failed) throw new SilentExit(ExitCode.Error);
    return ExitCode.Success;
  },
};

const compaction: LeafCommand = {
  kind: 'leaf',
  path: ['compaction'],
  short: 'Compacts the event history in etcd',
  usage: 'compaction [options] <revision>',
  flags: [boolFlag('physical', "'true' to wait for compaction to physically remove all old revisions")],
  async run(ctx) {
    if (ctx.args.length !== 1) throw new EtcdctlError('compaction command needs 1 argument', ExitCode.BadArgs);
    const rev = parseGoInt(ctx.args[0]);
    if (rev === undefined || !/^[+-]?\d+$/.test(ctx.args[0])) throw new EtcdctlError(`strconv.ParseInt: parsing ${JSON.stringify(ctx.args[0])}: invalid syntax`, ExitCode.Error);
    await (await ctx.client()).unary<CompactionResponse>('KV', 'Compact', { revision: rev.toString(), physical: ctx.flags.bool('physical') });
    ctx.io.out(`compacted revision ${rev}\n`);
    return ExitCode.Success;
  },
};

const version: LeafCommand = {
  kind: 'leaf',
  path: ['version'],
  short: 'Prints the version of etcdctl',
  usage: 'version',
  flags: [],
  async run(ctx) {
    ctx.io.out(`etcdctl version: ${ETCDCTL_VERSION}\nAPI version: ${API_VERSION}\n`);
    return ExitCode.Success;
  },
};

export const clusterCommands: Command[] = [memberGroup, memberList, endpointGroup, endpointStatus, endpointHealth, endpointHashKV, alarmGroup, alarmList, alarmDisarm, defrag, compaction, version];
