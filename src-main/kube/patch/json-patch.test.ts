import { describe, expect, it } from 'vitest';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch';
import { GENERIC_INVALID_MESSAGE, PatchError } from './patch-error';

const doc = (): Record<string, unknown> => ({ metadata: { name: 'c', labels: { a: '1' } }, list: ['x', 'y', 'z'] });

function failure(target: unknown, ops: unknown): PatchError {
  try {
    applyJsonPatch(target, ops);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('the patch applied');
}

describe('applyJsonPatch', () => {
  it.each([
    ['add to an object', [{ op: 'add', path: '/metadata/labels/b', value: '2' }], { labels: { a: '1', b: '2' } }],
    ['add over an existing member replaces it', [{ op: 'add', path: '/metadata/labels/a', value: '9' }], { labels: { a: '9' } }],
    ['remove', [{ op: 'remove', path: '/metadata/labels/a' }], { labels: {} }],
    ['replace', [{ op: 'replace', path: '/metadata/name', value: 'd' }], { name: 'd' }],
    ['replace of a missing member adds it', [{ op: 'replace', path: '/metadata/uid', value: 'u' }], { uid: 'u' }],
    ['move', [{ op: 'move', from: '/metadata/labels/a', path: '/metadata/labels/b' }], { labels: { b: '1' } }],
    ['copy', [{ op: 'copy', from: '/metadata/labels', path: '/metadata/annotations' }], { annotations: { a: '1' } }],
    ['test then replace', [{ op: 'test', path: '/metadata/labels/a', value: '1' }, { op: 'replace', path: '/metadata/labels/a', value: '2' }], { labels: { a: '2' } }],
    ['~1 and ~0 in a key', [{ op: 'add', path: '/metadata/labels/x~1y~0z', value: 'v' }], { labels: { a: '1', 'x/y~z': 'v' } }],
    ['~01 is ~1, not /', [{ op: 'add', path: '/metadata/labels/~01', value: 'v' }], { labels: { a: '1', '~1': 'v' } }],
  ])('%s', (_name, ops, expectedMeta) => {
    const out = applyJsonPatch(doc(), ops) as { metadata: unknown };
    expect(out.metadata).toMatchObject(expectedMeta);
  });

  it.each([
    ['append with -', [{ op: 'add', path: '/list/-', value: 'w' }], ['x', 'y', 'z', 'w']],
    ['insert at 0', [{ op: 'add', path: '/list/0', value: 'w' }], ['w', 'x', 'y', 'z']],
    ['insert at the length', [{ op: 'add', path: '/list/3', value: 'w' }], ['x', 'y', 'z', 'w']],
    ['add at -1 appends', [{ op: 'add', path: '/list/-1', value: 'w' }], ['x', 'y', 'z', 'w']],
    ['remove the last with -1', [{ op: 'remove', path: '/list/-1' }], ['x', 'y']],
    ['replace with -3', [{ op: 'replace', path: '/list/-3', value: 'X' }], ['X', 'y', 'z']],
    ['move within the list', [{ op: 'move', from: '/list/0', path: '/list/-' }], ['y', 'z', 'x']],
  ])('array: %s', (_name, ops, expected) => {
    expect((applyJsonPatch(doc(), ops) as { list: unknown }).list).toEqual(expected);
  });

  it('applies nothing for a null body, like the apiserver', () => {
    expect(applyJsonPatch(doc(), null)).toEqual(doc());
    expect(applyJsonPatch(doc(), [])).toEqual(doc());
  });

  it('leaves its arguments alone', () => {
    const target = doc();
    const ops = [{ op: 'add', path: '/metadata/labels/b', value: { deep: ['v'] } }, { op: 'remove', path: '/list/0' }];
    const before = JSON.stringify([target, ops]);
    const out = applyJsonPatch(target, ops) as { metadata: { labels: { b: { deep: string[] } } } };
    out.metadata.labels.b.deep.push('changed');
    expect(JSON.stringify([target, ops])).toBe(before);
  });

  // Shapes that the apiserver's strict decode into []handlers.jsonPatchOp refuses: 400.
  it.each([
    [{ op: 'add' }, 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'],
    ['[]', 'error decoding patch: json: cannot unmarshal string into Go value of type []handlers.jsonPatchOp'],
    [[1], 'error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp'],
    [[[]], 'error decoding patch: json: cannot unmarshal array into Go value of type handlers.jsonPatchOp'],
    [[{ op: 1, path: '/a' }], 'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string'],
    [[{ op: 'add', path: true }], 'error decoding patch: json: cannot unmarshal bool into Go struct field jsonPatchOp.path of type string'],
    [[{ op: 'move', path: '/a', from: {} }], 'error decoding patch: json: cannot unmarshal object into Go struct field jsonPatchOp.from of type string'],
  ])('400 for %j', (ops, message) => {
    const e = failure(doc(), ops);
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({ code: 400, reason: 'BadRequest', message });
  });

  // Operations that json-patch v4 refuses: 422 with the generic text; detail is v4's message.
  it.each([
    [[{ op: 'test', path: '/metadata/name', value: 'x' }], 'testing value /metadata/name failed: test failed'],
    [[{ op: 'test', path: '', value: {} }], 'testing value  failed: test failed'],
    [[{ op: 'remove', path: '/metadata/nope' }], "error in remove for path: '/metadata/nope': Unable to remove nonexistent key: nope: missing value"],
    [[{ op: 'remove', path: '' }], 'remove operation does not apply: doc is missing path: "": missing value'],
    [[{ op: 'add', path: '/nope/x', value: 1 }], 'add operation does not apply: doc is missing path: "/nope/x": missing value'],
    [[{ op: 'add', path: '/list/4', value: 1 }], "error in add for path: '/list/4': Unable to access invalid index: 4: invalid index referenced"],
    [[{ op: 'add', path: '/list/-5', value: 1 }], "error in add for path: '/list/-5': Unable to access invalid index: -5: invalid index referenced"],
    [[{ op: 'add', path: '/list/x', value: 1 }], `error in add for path: '/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
    [[{ op: 'remove', path: '/list/3' }], "error in remove for path: '/list/3': Unable to access invalid index: 3: invalid index referenced"],
    [[{ op: 'replace', path: '/list/-4', value: 1 }], 'replace operation does not apply: doc is missing key: /list/-4: missing value'],
    [[{ op: 'replace', path: '', value: 'scalar' }], 'replace operation value must be object or array: %!w(<nil>)'],
    [[{ op: 'move', from: '/nope/x', path: '/a' }], 'move operation does not apply: doc is missing from path: /nope/x: missing value'],
    [[{ op: 'move', from: '/metadata/nope', path: '/a' }], "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"],
    [[{ op: 'copy', from: '/list/9', path: '/a' }], "error in copy for from: '/list/9': Unable to access invalid index: 9: invalid index referenced"],
    [[{ op: 'copy', from: '/list/0', path: '/nope/a' }], 'copy operation does not apply: doc is missing destination path: /nope/a: missing value'],
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [[{ op: 'move', path: '/a' }], 'move operation failed to decode from: operation, missing from field: missing value'],
    [[{ op: 'frob', path: '/a' }], 'Unexpected kind: frob'],
    [[{ path: '/a' }], 'Unexpected kind: unknown'],
    [[null], 'Unexpected kind: unknown'],
  ])('422 for %j', (ops, detail) => {
    const e = failure(doc(), ops);
    expect({ code: e.code, reason: e.reason, message: e.message, detail: e.detail }).toEqual({
      code: 422,
      reason: 'Invalid',
      message: GENERIC_INVALID_MESSAGE,
      detail,
    });
  });

  it('stops at the first failing operation and changes nothing', () => {
    const target = doc();
    failure(target, [{ op: 'remove', path: '/metadata/labels/a' }, { op: 'test', path: '/metadata/name', value: 'x' }]);
    expect(target).toEqual(doc());
  });

  it.each([
    [[{ op: 'test', path: '/metadata/nope' }]],
    [[{ op: 'test', path: '' }]],
    [[{ op: 'replace', path: '' }]],
  ])('answers a panic of json-patch v4.12 like the apiserver: %j', (ops) => {
    const e = failure(doc(), ops);
    expect({ code: e.code, reason: e.reason, plainText: e.plainText }).toEqual({ code: 500, reason: 'InternalError', plainText: true });
  });

  it(`refuses more than ${MAX_JSON_PATCH_OPERATIONS} operations with 413`, () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/metadata/name', value: 'c' }));
    const e = failure(doc(), ops);
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
    expect(() => applyJsonPatch(doc(), ops.slice(1))).not.toThrow();
  });
});
