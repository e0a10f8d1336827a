/** lease grant / revoke / timetolive / list / keep-alive. */
import { RpcError } from './client';
import { boolFlag, type CommandContext, type Command, type LeafCommand } from './command';
import { EtcdctlError, ExitCode } from './errors';
import { parseGoInt } from './flags';
import { hexLease } from './go-format';
import { parseLeaseId } from './kv-commands';
import { EXIT_SIGINT } from './watch-command';
import type { LeaseGrantResponse, LeaseKeepAliveResponse, LeaseLeasesResponse, LeaseRevokeResponse, LeaseTimeToLiveResponse } from './wire';

/** Rewraps a failed call as `<what> (<why>)`, keeping the RPC details for the warning line. */
async function wrap<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof RpcError) throw Object.assign(new RpcError(e.code, `${what} (${e.message})`), { target: e.target, cause: e });
    throw e;
  }
}

const leaseGroup: Command = { kind: 'group', path: ['lease'], short: 'Lease related commands', persistentFlags: [] };

const grant: LeafCommand = {
  kind: 'leaf',
  path: ['lease', 'grant'],
  short: 'Creates leases',
  usage: 'lease grant <ttl>',
  flags: [],
  async run(ctx: CommandContext): Promise<number> {
    if (ctx.args.length !== 1) throw new EtcdctlError('lease grant command needs TTL argument', ExitCode.BadArgs);
    const ttl = parseGoInt(ctx.args[0]);
    if (ttl === undefined || !/^[+-]?\d+$/.test(ctx.args[0])) throw new EtcdctlError(`bad TTL (strconv.ParseInt: parsing ${JSON.stringify(ctx.args[0])}: invalid syntax)`, ExitCode.BadArgs);
    const client = await ctx.client();
    const res = await wrap('failed to grant lease', client.unary<LeaseGrantResponse>('Lease', 'LeaseGrant', { TTL: ttl.toString(), ID: '0' }));
    ctx.printer.leaseGrant(res);
    return ExitCode.Success;
  },
};

const revoke: LeafCommand = {
  kind: 'leaf',
  path: ['lease', 'revoke'],
  short: 'Revokes leases',
  usage: 'lease revoke <leaseID>',
  flags: [],
  async run(ctx: CommandContext): Promise<number> {
    if (ctx.args.length !== 1) throw new EtcdctlError('lease revoke command needs 1 argument', ExitCode.BadArgs);
    const id = parseLeaseId(ctx.args[0], 'lease ID arg');
    const client = await ctx.client();
    const res = await wrap('failed to revoke lease', client.unary<LeaseRevokeResponse>('Lease', 'LeaseRevoke', { ID: id }));
    ctx.printer.leaseRevoke(id, res);
    return ExitCode.Success;
  },
};

const timeToLive: LeafCommand = {
  kind: 'leaf',
  path: ['lease', 'timetolive'],
  short: 'Get lease information',
  usage: 'lease timetolive <leaseID> [options]',
  flags: [boolFlag('keys', 'Get keys attached to this lease')],
  async run(ctx: CommandContext): Promise<number> {
    if (ctx.args.length !== 1) throw new EtcdctlError('lease timetolive command needs lease ID as argument', ExitCode.BadArgs);
    const id = parseLeaseId(ctx.args[0], 'lease ID arg');
    const keys = ctx.flags.bool('keys');
    const client = await ctx.client();
    const res = await client.unary<LeaseTimeToLiveResponse>('Lease', 'LeaseTimeToLive', { ID: id, keys });
    ctx.printer.timeToLive(res, keys);
    return ExitCode.Success;
  },
};

const list: LeafCommand = {
  kind: 'leaf',
  path: ['lease', 'list'],
  short: 'List all active leases',
  usage: 'lease list',
  flags: [],
  async run(ctx: CommandContext): Promise<number> {
    const client = await ctx.client();
    const res = await wrap('failed to list leases', client.unary<LeaseLeasesResponse>('Lease', 'LeaseLeases', {}));
    ctx.printer.leases(res);
    return ExitCode.Success;
  },
};

const keepAlive: LeafCommand = {
  kind: 'leaf',
  path: ['lease', 'keep-alive'],
  short: 'Keeps leases alive (renew)',
  usage: 'lease keep-alive [options] <leaseID>',
  flags: [boolFlag('once', 'Resets the keep-alive time to its original value and exits immediately')],
  async run(ctx: CommandContext): Promise<number> {
    if (ctx.args.length !== 1) throw new EtcdctlError('lease keep-alive command needs lease ID as argument', ExitCode.BadArgs);
    const id = parseLeaseId(ctx.args[0], 'lease ID arg');
    const once = ctx.flags.bool('once');
    const conn = await (await ctx.client()).pick();
    const stream = conn.bidiStream<{ ID: string }, LeaseKeepAliveResponse>('Lease', 'LeaseKeepAlive');
    return new Promise<number>((resolve, reject) => {
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (fn: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        stream.cancel();
        fn();
      };
      const onAbort = (): void => finish(() => resolve(EXIT_SIGINT));
      ctx.signal.addEventListener('abort', onAbort);
      const lost = (): void => {
        if (once) finish(() => reject(new EtcdctlError('etcdserver: requested lease not found', ExitCode.BadConnection)));
        else {
          ctx.io.out(`lease ${hexLease(id)} expired or revoked.\n`);
          finish(() => resolve(ExitCode.Success));
        }
      };
      stream.on('data', (r: LeaseKeepAliveResponse) => {
        if (Number(r.TTL) <= 0) return lost();
        try {
          ctx.printer.keepAlive(r);
        } catch (e) {
          return finish(() => reject(e));
        }
        if (once) return finish(() => resolve(ExitCode.Success));
        // Renew at a third of the TTL, as etcd's client does.
        timer = setTimeout(() => stream.write({ ID: id }), Math.max(500, (Number(r.TTL) * 1000) / 3));
      });
      stream.on('error', (e: Error & { details?: string }) => finish(() => reject(once ? new EtcdctlError(e.details ?? e.message, ExitCode.BadConnection) : e)));
      stream.on('end', () => lost());
      stream.write({ ID: id });
    });
  },
};

export const leaseCommands: Command[] = [leaseGroup, grant, keepAlive, list, revoke, timeToLive];
