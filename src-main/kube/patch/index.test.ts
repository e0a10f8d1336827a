import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError } from './index';

const POD_GVK = { group: '', version: 'v1', kind: 'Pod' };
const WIDGET_GVK = { group: 'example.com', version: 'v1', kind: 'Widget' };

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web' } },
  spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
};

function failure(contentType: string, body: unknown): PatchError {
  try {
    applyPatch(contentType, pod, body, POD_GVK);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('the patch applied');
}

describe('applyPatch', () => {
  const patch = { spec: { containers: [{ name: 'b', image: 'z' }] } };

  it('merges lists by key for a strategic merge patch', () => {
    expect(applyPatch('application/strategic-merge-patch+json', pod, patch, POD_GVK)).toMatchObject({
      spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }] },
    });
  });

  it('replaces lists for a merge patch', () => {
    expect(applyPatch('application/merge-patch+json', pod, patch, POD_GVK)).toMatchObject({ spec: { containers: [{ name: 'b', image: 'z' }] } });
  });

  it('replaces lists for a strategic merge patch on a kind without metadata', () => {
    expect(applyPatch('application/strategic-merge-patch+json', pod, patch, WIDGET_GVK)).toMatchObject({
      spec: { containers: [{ name: 'b', image: 'z' }] },
    });
  });

  it('applies a JSON patch', () => {
    const ops = [{ op: 'replace', path: '/spec/containers/1/image', value: 'z' }];
    expect(applyPatch('application/json-patch+json', pod, ops, POD_GVK)).toMatchObject({
      spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }] },
    });
  });

  it('ignores media type parameters', () => {
    expect(applyPatch('application/merge-patch+json; charset=utf-8', pod, { metadata: { labels: null } }, POD_GVK)).toEqual({
      ...pod,
      metadata: { name: 'p' },
    });
  });

  it.each(['application/json', 'application/apply-patch+yaml', 'text/plain', ''])('refuses %j with 415', (type) => {
    const e = failure(type, {});
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  // The apiserver decodes a merge patch strictly into map[string]interface{} first.
  it.each([
    [null, 'Invalid JSON Patch'],
    [[], 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['x', 'error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}'],
    [3, 'error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}'],
    [false, 'error decoding patch: json: cannot unmarshal bool into Go value of type map[string]interface {}'],
  ])('400 for the merge patch %j', (body, message) => {
    const e = failure('application/merge-patch+json', body);
    expect({ code: e.code, reason: e.reason, message: e.message }).toEqual({ code: 400, reason: 'BadRequest', message });
  });

  it('is a PatchError with the fields the Status needs', () => {
    const e = failure('application/json-patch+json', [{ op: 'test', path: '/kind', value: 'Node' }]);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PatchError');
    expect({ code: e.code, reason: e.reason, message: e.message, plainText: e.plainText }).toEqual({
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      plainText: false,
    });
    expect(e.detail).toBe('testing value /kind failed: test failed');
  });
});
