import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch';

describe('applyMergePatch', () => {
  // RFC 7386, Appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('RFC 7386: %j + %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  // Where json-patch v4 (kube-apiserver's library) goes beyond the RFC.
  it.each([
    ['objects inside an added array lose their nulls', {}, { a: [{ b: null, c: 1 }, null] }, { a: [{ c: 1 }, null] }],
    ['an array replacing a scalar loses nested nulls', { a: 'x' }, { a: [{ b: null }] }, { a: [{}] }],
    ['an array replacing an object keeps nested nulls', { a: { x: 1 } }, { a: [{ b: null }] }, { a: [{ b: null }] }],
    ['a value over a null member is added as if new', { a: null }, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
    ['a top-level array patch loses nested nulls', { a: 1 }, [{ b: null }], [{}]],
  ])('%s', (_name, target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('leaves its arguments alone', () => {
    const target = { metadata: { labels: { a: '1', b: '2' } } };
    const patch = { metadata: { labels: { a: null, c: '3' } } };
    const before = JSON.stringify([target, patch]);
    applyMergePatch(target, patch);
    expect(JSON.stringify([target, patch])).toBe(before);
  });

  it('treats a __proto__ member as data', () => {
    const patch: unknown = JSON.parse('{"metadata":{"__proto__":{"polluted":true}}}');
    const out = applyMergePatch({ metadata: {} }, patch) as { metadata: object };
    expect(Object.getPrototypeOf(out.metadata)).toBe(Object.prototype);
    expect(Object.keys(out.metadata)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
