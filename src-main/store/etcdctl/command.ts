/**
 * The shape of an etcdctl command: its place in the command tree, its help texts, its flags and
 * what it runs. Commands get everything they touch through the context, so tests can run them
 * in-process.
 */
import type { Connection, EtcdClient } from './client';
import type { FlagSpec, FlagValues } from './flags';
import type { GlobalOptions } from './global-options';
import type { Output, Printer } from './printer';

export interface CommandContext {
  args: string[];
  flags: FlagValues;
  global: GlobalOptions;
  io: Output;
  printer: Printer;
  stdin: AsyncIterable<Buffer | string> | undefined;
  /** Aborted on Ctrl-C: long-running commands (watch, keep-alive) end when it fires. */
  signal: AbortSignal;
  /** The client for `--endpoints` (opened on first use, closed when the command ends). */
  client(): Promise<EtcdClient>;
  /**
   * A connection to one endpoint (for the per-endpoint commands: status, health, defrag), named
   * in warnings the way etcd's client names it (default `passthrough`).
   */
  connect(endpoint: string, naming?: 'balancer' | 'passthrough'): Promise<Connection>;
}

export interface LeafCommand {
  kind: 'leaf';
  /** Words after `etcdctl`, e.g. ['lease', 'grant']. */
  path: string[];
  short: string;
  /** The USAGE line after `etcdctl `, without ` [flags]`. */
  usage: string;
  description?: string;
  flags: FlagSpec[];
  run(ctx: CommandContext): Promise<number>;
}

export interface GroupCommand {
  kind: 'group';
  path: string[];
  short: string;
  /** Flags every subcommand inherits (etcdctl's persistent flags, e.g. endpoint --cluster). */
  persistentFlags: FlagSpec[];
}

export type Command = LeafCommand | GroupCommand;

export function boolFlag(name: string, usage: string, def = 'false'): FlagSpec {
  return { name, kind: 'bool', default: def, usage };
}

export function stringFlag(name: string, usage: string, def = ''): FlagSpec {
  return { name, kind: 'string', default: def, usage };
}

export function intFlag(name: string, usage: string, def = '0'): FlagSpec {
  return { name, kind: 'int', default: def, usage };
}
