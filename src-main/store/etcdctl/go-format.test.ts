import { describe, expect, it } from 'vitest';
import { goDuration, goQuote, hexEscape, hexId, hexLease, humanizeBytes } from './go-format';

describe('Go formatting', () => {
  it.each([
    ['v1', '"v1"'],
    ['{"kind":"Pod","v":2}', '"{\\"kind\\":\\"Pod\\",\\"v\\":2}"'],
    ['a\nb\tc', '"a\\nb\\tc"'],
    ['\u0000', '"\\x00"'],
    ['é✓', '"é✓"'],
    ['\u00a0', '"\\u00a0"'],
  ])('%%q of %j is %s', (s, q) => expect(goQuote(s)).toBe(q));

  it('%q escapes bytes that are not UTF-8', () => {
    expect(goQuote(Uint8Array.from([0x61, 0xff, 0x62]))).toBe('"a\\xffb"');
  });

  it.each([
    [0, '0s'],
    [999, '999ns'],
    [1_500, '1.5µs'],
    [1_687_885, '1.687885ms'],
    [5_001_072_902, '5.001072902s'],
    [61_000_000_000, '1m1s'],
    [3_600_000_000_000, '1h0m0s'],
  ])('%d ns is %s', (ns, s) => expect(goDuration(ns)).toBe(s));

  it.each([
    [5, '5 B'],
    [1500, '1.5 kB'],
    [20480, '20 kB'],
    [28672, '29 kB'],
    [137998336, '138 MB'],
  ])('%d bytes is %s', (n, s) => expect(humanizeBytes(n)).toBe(s));

  it('prints IDs as etcdctl does', () => {
    expect(hexId('11417610130673999598')).toBe('9e737febb6b99eee');
    expect(hexLease('4660')).toBe('0000000000001234');
    expect(hexEscape(Buffer.from('k1'))).toBe('\\x6b\\x31');
  });
});
