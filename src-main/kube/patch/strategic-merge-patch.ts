/**
 * Strategic merge patch as kube-apiserver applies it (strategicpatch.StrategicMergeMapPatch with
 * MergeParallelList and IgnoreUnmatchedNulls, as handlers/patch.go calls it). Objects merge key
 * by key and null deletes a key; a list merges by its patchMergeKey when its field's
 * patchStrategy is merge and is replaced otherwise. The directives:
 *
 * - `$patch: replace` in an object replaces the object, `$patch: delete` empties it; in a list
 *   item, `delete` removes the server item with that key and `replace` makes the list exactly the
 *   patch's other items;
 * - `$retainKeys: [...]` drops the server keys it does not list (after checking the patch sets
 *   only listed keys);
 * - `$deleteFromPrimitiveList/<field>: [...]` removes those values from a primitive list;
 * - `$setElementOrder/<field>: [...]` fixes the order of the merged list (see strategic-list.ts).
 *
 * Keys of the patch are handled in the order they appear (Go walks its map in random order; the
 * result only differs when one patch both adds and deletes the same primitive value).
 */
import { goEqual, goSprint, goSprintS, goTypeName, jsonKindName } from './go-values';
import { cloneJson, deleteKey, getKey, hasKey, isJsonObject, setKey, type JsonObject } from './json-value';
import { mergeStrategy, type PatchMeta } from './patch-meta';
import { badRequest, unclassified } from './patch-error';
import {
  DIRECTIVE_MARKER,
  elementKind,
  errBadArgType,
  errNoMergeKey,
  mergeList,
  normalizeElementOrder,
  partition,
} from './strategic-list';

const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

// The mergepatch errors the apiserver answers with 400 BadRequest.
const BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const BAD_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';

/**
 * Applies a strategic merge patch to a copy of `original`; throws PatchError. A null patch changes
 * nothing (the apiserver decodes it into a nil map); any other non-object is a 400.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, meta: PatchMeta): unknown {
  if (patch === null || patch === undefined) return cloneJson(original);
  if (!isJsonObject(patch)) {
    throw badRequest(`json: cannot unmarshal ${jsonKindName(patch)} into Go value of type map[string]interface {}`);
  }
  const base = isJsonObject(original) ? cloneJson(original) : {};
  return mergeMap(base, cloneJson(patch), meta);
}

/** mergeMap: merges `patch` into `original`; both belong to the caller and are modified. */
function mergeMap(original: JsonObject, patch: JsonObject, meta: PatchMeta): JsonObject {
  if (hasKey(patch, DIRECTIVE_MARKER)) return mapDirective(patch);
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, meta);
  for (const [patchKey, patchValue] of Object.entries(patch)) {
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      isDeleteList = true;
      const field = directiveField(patchKey, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST);
      if (field !== '') key = field;
    }
    if (patchValue === null) {
      deleteKey(original, key);
      continue;
    }
    if (!hasKey(original, key) || goKind(original[key]) !== goKind(patchValue)) {
      if (!isDeleteList) putPatchValue(original, key, patchValue);
      continue;
    }
    const current = original[key];
    if (isJsonObject(current) && isJsonObject(patchValue)) {
      const field = meta.field(key);
      setKey(original, key, mergeStrategy(field) === 'replace' ? patchValue : mergeMap(current, patchValue, field.meta));
    } else if (Array.isArray(current) && Array.isArray(patchValue)) {
      const field = meta.field(key);
      const merge = mergeStrategy(field) === 'merge' || isDeleteList;
      setKey(original, key, merge ? mergeList(current, patchValue, field.meta, field.mergeKey, isDeleteList, mergeMap) : patchValue);
    } else {
      setKey(original, key, patchValue);
    }
  }
  return original;
}

/** `$patch` in an object: replace gives the patch itself, delete an empty object. */
function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE_MARKER];
  if (directive === 'replace') {
    deleteKey(patch, DIRECTIVE_MARKER);
    return patch;
  }
  if (directive === 'delete') return {};
  throw unclassified(`unknown patch type: ${goSprintS(directive)} in map: ${goSprint(patch)}`);
}

/** The Go type a value decodes to; a patch value of another type replaces the server's. */
function goKind(v: unknown): string {
  return v === null ? 'nil' : goTypeName(v);
}

/**
 * A patch value for a key the server lacks (or holds with another type) is taken as is, minus
 * its null members and any part that carries `$patch`.
 */
function putPatchValue(original: JsonObject, key: string, value: unknown): void {
  discardNulls(value);
  const kept = removeDirectives(value);
  if (kept.keep) setKey(original, key, kept.value);
  else deleteKey(original, key);
}

/** discardNullValuesFromPatch: drops null members of objects, all the way down. */
function discardNulls(v: unknown): void {
  if (Array.isArray(v)) {
    v.forEach(discardNulls);
  } else if (isJsonObject(v)) {
    for (const [k, item] of Object.entries(v)) {
      if (item === null) deleteKey(v, k);
      else discardNulls(item);
    }
  }
}

/** removeDirectives: drops every object that has `$patch` (other directives stay as they are). */
function removeDirectives(v: unknown): { keep: boolean; value: unknown } {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const r = removeDirectives(item);
      if (r.keep) out.push(r.value);
    }
    return { keep: true, value: out };
  }
  if (isJsonObject(v)) {
    if (hasKey(v, DIRECTIVE_MARKER)) return { keep: false, value: undefined };
    for (const [k, item] of Object.entries(v)) {
      const r = removeDirectives(item);
      if (r.keep) setKey(v, k, r.value);
      else deleteKey(v, k);
    }
  }
  return { keep: true, value: v };
}

/** `<prefix>/<field>` gives field; anything else is the directive's 400. */
function directiveField(key: string, prefix: string, malformed: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequest(malformed);
  return key.slice(slash + 1);
}

/** applyRetainKeysDirective. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  deleteKey(patch, RETAIN_KEYS);
  if (!Array.isArray(retain)) throw badRequest(BAD_RETAIN_KEYS);
  const keep = new Set(retain.filter((k): k is string => typeof k === 'string'));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw badRequest(BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) deleteKey(original, k);
}

/**
 * mergePatchIntoOriginal: each `$setElementOrder/<field>` merges the patch's list for that field
 * into the server's and puts the result in the given order; both keys leave the patch.
 */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, meta: PatchMeta): void {
  for (const [directiveKey, order] of Object.entries(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    deleteKey(patch, directiveKey);
    if (!Array.isArray(order)) throw errBadArgType([], order);
    const key = directiveField(directiveKey, SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER);
    const foundOriginal = hasKey(original, key);
    const foundPatch = hasKey(patch, key);
    const originalList = getKey(original, key);
    const patchList = getKey(patch, key);
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType([], originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType([], patchList);
    const serverItems = Array.isArray(originalList) ? originalList : [];
    const patchItems = Array.isArray(patchList) ? patchList : [];
    const field = meta.field(key);
    checkOrderCoversPatch(patchItems, order, field.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) {
      merged = serverItems;
    } else if (!foundOriginal && foundPatch) {
      merged = removeDirectives(patchItems).value as unknown[];
    } else if (foundOriginal && foundPatch) {
      merged =
        mergeStrategy(field) === 'merge'
          ? mergeList(serverItems, patchItems, field.meta, field.mergeKey, false, mergeMap)
          : patchItems;
    } else {
      continue;
    }
    const { inList, rest } = partition(merged, order, field.mergeKey);
    const kind = elementKind(serverItems, patchItems);
    setKey(original, key, normalizeElementOrder(inList, rest, order, serverItems, field.mergeKey, kind));
    deleteKey(patch, key);
  }
}

/**
 * validatePatchWithSetOrderList: every patch item (other than `$patch` ones) must appear in the
 * order list, in the same relative order.
 */
function checkOrderCoversPatch(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== '') {
    for (const v of patchList) if (!isJsonObject(v)) throw errBadArgType({}, v);
    items = patchList.filter((v) => !(isJsonObject(v) && v[DIRECTIVE_MARKER] === 'delete'));
  }
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isJsonObject(item) && hasKey(item, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw unclassified(
      `The order in patch list:\n${goSprint(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goSprint(order)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isJsonObject(left)) throw errBadArgType({}, left);
  if (!isJsonObject(right)) throw errBadArgType({}, right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}
