/**
 * How `get`, `del` and `watch` turn `<key> [range_end]`, `--prefix` and `--from-key` into the
 * key/range_end pair the API takes, with etcdctl's refusals for combinations that make no sense.
 */
import { EtcdctlError, ExitCode } from './errors';

/** The smallest key greater than every key starting with `prefix` ("\0" = no upper bound). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** range_end is left out for a single key: etcd 3.4 reads an explicitly empty one as "to the end" on its serializable path. */
export interface KeyRange {
  key: Buffer;
  range_end?: Buffer;
}

export function keyRange(args: string[], opts: { prefix: boolean; fromKey: boolean }): KeyRange {
  if (opts.prefix && opts.fromKey) throw new EtcdctlError('`--prefix` and `--from-key` cannot be set at the same time, choose one', ExitCode.BadArgs);
  if ((opts.prefix || opts.fromKey) && args.length > 1) throw new EtcdctlError('too many arguments, only accept one argument when `--prefix` or `--from-key` is set', ExitCode.BadArgs);
  const key = Buffer.from(args[0] ?? '', 'utf8');
  if (opts.prefix) {
    if (key.length === 0) return { key: Buffer.from([0]), range_end: Buffer.from([0]) };
    return { key, range_end: prefixEnd(key) };
  }
  if (opts.fromKey) return { key: key.length === 0 ? Buffer.from([0]) : key, range_end: Buffer.from([0]) };
  return args.length > 1 ? { key, range_end: Buffer.from(args[1], 'utf8') } : { key };
}
