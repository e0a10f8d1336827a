/**
 * watch: prints events on a key or range until Ctrl-C (the context's abort signal) or until the
 * server cancels the watch. Interactive mode and running a command per event are not offered.
 */
import { boolFlag, intFlag, type CommandContext, type LeafCommand } from './command';
import { EtcdctlError, ExitCode } from './errors';
import { keyRange } from './key-range';
import type { WatchResponse } from './wire';

/** What a shell reports for a process ended by SIGINT. */
export const EXIT_SIGINT = 130;

/** etcd's client-side reading of a cancelled watch response. */
export function watchCancelReason(r: WatchResponse): string {
  if (r.compact_revision !== '0' && r.compact_revision !== '') return 'etcdserver: mvcc: required revision has been compacted';
  if (r.cancel_reason) return r.cancel_reason;
  return 'etcdserver: mvcc: required revision is a future revision';
}

export const watchCommand: LeafCommand = {
  kind: 'leaf',
  path: ['watch'],
  short: 'Watches events stream on keys or prefixes',
  usage: 'watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]',
  flags: [
    { name: 'interactive', short: 'i', kind: 'bool', default: 'false', usage: 'Interactive mode' },
    boolFlag('prefix', 'Watch on a prefix if prefix is set'),
    boolFlag('prev-kv', 'get the previous key-value pair before the event happens'),
    intFlag('rev', 'Revision to start watching'),
  ],
  async run(ctx: CommandContext): Promise<number> {
    const f = ctx.flags;
    if (f.bool('interactive')) throw new EtcdctlError('this etcdctl has no interactive watch mode; run one watch per key or prefix', ExitCode.BadFeature);
    if (ctx.args.length === 0 || ctx.args.length > 2) {
      throw new EtcdctlError(ctx.args.length > 2 ? 'this etcdctl does not run a command per event; watch takes <key> [range_end]' : 'bad number of arguments', ExitCode.BadArgs);
    }
    const range = keyRange(ctx.args, { prefix: f.bool('prefix'), fromKey: false });
    const conn = await (await ctx.client()).pick();
    const stream = conn.bidiStream<object, WatchResponse>('Watch', 'Watch');
    return new Promise<number>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void): void => {
        if (done) return;
        done = true;
        ctx.signal.removeEventListener('abort', onAbort);
        stream.cancel();
        fn();
      };
      const onAbort = (): void => finish(() => resolve(EXIT_SIGINT));
      ctx.signal.addEventListener('abort', onAbort);
      if (ctx.signal.aborted) return onAbort();
      stream.on('data', (r: WatchResponse) => {
        try {
          if (r.canceled) {
            ctx.io.err(`watch was canceled (${watchCancelReason(r)})\n`);
            finish(() => reject(new EtcdctlError('watch is canceled by the server', ExitCode.Interrupted)));
            return;
          }
          if (r.events.length > 0) ctx.printer.watch(r);
        } catch (e) {
          finish(() => reject(e));
        }
      });
      stream.on('error', (e: Error) => finish(() => reject(e)));
      stream.on('end', () => finish(() => reject(new EtcdctlError('watch is canceled by the server', ExitCode.Interrupted))));
      stream.write({ create_request: { ...range, start_revision: f.int64('rev'), prev_kv: f.bool('prev-kv'), progress_notify: false } });
    });
  },
};
