/** The command line without a server: command lookup, help, argument errors and exit codes. */
import { describe, expect, it } from 'vitest';
import { tabAlign } from './help';
import { resolveCommand, runEtcdctl } from './main';

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runEtcdctl(argv, {
    stdout: { write: (s: string | Uint8Array) => (out += String(s)) },
    stderr: { write: (s: string | Uint8Array) => (err += String(s)) },
    env,
  });
  return { code, out, err };
}

describe('command lookup', () => {
  it.each([
    [['get', 'k'], 'get', [0]],
    [['-w', 'json', 'lease', 'grant', '60'], 'lease grant', [2, 3]],
    [['--endpoints', 'a:1', 'endpoint', '--cluster', 'status'], 'endpoint status', [2, 4]],
    [['put', 'get', 'v'], 'put', [0]],
  ])('%j is %s', (argv, path, words) => {
    const r = resolveCommand(argv);
    expect(r.command?.path.join(' ')).toBe(path);
    expect([...r.words]).toEqual(words);
  });
});

describe('help', () => {
  it('aligns columns with tabs like Go tabwriter', () => {
    expect(tabAlign([['      --consistency="l"', 'x'], ['      --print-value-only[=false]', 'y'], ['  -h, --help[=false]', 'z']])).toBe(
      '      --consistency="l"\t\t\tx\n      --print-value-only[=false]\ty\n  -h, --help[=false]\t\t\tz\n',
    );
  });

  it('prints a command\'s help shaped like etcdctl\'s', async () => {
    const r = await run(['lease', 'grant', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NAME:\n\tlease grant - Creates leases\n\nUSAGE:\n\tetcdctl lease grant <ttl> \[flags\]\n\nOPTIONS:\n {2}-h, --help\[=false\]\thelp for grant\n\nGLOBAL OPTIONS:\n/);
    expect(r.out).toContain('      --endpoints=[127.0.0.1:2379]\t\tgRPC endpoints\n');
    expect(r.out.endsWith('(fields, json, protobuf, simple, table)\n\n')).toBe(true);
  });

  it('prints group help for a group, and root help with no arguments', async () => {
    const group = await run(['endpoint']);
    expect(group.out).toContain('COMMANDS:\n\thashkv\tPrints the KV history hash for each endpoint in --endpoints\n');
    expect(group.out).toContain('OPTIONS:\n      --cluster[=false]\tuse all endpoints from the cluster member list\n');
    const root = await run([]);
    expect(root.out).toMatch(/^NAME:\n\tetcdctl - A simple command line client for etcd3\.\n/);
    expect(root.out).toContain('\tsnapshot restore\tRestores an etcd member snapshot to an etcd directory\n');
    expect((await run(['help', 'put'])).out).toMatch(/^NAME:\n\tput - Puts the given key into the store\n/);
  });
});

describe('argument errors', () => {
  it.each([
    [['get'], 128, 'Error: get command needs one argument as key and an optional argument as range_end\n'],
    [['put'], 128, 'Error: put command needs 1 argument and input from stdin or 2 arguments\n'],
    [['lease', 'revoke', 'zz'], 128, 'Error: bad lease ID arg (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex\n'],
    [['snapshot', 'save'], 128, 'Error: snapshot save expects one argument\n'],
    [['-w', 'yaml', 'get', 'k'], 4, 'Error: unsupported output format\n'],
    [['--user', 'root', 'get', 'k'], 4, expect.stringContaining('authenticates clients by certificate')],
    [['bogus'], 1, 'Error: unknown command "bogus" for "etcdctl"\nRun \'etcdctl --help\' for usage.\nError: unknown command "bogus" for "etcdctl"\n'],
  ])('%j exits %d', async (argv, code, err) => {
    const r = await run(argv);
    expect(r.code).toBe(code);
    expect(r.err).toEqual(err);
  });

  it('a bad flag prints the error, the usage, and the error again', async () => {
    const r = await run(['version', '--bogus']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('Error: unknown flag: --bogus\n\nError: unknown flag: --bogus\n');
    expect(r.out).toMatch(/^NAME:\n\tversion - Prints the version of etcdctl\n/);
  });

  it('reads ETCDCTL_* variables, refuses conflicts, warns about unknown ones', async () => {
    expect((await run(['version'], { ETCDCTL_FOO: '1' })).err).toMatch(/ W \| pkg\/flags: unrecognized environment variable ETCDCTL_FOO=1\n$/);
    const conflict = await run(['--endpoints=a:1', 'get', 'k'], { ETCDCTL_ENDPOINTS: 'b:2' });
    expect(conflict.code).toBe(1);
    expect(conflict.err).toMatch(/ C \| pkg\/flags: conflicting environment variable "ETCDCTL_ENDPOINTS" is shadowed by corresponding command-line flag/);
    expect((await run(['get', 'k'], { ETCDCTL_WRITE_OUT: 'yaml' })).err).toBe('Error: unsupported output format\n');
    expect((await run(['get', 'k'], { ETCDCTL_API: '2' })).code).toBe(4);
  });

  it('prints its version', async () => {
    expect((await run(['version'])).out).toMatch(/^etcdctl version: \d+\.\d+\.\d+\nAPI version: \d+\.\d+\n$/);
  });
});
