/**
 * etcdctl's global flags and their ETCDCTL_* environment variables: a flag `--dial-timeout` is
 * also ETCDCTL_DIAL_TIMEOUT. As in etcdctl, setting both is an error, and an unknown ETCDCTL_
 * variable gets a warning. Authentication by user and password is not offered: the Kubedeck
 * etcd endpoint authenticates clients by certificate.
 */
import { EtcdctlError, ExitCode } from './errors';
import { parseBool, parseGoDuration, type FlagSpec, type FlagValues } from './flags';
import { isOutputFormat, type OutputFormat } from './printer';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'cacert', kind: 'string', default: '', usage: 'verify certificates of TLS-enabled secure servers using this CA bundle' },
  { name: 'cert', kind: 'string', default: '', usage: 'identify secure client using this TLS certificate file' },
  { name: 'command-timeout', kind: 'duration', default: '5s', usage: 'timeout for short running command (excluding dial timeout)' },
  { name: 'debug', kind: 'bool', default: 'false', usage: 'enable client-side debug logging' },
  { name: 'dial-timeout', kind: 'duration', default: '2s', usage: 'dial timeout for client connections' },
  { name: 'discovery-srv', short: 'd', kind: 'string', default: '', usage: 'domain name to query for SRV records describing cluster endpoints' },
  { name: 'discovery-srv-name', kind: 'string', default: '', usage: 'service name to query when using DNS discovery' },
  { name: 'endpoints', kind: 'stringSlice', default: '127.0.0.1:2379', usage: 'gRPC endpoints' },
  { name: 'hex', kind: 'bool', default: 'false', usage: 'print byte strings as hex encoded strings' },
  { name: 'insecure-discovery', kind: 'bool', default: 'true', usage: 'accept insecure SRV records describing cluster endpoints' },
  {
    name: 'insecure-skip-tls-verify',
    kind: 'bool',
    default: 'false',
    usage: 'skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)',
  },
  { name: 'insecure-transport', kind: 'bool', default: 'true', usage: 'disable transport security for client connections' },
  { name: 'keepalive-time', kind: 'duration', default: '2s', usage: 'keepalive time for client connections' },
  { name: 'keepalive-timeout', kind: 'duration', default: '6s', usage: 'keepalive timeout for client connections' },
  { name: 'key', kind: 'string', default: '', usage: 'identify secure client using this TLS key file' },
  { name: 'password', kind: 'string', default: '', usage: "password for authentication (if this option is used, --user option shouldn't include password)" },
  { name: 'user', kind: 'string', default: '', usage: 'username[:password] for authentication (prompt if password is not supplied)' },
  { name: 'write-out', short: 'w', kind: 'string', default: 'simple', usage: 'set the output format (fields, json, protobuf, simple, table)' },
];

export interface GlobalOptions {
  endpoints: string[];
  cacert: string;
  cert: string;
  key: string;
  insecureSkipTlsVerify: boolean;
  dialTimeoutMs: number;
  commandTimeoutMs: number;
  writeOut: OutputFormat;
  hex: boolean;
}

/** ETCDCTL_DIAL_TIMEOUT for --dial-timeout. */
export function envName(flag: string): string {
  return `ETCDCTL_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** Variables etcdctl reads that are not flags. */
const NON_FLAG_VARIABLES = new Set(['ETCDCTL_API', 'ETCDCTL_ARGS']);

/** capnslog's line format, which etcdctl 3.4 uses for these messages. */
function capnslog(level: 'C' | 'W', message: string): string {
  const d = new Date();
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ts = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)}`;
  return `${ts} ${level} | pkg/flags: ${message}\n`;
}

/**
 * Fills unset global flags from the environment. Returns warnings for stderr; throws on a
 * conflict or a bad value.
 */
export function applyEnvironment(flags: FlagValues, env: Readonly<Record<string, string | undefined>>): string {
  const known = new Map(GLOBAL_FLAGS.map((f) => [envName(f.name), f]));
  let warnings = '';
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('ETCDCTL_') || value === undefined || NON_FLAG_VARIABLES.has(name)) continue;
    const spec = known.get(name);
    if (!spec) {
      warnings += capnslog('W', `unrecognized environment variable ${name}=${value}`);
      continue;
    }
    if (flags.changed(spec.name)) {
      throw new EtcdctlError(capnslog('C', `conflicting environment variable ${JSON.stringify(name)} is shadowed by corresponding command-line flag (either unset environment variable or disable flag)`), ExitCode.Error, false, true);
    }
    const bad =
      (spec.kind === 'bool' && parseBool(value) === undefined) ||
      (spec.kind === 'duration' && parseGoDuration(value) === undefined);
    if (bad) throw new EtcdctlError(`invalid value ${JSON.stringify(value)} for ${name}`, ExitCode.BadArgs);
    flags.put(spec.name, value);
  }
  return warnings;
}

/** The global options a command runs with, checked. */
export function globalOptions(flags: FlagValues): GlobalOptions {
  if (flags.str('user') !== '' || flags.str('password') !== '') {
    throw new EtcdctlError(
      'this etcdctl does not support --user/--password authentication; the Kubedeck etcd endpoint authenticates clients by certificate (use --cacert, --cert and --key)',
      ExitCode.BadFeature,
    );
  }
  if (flags.str('discovery-srv') !== '') throw new EtcdctlError('this etcdctl does not support DNS discovery (--discovery-srv); list the members with --endpoints', ExitCode.BadFeature);
  const writeOut = flags.str('write-out');
  if (!isOutputFormat(writeOut)) throw new EtcdctlError('unsupported output format', ExitCode.BadFeature);
  return {
    endpoints: flags.list('endpoints'),
    cacert: flags.str('cacert'),
    cert: flags.str('cert'),
    key: flags.str('key'),
    insecureSkipTlsVerify: flags.bool('insecure-skip-tls-verify'),
    dialTimeoutMs: flags.durationMs('dial-timeout'),
    commandTimeoutMs: flags.durationMs('command-timeout'),
    writeOut,
    hex: flags.bool('hex'),
  };
}
