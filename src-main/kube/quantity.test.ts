import { describe, expect, it } from 'vitest';
import { canonicalQuantity, ERR_FORMAT_WRONG, ERR_SUFFIX, parseQuantity, Quantity } from './quantity';

describe('Quantity canonical form', () => {
  const cases: [string | number, string][] = [
    ['0', '0'],
    ['0m', '0'],
    ['1', '1'],
    ['100m', '100m'],
    ['0.5', '500m'],
    ['.5', '500m'],
    ['1.5', '1500m'],
    ['1000', '1k'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1n', '1n'],
    ['1.5n', '2n'],
    ['0.0000000001', '1n'],
    ['12345', '12345'],
    ['1k', '1k'],
    ['1M', '1M'],
    ['1G', '1G'],
    ['2E', '2E'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1.5e3', '1500'],
    ['100Mi', '100Mi'],
    ['1024Ki', '1Mi'],
    ['1536Ki', '1536Ki'],
    ['1.5Gi', '1536Mi'],
    ['1Ki', '1Ki'],
    ['0.5Ki', '512'],
    ['1.1Ki', '1126400m'],
    ['128974848', '128974848'],
    ['16302436Ki', '16302436Ki'],
    ['-1', '-1'],
    ['-1Ki', '-1Ki'],
    ['+5', '5'],
    ['007', '7'],
    [' 2 ', '2'],
    [2, '2'],
    [0.25, '250m'],
  ];
  it.each(cases)('%j → %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  const bad: [string, string][] = [
    ['', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['1.5.5', ERR_FORMAT_WRONG],
    ['1 Gi', ERR_FORMAT_WRONG],
    ['1Gb', ERR_FORMAT_WRONG],
    ['1mi', ERR_SUFFIX],
    ['1Kii', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
  ];
  it.each(bad)('rejects %j', (input, message) => {
    expect(() => Quantity.parse(input)).toThrow(message);
  });
});

describe('Quantity values', () => {
  it('rounds up like Value and MilliValue', () => {
    expect(Quantity.parse('1.5').value()).toBe(2);
    expect(Quantity.parse('100m').milliValue()).toBe(100);
    expect(Quantity.parse('1n').milliValue()).toBe(1);
    expect(Quantity.parse('2Gi').value()).toBe(2 * 1024 ** 3);
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('1Ki')).toBe(1024);
  });

  it('compares and adds exactly', () => {
    expect(Quantity.parse('1').cmp(Quantity.parse('1000m'))).toBe(0);
    expect(Quantity.parse('1Gi').cmp(Quantity.parse('1G'))).toBe(1);
    expect(Quantity.parse('100m').add(Quantity.parse('0.9')).toString()).toBe('1');
    expect(Quantity.parse('1').sub(Quantity.parse('250m')).toString()).toBe('750m');
  });

  it('builds node capacity and cpu amounts', () => {
    expect(Quantity.fromBytes(16302436 * 1024).toString()).toBe('16302436Ki');
    expect(Quantity.fromBytes(8 * 1024 ** 3).toString()).toBe('8Gi');
    expect(Quantity.fromMilli(2000).toString()).toBe('2');
    expect(Quantity.fromMilli(250).toString()).toBe('250m');
  });

  it('rounds to milli precision as resource defaults do', () => {
    expect(Quantity.parse('1n').roundUp(-3).toString()).toBe('1m');
    expect(Quantity.parse('1500u').roundUp(-3).toString()).toBe('2m');
    expect(JSON.stringify({ cpu: Quantity.parse('0.1') })).toBe('{"cpu":"100m"}');
  });
});
