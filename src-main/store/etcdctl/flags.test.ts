import { describe, expect, it } from 'vitest';
import { EtcdctlError } from './errors';
import { flagSyntax, parseFlags, parseGoDuration, parseGoInt, type FlagSpec } from './flags';
import { GLOBAL_FLAGS } from './global-options';

const SPECS: FlagSpec[] = [
  ...GLOBAL_FLAGS,
  { name: 'prefix', kind: 'bool', default: 'false', usage: '' },
  { name: 'limit', kind: 'int', default: '0', usage: '' },
  { name: 'order', kind: 'string', default: '', usage: '' },
  { name: 'help', short: 'h', kind: 'bool', default: 'false', usage: '' },
];

function parse(...tokens: string[]): ReturnType<typeof parseFlags> {
  return parseFlags(tokens, SPECS);
}

function parseError(...tokens: string[]): string {
  try {
    parse(...tokens);
  } catch (e) {
    expect(e).toBeInstanceOf(EtcdctlError);
    expect((e as EtcdctlError).showUsage).toBe(true);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('parseFlags (pflag syntax)', () => {
  it.each([
    [['get', 'k', '--prefix'], ['get', 'k'], { prefix: true }],
    [['--prefix=false', 'get', 'k'], ['get', 'k'], { prefix: false }],
    [['get', '--limit', '5', 'k'], ['get', 'k'], { limit: 5 }],
    [['get', '--limit=5', 'k'], ['get', 'k'], { limit: 5 }],
    [['-w', 'json', 'get'], ['get'], { 'write-out': 'json' }],
    [['-wjson', 'get'], ['get'], { 'write-out': 'json' }],
    [['-w=fields', 'get'], ['get'], { 'write-out': 'fields' }],
    [['put', '--', 'k', '--not-a-flag'], ['put', 'k', '--not-a-flag'], {}],
    [['put', 'k', '-'], ['put', 'k', '-'], {}],
  ])('%j → args %j', (tokens, args, values) => {
    const r = parseFlags(tokens, SPECS);
    expect(r.args).toEqual(args);
    for (const [name, v] of Object.entries(values)) {
      if (typeof v === 'boolean') expect(r.flags.bool(name)).toBe(v);
      else if (typeof v === 'number') expect(r.flags.int(name)).toBe(v);
      else expect(r.flags.str(name)).toBe(v);
    }
  });

  it('keeps defaults, and appends comma-separated endpoints', () => {
    expect(parse().flags.list('endpoints')).toEqual(['127.0.0.1:2379']);
    expect(parse().flags.durationMs('command-timeout')).toBe(5000);
    expect(parse('--endpoints=a:1,b:2', '--endpoints', 'c:3').flags.list('endpoints')).toEqual(['a:1', 'b:2', 'c:3']);
    expect(parse('--endpoints=a:1').flags.changed('endpoints')).toBe(true);
  });

  it('leaves the command words out', () => {
    expect(parseFlags(['lease', 'grant', '60'], SPECS, new Set([0, 1])).args).toEqual(['60']);
  });

  it.each([
    [['--count-only'], 'unknown flag: --count-only'],
    [['-5'], "unknown shorthand flag: '5' in -5"],
    [['--limit'], 'flag needs an argument: --limit'],
    [['-w'], "flag needs an argument: 'w' in -w"],
    [['--limit=abc'], 'invalid argument "abc" for "--limit" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['--prefix=maybe'], 'invalid argument "maybe" for "--prefix" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    [['--dial-timeout=soon'], 'invalid argument "soon" for "--dial-timeout" flag: time: invalid duration "soon"'],
  ])('%j fails with pflag\'s message', (tokens, message) => {
    expect(parseError(...tokens)).toBe(message);
  });
});

describe('Go number and duration syntax', () => {
  it.each([
    ['0', 0n],
    ['-12', -12n],
    ['0x10', 16n],
    ['010', 8n],
    ['1_000', 1000n],
    ['9223372036854775808', undefined],
    ['1e3', undefined],
    ['', undefined],
  ])('ParseInt(%j) = %s', (s, v) => expect(parseGoInt(s)).toBe(v));

  it.each([
    ['5s', 5000],
    ['1m30s', 90_000],
    ['2.5s', 2500],
    ['500ms', 500],
    ['0', 0],
    ['5', undefined],
    ['s', undefined],
  ])('ParseDuration(%j) = %s ms', (s, v) => expect(parseGoDuration(s)).toBe(v));
});

describe('flag syntax in help', () => {
  it.each([
    [{ name: 'prefix', kind: 'bool', default: 'false', usage: '' }, '      --prefix[=false]'],
    [{ name: 'limit', kind: 'int', default: '0', usage: '' }, '      --limit=0'],
    [{ name: 'order', kind: 'string', default: '', usage: '' }, '      --order=""'],
    [{ name: 'write-out', short: 'w', kind: 'string', default: 'simple', usage: '' }, '  -w, --write-out="simple"'],
    [{ name: 'endpoints', kind: 'stringSlice', default: '127.0.0.1:2379', usage: '' }, '      --endpoints=[127.0.0.1:2379]'],
  ] as [FlagSpec, string][])('%j', (spec, shown) => expect(flagSyntax(spec)).toBe(shown));
});
