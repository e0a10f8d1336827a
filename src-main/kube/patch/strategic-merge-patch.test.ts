/**
 * Strategic merge patch cases that kubectl cannot check for us (kinds it does not know, inputs it
 * never sends); the ones it can are in tests/testdata/strategic-merge (patch-data.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { PatchError } from './patch-error';
import { NO_PATCH_META, patchMetaFor } from './patch-meta';
import { applyStrategicMergePatch } from './strategic-merge-patch';

const POD = patchMetaFor({ group: '', version: 'v1', kind: 'Pod' });
const PDB = patchMetaFor({ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' });

function failure(original: unknown, patch: unknown, meta = POD): PatchError {
  try {
    applyStrategicMergePatch(original, patch, meta);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('the patch applied');
}

describe('applyStrategicMergePatch', () => {
  it.each([
    [
      'lists replace',
      { spec: { items: [{ name: 'a', v: 1 }, { name: 'b' }] } },
      { spec: { items: [{ name: 'a', v: 2 }] } },
      { spec: { items: [{ name: 'a', v: 2 }] } },
    ],
    ['maps merge and null deletes', { spec: { a: 1, b: { c: 2, d: 3 } } }, { spec: { b: { d: null, e: 4 } } }, { spec: { a: 1, b: { c: 2, e: 4 } } }],
    ['$patch replace still works', { spec: { a: 1, b: 2 } }, { spec: { $patch: 'replace', c: 3 } }, { spec: { c: 3 } }],
    ['$retainKeys still works', { spec: { a: 1, b: 2 } }, { spec: { $retainKeys: ['b', 'c'], c: 3 } }, { spec: { b: 2, c: 3 } }],
    [
      '$deleteFromPrimitiveList still works',
      { spec: { tags: ['x', 'y', 'z'] } },
      { spec: { '$deleteFromPrimitiveList/tags': ['y'] } },
      { spec: { tags: ['x', 'z'] } },
    ],
    [
      '$setElementOrder of primitives still works',
      { spec: { tags: ['x', 'y', 'z'] } },
      { spec: { '$setElementOrder/tags': ['z', 'y', 'x'] } },
      { spec: { tags: ['z', 'y', 'x'] } },
    ],
  ])('a kind without metadata (a custom resource): %s', (_name, original, patch, expected) => {
    expect(applyStrategicMergePatch(original, patch, NO_PATCH_META)).toEqual(expected);
  });

  it('replaces a map whose field has patchStrategy replace, directives and nulls included', () => {
    const original = { spec: { selector: { matchLabels: { a: '1' }, matchExpressions: [] } } };
    const patch = { spec: { selector: { matchLabels: { b: '2', c: null } } } };
    expect(applyStrategicMergePatch(original, patch, PDB)).toEqual({ spec: { selector: { matchLabels: { b: '2', c: null } } } });
  });

  it('merges kubectl edit output for a whole object', () => {
    const original = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'web' } },
      spec: { containers: [{ name: 'main', image: 'nginx', env: [{ name: 'A', value: '1' }] }] },
    };
    const patch = {
      metadata: { labels: { tier: 'front' } },
      spec: {
        '$setElementOrder/containers': [{ name: 'main' }],
        containers: [{ '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }], env: [{ name: 'B', value: '2' }], name: 'main' }],
      },
    };
    expect(applyStrategicMergePatch(original, patch, POD)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'web', tier: 'front' } },
      spec: { containers: [{ name: 'main', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] },
    });
  });

  it('leaves its arguments alone', () => {
    const original = { spec: { containers: [{ name: 'a', image: 'x', env: [{ name: 'E', value: '1' }] }] } };
    const patch = { spec: { containers: [{ name: 'b', image: 'y' }, { name: 'a', env: [{ name: 'E', value: null }] }] } };
    const before = JSON.stringify([original, patch]);
    const out = applyStrategicMergePatch(original, patch, POD) as typeof original;
    out.spec.containers.push({ name: 'c', image: 'z', env: [] });
    expect(JSON.stringify([original, patch])).toBe(before);
  });

  it('treats a __proto__ key as data', () => {
    const patch: unknown = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":true}}}}');
    const out = applyStrategicMergePatch({ metadata: { labels: {} } }, patch, POD) as { metadata: { labels: object } };
    expect(Object.getPrototypeOf(out.metadata.labels)).toBe(Object.prototype);
    expect(Object.keys(out.metadata.labels)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('returns the original for a null patch (a nil map upstream)', () => {
    expect(applyStrategicMergePatch({ a: 1 }, null, POD)).toEqual({ a: 1 });
  });

  it.each([
    [[{ a: 1 }], 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['x', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    [1, 'json: cannot unmarshal number into Go value of type map[string]interface {}'],
    [true, 'json: cannot unmarshal bool into Go value of type map[string]interface {}'],
  ])('400 for a patch that is not an object: %j', (patch, message) => {
    const e = failure({}, patch);
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({ code: 400, reason: 'BadRequest', message });
  });

  // Errors whose text prints Go values: maps with sorted keys, int64 for whole numbers.
  it.each([
    [
      'a merge key missing from a patch item',
      { spec: { containers: [{ name: 'a' }] } },
      { spec: { containers: [{ ports: [{ containerPort: 80 }], image: 'x' }] } },
      'map: map[image:x ports:[map[containerPort:80]]] does not contain declared merge key: name',
    ],
    [
      'a $patch that is not a string',
      { spec: { containers: [{ name: 'a' }] } },
      { spec: { containers: [{ name: 'a', $patch: 7 }] } },
      'unknown patch type: %!s(int64=7) in map: map[$patch:7 name:a]',
    ],
    [
      'a $patch delete item without its merge key',
      { spec: { containers: [{ name: 'a' }] } },
      { spec: { containers: [{ $patch: 'delete' }] } },
      'map: map[$patch:delete] does not contain declared merge key: name',
    ],
    [
      'a setElementOrder entry without the merge key',
      { spec: { containers: [{ name: 'a' }] } },
      { spec: { '$setElementOrder/containers': [{ image: 'x' }], containers: [{ name: 'a' }] } },
      'map: map[image:x] does not contain declared merge key: name',
    ],
    [
      'a patch list for setElementOrder that is null',
      { spec: { containers: [{ name: 'a' }] } },
      { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: null } },
      'expected a []interface {}, but received a %!s(<nil>)',
    ],
    [
      'a list with merge strategy whose items are maps without a merge key',
      { spec: { tolerations: [{ key: 'a' }] } },
      { spec: { '$deleteFromPrimitiveList/tolerations': [{ key: 'a' }] } },
      'cannot merge lists without merge key for struct',
    ],
    [
      'a primitive list item missing from setElementOrder',
      { metadata: { finalizers: ['a'] } },
      { metadata: { '$setElementOrder/finalizers': [{}], finalizers: ['b'] } },
      "The order in patch list:\n[b]\n doesn't match $setElementOrder list:\n[map[]]\n",
    ],
  ])('500 for %s', (_name, original, patch, message) => {
    const e = failure(original, patch);
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({ code: 500, reason: '', message });
  });

  it('answers a Go panic (comparing maps) like the apiserver', () => {
    const e = failure({ metadata: { finalizers: ['a'] } }, { metadata: { '$setElementOrder/finalizers': [{}], finalizers: [{}] } });
    expect({ code: e.code, reason: e.reason, plainText: e.plainText }).toEqual({ code: 500, reason: 'InternalError', plainText: true });
  });
});
