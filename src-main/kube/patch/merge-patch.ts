/**
 * JSON merge patch (RFC 7386), with the one refinement of the library kube-apiserver uses
 * (evanphx/json-patch v4, MergePatch): a value that is added where nothing of object type was
 * before has its null members dropped all the way down, objects inside arrays included, so a
 * null never ends up stored. Otherwise it is the RFC: objects merge key by key, null deletes a
 * key, arrays and scalars replace.
 */
import { cloneJson, deleteKey, getKey, isJsonObject, setKey, type JsonObject } from './json-value';

/** Applies `patch` to a copy of `target`; neither argument is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  const p = cloneJson(patch);
  if (Array.isArray(p)) return pruneNulls(p);
  if (!isJsonObject(p)) return p;
  const t = cloneJson(target);
  if (!isJsonObject(t)) return pruneNulls(p);
  mergeInto(t, p);
  return t;
}

function mergeInto(doc: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      deleteKey(doc, key);
      continue;
    }
    const current = getKey(doc, key);
    setKey(doc, key, current === undefined || current === null ? pruneNulls(value) : mergeValue(current, value));
  }
}

function mergeValue(current: unknown, patch: unknown): unknown {
  if (!isJsonObject(current)) return pruneNulls(patch);
  if (!isJsonObject(patch)) return patch;
  mergeInto(current, patch);
  return current;
}

/** Drops null members of objects, recursively; nulls that are array items stay. */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    v.forEach(pruneNulls);
  } else if (isJsonObject(v)) {
    for (const [key, item] of Object.entries(v)) {
      if (item === null) deleteKey(v, key);
      else pruneNulls(item);
    }
  }
  return v;
}
