import { describe, expect, it } from 'vitest';
import { goSprint, goTypeName } from './go-values';
import { jsonEqual } from './json-value';

describe('Go spellings in error messages', () => {
  // Checked against kubectl 1.32 (`unknown patch type: %!s(float64=...) in map: map[...]`).
  it.each([
    [7, '7'],
    [-3, '-3'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [1.2345678901234567e19, '1.2345678901234567e+19'],
    [1.5e300, '1.5e+300'],
    ['s', 's'],
    [true, 'true'],
    [null, '<nil>'],
    [['a', 1, null], '[a 1 <nil>]'],
    [{ b: 1, a: { d: [], c: 'x' } }, 'map[a:map[c:x d:[]] b:1]'],
  ])('goSprint(%j) is %s', (v, expected) => {
    expect(goSprint(v)).toBe(expected);
  });

  it.each([
    [null, '%!s(<nil>)'],
    [[], '[]interface {}'],
    [{}, 'map[string]interface {}'],
    ['', 'string'],
    [1, 'int64'],
    [1.5, 'float64'],
    [1e21, 'float64'],
    [false, 'bool'],
  ])('goTypeName(%j) is %s', (v, expected) => {
    expect(goTypeName(v)).toBe(expected);
  });

  it('compares JSON values deeply, ignoring key order', () => {
    expect(jsonEqual({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
  });
});
