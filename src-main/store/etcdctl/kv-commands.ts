/** get, put and del. */
import { boolFlag, intFlag, stringFlag, type CommandContext, type LeafCommand } from './command';
import { EtcdctlError, ExitCode } from './errors';
import { keyRange } from './key-range';
import type { DeleteRangeResponse, PutResponse, RangeResponse } from './wire';

/** Wire numbers of RangeRequest's SortTarget (etcd's proto names them KEY, VERSION, CREATE, MOD, VALUE). */
const SORT_TARGETS: Record<string, number> = { KEY: 0, VERSION: 1, CREATE: 2, MODIFY: 3, VALUE: 4 };
const SORT_ORDERS: Record<string, number> = { ASCEND: 1, DESCEND: 2 };

/** A lease ID given in hex, as etcdctl takes it. */
export function parseLeaseId(s: string, what: string): string {
  const fail = (why: string): never => {
    throw new EtcdctlError(`bad ${what} (strconv.ParseInt: parsing ${JSON.stringify(s)}: ${why}), expecting ID in Hex`, ExitCode.BadArgs);
  };
  const m = /^([+-]?)([0-9a-fA-F]+)$/.exec(s);
  if (!m) return fail('invalid syntax');
  const v = BigInt(`0x${m[2]}`) * (m[1] === '-' ? -1n : 1n);
  if (v >= 2n ** 63n || v < -(2n ** 63n)) return fail('value out of range');
  return v.toString();
}

async function readAll(stdin: AsyncIterable<Buffer | string> | undefined): Promise<Buffer> {
  if (!stdin) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

export const getCommand: LeafCommand = {
  kind: 'leaf',
  path: ['get'],
  short: 'Gets the key or a range of keys',
  usage: 'get [options] <key> [range_end]',
  flags: [
    stringFlag('consistency', 'Linearizable(l) or Serializable(s)', 'l'),
    boolFlag('count-only', 'Get only the count'),
    boolFlag('from-key', 'Get keys that are greater than or equal to the given key using byte compare'),
    boolFlag('keys-only', 'Get only the keys'),
    intFlag('limit', 'Maximum number of results'),
    stringFlag('order', 'Order of results; ASCEND or DESCEND (ASCEND by default)'),
    boolFlag('prefix', 'Get keys with matching prefix'),
    boolFlag('print-value-only', 'Only write values when using the "simple" output format'),
    intFlag('rev', 'Specify the kv revision'),
    stringFlag('sort-by', 'Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION'),
  ],
  async run(ctx: CommandContext): Promise<number> {
    const f = ctx.flags;
    if (ctx.args.length === 0) throw new EtcdctlError('get command needs one argument as key and an optional argument as range_end', ExitCode.BadArgs);
    const countOnly = f.bool('count-only');
    if (countOnly && f.bool('print-value-only')) throw new EtcdctlError('`--print-value-only` and `--count-only` cannot be set at the same time', ExitCode.BadArgs);
    if (countOnly && f.bool('keys-only')) throw new EtcdctlError('`--keys-only` and `--count-only` cannot be set at the same time', ExitCode.BadArgs);
    if (countOnly && ctx.global.writeOut !== 'fields') throw new EtcdctlError('--count-only is only for `--write-out=fields`', ExitCode.BadArgs);
    const consistency = f.str('consistency');
    if (consistency !== 'l' && consistency !== 's') throw new EtcdctlError(`unknown consistency flag ${JSON.stringify(consistency)}`, ExitCode.BadFeature);
    const range = keyRange(ctx.args, { prefix: f.bool('prefix'), fromKey: f.bool('from-key') });
    const sortBy = f.str('sort-by').toUpperCase();
    const order = f.str('order').toUpperCase();
    if (sortBy !== '' && !(sortBy in SORT_TARGETS)) throw new EtcdctlError(`bad sort target ${f.str('sort-by')}`, ExitCode.BadFeature);
    if (order !== '' && !(order in SORT_ORDERS)) throw new EtcdctlError(`bad sort order ${f.str('order')}`, ExitCode.BadFeature);
    const request = {
      ...range,
      limit: f.int64('limit'),
      revision: f.int64('rev'),
      sort_order: order !== '' ? SORT_ORDERS[order] : sortBy !== '' ? SORT_ORDERS.ASCEND : 0,
      sort_target: sortBy !== '' ? SORT_TARGETS[sortBy] : 0,
      serializable: consistency === 's',
      keys_only: f.bool('keys-only'),
      count_only: countOnly,
    };
    const client = await ctx.client();
    const res = await client.unary<RangeResponse>('KV', 'Range', request);
    ctx.printer.get(res, { keysOnly: f.bool('keys-only'), printValueOnly: f.bool('print-value-only') });
    return ExitCode.Success;
  },
};

export const putCommand: LeafCommand = {
  kind: 'leaf',
  path: ['put'],
  short: 'Puts the given key into the store',
  usage: 'put [options] <key> <value> (<value> can also be given from stdin)',
  description: [
    'Puts the given key into the store.',
    '',
    "When <value> begins with '-', <value> is interpreted as a flag.",
    "Insert '--' for workaround:",
    '',
    '$ put <key> -- <value>',
    '$ put -- <key> <value>',
    '',
    "If <value> isn't given as a command line argument and '--ignore-value' is not specified,",
    'this command tries to read the value from standard input.',
    '',
    "If <lease> isn't given as a command line argument and '--ignore-lease' is not specified,",
    'this command tries to read the value from standard input.',
    '',
    'For example,',
    '$ cat file | put <key>',
    'will store the content of the file to <key>.',
  ].join('\n'),
  flags: [
    boolFlag('ignore-lease', 'updates the key using its current lease'),
    boolFlag('ignore-value', 'updates the key using its current value'),
    stringFlag('lease', 'lease ID (in hexadecimal) to attach to the key', '0'),
    boolFlag('prev-kv', 'return the previous key-value pair before modification'),
  ],
  async run(ctx: CommandContext): Promise<number> {
    const f = ctx.flags;
    const usage = 'put command needs 1 argument and input from stdin or 2 arguments';
    if (ctx.args.length === 0) throw new EtcdctlError(usage, ExitCode.BadArgs);
    const ignoreValue = f.bool('ignore-value');
    let value: Buffer;
    if (ctx.args.length > 1) {
      if (ignoreValue) throw new EtcdctlError('put command needs only 1 argument when --ignore-value is set', ExitCode.BadArgs);
      value = Buffer.from(ctx.args[1], 'utf8');
    } else if (ignoreValue) value = Buffer.alloc(0);
    else {
      value = await readAll(ctx.stdin);
      if (value.length === 0) throw new EtcdctlError(usage, ExitCode.BadArgs);
    }
    const leaseText = f.str('lease');
    const lease = leaseText === '0' ? '0' : parseLeaseId(leaseText, 'lease ID');
    if (f.bool('ignore-lease') && lease !== '0') throw new EtcdctlError('put command needs lease ID when --ignore-lease is set', ExitCode.BadArgs);
    const client = await ctx.client();
    const res = await client.unary<PutResponse>('KV', 'Put', {
      key: Buffer.from(ctx.args[0], 'utf8'),
      value,
      lease,
      prev_kv: f.bool('prev-kv'),
      ignore_value: ignoreValue,
      ignore_lease: f.bool('ignore-lease'),
    });
    ctx.printer.put(res);
    return ExitCode.Success;
  },
};

export const delCommand: LeafCommand = {
  kind: 'leaf',
  path: ['del'],
  short: 'Removes the specified key or range of keys [key, range_end)',
  usage: 'del [options] <key> [range_end]',
  flags: [
    boolFlag('from-key', 'delete keys that are greater than or equal to the given key using byte compare'),
    boolFlag('prefix', 'delete keys with matching prefix'),
    boolFlag('prev-kv', 'return deleted key-value pairs'),
  ],
  async run(ctx: CommandContext): Promise<number> {
    const f = ctx.flags;
    if (ctx.args.length === 0) throw new EtcdctlError('del command needs one argument as key and an optional argument as range_end', ExitCode.BadArgs);
    const range = keyRange(ctx.args, { prefix: f.bool('prefix'), fromKey: f.bool('from-key') });
    const client = await ctx.client();
    const res = await client.unary<DeleteRangeResponse>('KV', 'DeleteRange', { ...range, prev_kv: f.bool('prev-kv') });
    ctx.printer.del(res);
    return ExitCode.Success;
  },
};
