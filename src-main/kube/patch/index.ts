/**
 * PATCH bodies applied to an object, by content type, with kube-apiserver's semantics and errors
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go). Server-side apply
 * (`application/apply-patch+yaml`) is not handled here. Everything is pure: no I/O, inputs are
 * never modified, failures are PatchError.
 */
import { jsonKindName } from './go-values';
import { applyJsonPatch } from './json-patch';
import { isJsonObject } from './json-value';
import { applyMergePatch } from './merge-patch';
import { badRequest, unsupportedMediaType } from './patch-error';
import { patchMetaFor, type GroupVersionKind } from './patch-meta';
import { applyStrategicMergePatch } from './strategic-merge-patch';

export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch';
export { applyMergePatch } from './merge-patch';
export { GENERIC_INVALID_MESSAGE, PatchError } from './patch-error';
export { lookupPath, mergeStrategy, NO_PATCH_META, patchMetaFor } from './patch-meta';
export type { FieldPatchMeta, GroupVersionKind, PatchMeta, PatchStrategy } from './patch-meta';
export { applyStrategicMergePatch } from './strategic-merge-patch';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** The patch types of a built-in resource, in the order the apiserver lists them in a 415. */
export const PATCH_CONTENT_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH] as const;

/** What applyPatch needs of the stored object: any JSON object will do. */
export interface KubeObjectLike {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: object;
}

/**
 * Applies `patchBody` (already parsed from JSON) to `original` according to `contentType` (a media
 * type; parameters such as `; charset=utf-8` are ignored) and returns the patched object.
 * `gvk` selects the strategic-merge metadata. Throws PatchError.
 */
export function applyPatch(contentType: string, original: KubeObjectLike, patchBody: unknown, gvk: GroupVersionKind): unknown {
  const type = contentType.split(';')[0].trim();
  switch (type) {
    case JSON_PATCH:
      return applyJsonPatch(original, patchBody);
    case MERGE_PATCH:
      return applyMergePatchBody(original, patchBody);
    case STRATEGIC_MERGE_PATCH:
      return applyStrategicMergePatch(original, patchBody, patchMetaFor(gvk));
    default:
      throw unsupportedMediaType(type, PATCH_CONTENT_TYPES);
  }
}

/**
 * The apiserver first decodes a merge patch strictly into map[string]interface{} (so arrays and
 * scalars are 400 with the decoder's text), then json-patch v4 refuses a null patch.
 */
function applyMergePatchBody(original: KubeObjectLike, patch: unknown): unknown {
  if (patch === null || patch === undefined) throw badRequest('Invalid JSON Patch');
  if (!isJsonObject(patch)) {
    throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKindName(patch)} into Go value of type map[string]interface {}`);
  }
  return applyMergePatch(original, patch);
}
