/**
 * Lists in a strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch, mergeSlice and
 * the ordering helpers): merging by key, the `$patch` items of a list, the union of primitive
 * lists, `$deleteFromPrimitiveList`, and the order of the merged result.
 *
 * Order of a merged list, as upstream: the items named in the patch keep the patch's order, the
 * items only on the server keep the server's order, and the two are interleaved so that a server
 * item goes before a patch item when the server list had it first; patch items the server did not
 * have go before the server items that follow them.
 */
import { goEqual, goMapKey, goSprint, goSprintS, goTypeName } from './go-values';
import { getKey, isJsonObject, type JsonObject } from './json-value';
import type { PatchMeta } from './patch-meta';
import { panicked, unclassified, unprocessable, type PatchError } from './patch-error';

export const DIRECTIVE_MARKER = '$patch';

const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

/** mergepatch.ErrNoMergeKey. */
export function errNoMergeKey(m: object, key: string): PatchError {
  return unclassified(`map: ${goSprint(m)} does not contain declared merge key: ${key}`);
}

/** mergepatch.ErrBadArgType; `expected` is a value of the wanted type (`[]` or `{}`). */
export function errBadArgType(expected: unknown, actual: unknown): PatchError {
  return unclassified(`expected a ${goTypeName(expected)}, but received a ${goTypeName(actual)}`);
}

/** Merges one item of a list into the matching server item (strategic mergeMap). */
export type MergeItem = (original: JsonObject, patch: JsonObject, meta: PatchMeta) => JsonObject;

/** sliceElementType: the one Go type of every item of the lists; lists of lists are refused. */
export function elementKind(...lists: readonly (readonly unknown[])[]): string {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = v === null ? 'nil' : isJsonObject(v) ? 'map' : goTypeName(v);
      if (kind === undefined) {
        if (k === 'nil') throw panicked(NIL_DEREFERENCE);
        if (k === '[]interface {}') throw unprocessable('lists of lists are not supported');
        kind = k;
      } else if (k !== kind) {
        throw unclassified(`list element types are not identical: ${goSprint(lists)}`);
      }
    }
  }
  if (kind === undefined) throw unclassified('no elements in any of the given slices');
  return kind;
}

/**
 * mergeSlice: merges a list with merge strategy (or a `$deleteFromPrimitiveList` list) into the
 * server's list. Both lists belong to the caller and may be modified.
 */
export function mergeList(
  original: unknown[],
  patch: unknown[],
  itemMeta: PatchMeta,
  mergeKey: string,
  isDeleteList: boolean,
  mergeItem: MergeItem,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromList(original, patch);
    merged = dedupe([...original, ...patch]);
  } else {
    if (mergeKey === '') throw unclassified(`cannot merge lists without merge key for ${itemMeta.name}`);
    ({ original, patch } = applyListDirectives(original, patch as JsonObject[], mergeKey));
    merged = mergeItemsByKey([...original], patch as JsonObject[], mergeKey, itemMeta, mergeItem);
  }
  const { inList, rest } = partition(merged, patch, mergeKey);
  return normalizeElementOrder(inList, rest, patch, original, mergeKey, kind);
}

/** mergeSliceWithSpecialElements: applies `$patch: delete` and `$patch: replace` items. */
function applyListDirectives(
  original: unknown[],
  patch: JsonObject[],
  mergeKey: string,
): { original: unknown[]; patch: unknown[] } {
  const plain: JsonObject[] = [];
  let replace = false;
  for (const item of patch) {
    if (!Object.prototype.hasOwnProperty.call(item, DIRECTIVE_MARKER)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === 'delete') {
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const value = item[mergeKey];
      original = original.filter((o, i) => !matchesKey(o, mergeKey, value, i));
    } else if (directive === 'replace') {
      // Keep going: the other `$patch` items of the list are still checked and dropped.
      replace = true;
    } else if (directive === 'merge') {
      throw unclassified('merging lists cannot yet be specified in the patch');
    } else {
      throw unclassified(`unknown patch type: ${goSprintS(directive)} in map: ${goSprint(item)}`);
    }
  }
  return replace ? { original: plain, patch: [] } : { original, patch: plain };
}

/** findMapInSliceBasedOnKeyValue's test for one item. */
function matchesKey(item: unknown, mergeKey: string, value: unknown, index: number): boolean {
  if (!isJsonObject(item)) throw unclassified(`value for key ${index} is not a map`);
  return Object.prototype.hasOwnProperty.call(item, mergeKey) && goEqual(item[mergeKey], value);
}

function findByKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  return list.findIndex((item, i) => matchesKey(item, mergeKey, value, i));
}

/** mergeSliceWithoutSpecialElements: patch items merge into the server item with their key, or are appended. */
function mergeItemsByKey(
  original: unknown[],
  patch: readonly JsonObject[],
  mergeKey: string,
  itemMeta: PatchMeta,
  mergeItem: MergeItem,
): unknown[] {
  for (const item of patch) {
    if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    const at = findByKey(original, mergeKey, item[mergeKey]);
    if (at >= 0) original[at] = mergeItem(original[at] as JsonObject, item, itemMeta);
    else original.push(item);
  }
  return original;
}

/** deleteFromSlice: drops every item that appears in the delete list. */
function deleteFromList(current: readonly unknown[], toDelete: readonly unknown[]): unknown[] {
  const gone = new Set(toDelete.map(goMapKey));
  return current.filter((v) => !gone.has(goMapKey(v)));
}

/** deduplicateScalars: keeps the first of equal values (the order is fixed afterwards anyway). */
function dedupe(list: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const k = goMapKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * partitionMapsByPresentInList / partitionPrimitivesByPresentInList: the items of `list` that
 * `by` names (by merge key, or by value when there is no merge key), and the rest.
 */
export function partition(
  list: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string,
): { inList: unknown[]; rest: unknown[] } {
  const inList: unknown[] = [];
  const rest: unknown[] = [];
  if (mergeKey === '') {
    const keys = new Set(by.map(goMapKey));
    for (const v of list) (keys.has(goMapKey(v)) ? inList : rest).push(v);
    return { inList, rest };
  }
  for (const v of list) {
    if (!isJsonObject(v)) throw errBadArgType({}, v);
    if (!Object.prototype.hasOwnProperty.call(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inList : rest).push(v);
  }
  return { inList, rest };
}

/**
 * normalizeElementOrder: sorts the patch items by `patchOrder` and the server-only items by
 * `serverOrder`, then interleaves them (mergeSortedSlice).
 */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) {
      out.push(left[i++]);
    } else if (i >= left.length) {
      out.push(right[j++]);
    } else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * normalizeSliceOrder: a stable sort of `items` by their position in `order`. For lists of maps
 * every item of both lists must carry the merge key, and `$patch: delete` items go last.
 * Upstream callers only pass items that `order` contains; an item it lacks keeps its place
 * relative to other such items and goes after the ones found.
 */
function sortByOrder(items: readonly unknown[], order: readonly unknown[], mergeKey: string, kind: string): unknown[] {
  let toSort = [...items];
  let deletes: unknown[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const item of list) {
        if (!isJsonObject(item)) throw errBadArgType({}, item);
        if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      }
    }
    deletes = toSort.filter((v) => isJsonObject(v) && v[DIRECTIVE_MARKER] === 'delete');
    toSort = toSort.filter((v) => !(isJsonObject(v) && v[DIRECTIVE_MARKER] === 'delete'));
  }
  const ranked = toSort.map((item, pos) => {
    const at = indexIn(order, item, mergeKey, kind);
    return { item, pos, rank: at >= 0 ? at : Number.POSITIVE_INFINITY };
  });
  ranked.sort((a, b) => (a.rank === b.rank ? a.pos - b.pos : a.rank < b.rank ? -1 : 1));
  return [...ranked.map((r) => r.item), ...deletes];
}

/** index: the position of `value` in `list`, comparing merge key values for maps, else values. */
function indexIn(list: readonly unknown[], value: unknown, mergeKey: string, kind: string): number {
  const key = (v: unknown): unknown => (kind === 'map' ? (isJsonObject(v) ? getKey(v, mergeKey) : null) : v);
  const wanted = key(value);
  return list.findIndex((v) => goEqual(key(v), wanted));
}
