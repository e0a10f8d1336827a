/**
 * The bundled etcdctl (v3 API), for the console's terminal when no etcdctl is installed:
 * runEtcdctl(argv, io) finds the command, parses flags and ETCDCTL_* variables, runs it and
 * returns the exit code, printing what etcdctl 3.4 prints. Ctrl-C is `io.signal`.
 */
import { Connection, EtcdClient, RpcError, credentialsFor, parseEndpoint, retryWarning } from './client';
import { clusterCommands } from './cluster-commands';
import type { Command, CommandContext } from './command';
import { createPrinter } from './create-printer';
import { EtcdctlError, ExitCode, SilentExit } from './errors';
import { parseFlags, type FlagSpec } from './flags';
import { GLOBAL_FLAGS, applyEnvironment, globalOptions } from './global-options';
import { helpFor, inheritedFlags } from './help';
import { delCommand, getCommand, putCommand } from './kv-commands';
import { leaseCommands } from './lease-commands';
import type { Output } from './printer';
import { snapshotCommands } from './snapshot-commands';
import { watchCommand } from './watch-command';

export interface EtcdctlIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
  /** Read by `put <key>` without a value; undefined reads as empty. */
  stdin?: AsyncIterable<Buffer | string>;
  env: Readonly<Record<string, string | undefined>>;
  /** Fires on Ctrl-C; watch and lease keep-alive end then. */
  signal?: AbortSignal;
}

export const COMMANDS: readonly Command[] = [getCommand, putCommand, delCommand, watchCommand, ...leaseCommands, ...clusterCommands, ...snapshotCommands];

const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', default: 'false', usage: 'help' };

function find(path: string[]): Command | undefined {
  const key = path.join(' ');
  return COMMANDS.find((c) => c.path.join(' ') === key);
}

function flagsOf(cmd: Command | undefined): FlagSpec[] {
  if (!cmd) return [...GLOBAL_FLAGS, HELP_FLAG];
  const own = cmd.kind === 'leaf' ? cmd.flags : cmd.persistentFlags;
  return [...GLOBAL_FLAGS, ...inheritedFlags(cmd, COMMANDS), ...own, HELP_FLAG];
}

export interface Resolved {
  command: Command | undefined;
  /** Indexes of the tokens that named the command (left out of its arguments). */
  words: Set<number>;
  /** `etcdctl help <command…>`. */
  help: boolean;
  /** The first word that names no command, when the command is a group or the root. */
  unknown?: string;
}

/** Walks the command words, skipping flags (and the values of flags that take one). */
export function resolveCommand(tokens: readonly string[]): Resolved {
  const words = new Set<number>();
  const path: string[] = [];
  let command: Command | undefined;
  let help = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '--') break;
    if (t.startsWith('-') && t.length > 1) {
      const specs = flagsOf(command);
      if (t.startsWith('--')) {
        const spec = specs.find((s) => s.name === t.slice(2));
        if (spec && spec.kind !== 'bool') i++;
      } else if (t.length === 2) {
        const spec = specs.find((s) => s.short === t[1]);
        if (spec && spec.kind !== 'bool') i++;
      }
      continue;
    }
    if (!help && path.length === 0 && t === 'help') {
      help = true;
      words.add(i);
      continue;
    }
    const next = find([...path, t]);
    if (!next) {
      if (!command || command.kind === 'group') return { command, words, help, unknown: t };
      break;
    }
    path.push(t);
    words.add(i);
    command = next;
  }
  return { command, words, help };
}

export async function runEtcdctl(argv: string[], io: EtcdctlIo): Promise<number> {
  const out: Output = { out: (s) => void io.stdout.write(s), err: (s) => void io.stderr.write(s) };
  const { command, words, help, unknown } = resolveCommand(argv);
  const usage = helpFor(command, COMMANDS);
  if (help) {
    out.out(usage);
    return ExitCode.Success;
  }
  if (unknown !== undefined && !command) {
    const msg = `unknown command ${JSON.stringify(unknown)} for "etcdctl"`;
    out.err(`Error: ${msg}\nRun 'etcdctl --help' for usage.\nError: ${msg}\n`);
    return ExitCode.Error;
  }
  const connections: Connection[] = [];
  let client: EtcdClient | undefined;
  try {
    const { flags, args } = parseFlags(argv, flagsOf(command), words);
    if (flags.bool('help') || !command || command.kind === 'group') {
      out.out(usage);
      return ExitCode.Success;
    }
    if (io.env.ETCDCTL_API === '2') throw new EtcdctlError('this etcdctl speaks the v3 API only; unset ETCDCTL_API or set it to 3', ExitCode.BadFeature);
    out.err(applyEnvironment(flags, io.env));
    const global = globalOptions(flags);
    const tls = { cacert: global.cacert, cert: global.cert, key: global.key, insecureSkipTlsVerify: global.insecureSkipTlsVerify };
    const controller = new AbortController();
    io.signal?.addEventListener('abort', () => controller.abort());
    if (io.signal?.aborted) controller.abort();
    const ctx: CommandContext = {
      args,
      flags,
      global,
      io: out,
      printer: createPrinter(global.writeOut, out, global.hex),
      stdin: io.stdin,
      signal: controller.signal,
      client: async () => (client ??= await EtcdClient.open(global.endpoints, { ...tls, commandTimeoutMs: global.commandTimeoutMs })),
      connect: async (endpoint, naming: 'balancer' | 'passthrough' = 'passthrough') => {
        const conn = new Connection(parseEndpoint(endpoint, tls), await credentialsFor(tls), global.commandTimeoutMs, naming);
        connections.push(conn);
        return conn;
      },
    };
    return await command.run(ctx);
  } catch (e) {
    return reportError(e, out, usage);
  } finally {
    client?.close();
    for (const c of connections) c.close();
  }
}

function reportError(e: unknown, out: Output, usage: string): number {
  if (e instanceof SilentExit) return e.exitCode;
  if (e instanceof EtcdctlError) {
    if (e.preformatted) out.err(e.message);
    else if (e.showUsage) {
      out.err(`Error: ${e.message}\n`);
      out.out(usage);
      out.err(`\nError: ${e.message}\n`);
    } else out.err(`Error: ${e.message}\n`);
    return e.exitCode;
  }
  const grpcLike = e as { code?: unknown; details?: unknown };
  const rpc = e instanceof RpcError ? e : typeof grpcLike.code === 'number' && typeof grpcLike.details === 'string' ? new RpcError(grpcLike.code, grpcLike.details) : undefined;
  if (rpc) {
    if (rpc.target !== '') out.err(retryWarning(rpc));
    out.err(`Error: ${rpc.message}\n`);
    return ExitCode.Error;
  }
  out.err(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
  return ExitCode.Error;
}
