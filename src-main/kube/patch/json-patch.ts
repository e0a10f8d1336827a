/**
 * JSON patch (RFC 6902) as kube-apiserver applies it: the request body is first decoded strictly
 * into a list of {op, path, from, value} (shape errors are 400), then applied with
 * evanphx/json-patch v4, whose behaviour differs from the RFC in ways kubectl users meet:
 *
 * - `replace` of a missing object member adds it (the RFC says fail);
 * - negative array indexes count from the end (`/x/-1` is the last item; `add` at -1 appends);
 * - `add` and `remove` with the empty path fail; `replace` with it swaps the whole document;
 * - `add` without `value` stores null; `test` with a null value passes on a member that is missing
 *   or null (and without `value` it panics there: a 500); `copy` from a missing member copies null;
 * - the first path segment is never looked up (`a/b` is treated like `/b`).
 *
 * That is why this is not fast-json-patch's applyPatch: its validating mode follows the RFC and
 * its non-validating mode accepts more than v4 does. Every failure while applying is a 422 with
 * the apiserver's generic text; `PatchError.detail` has v4's own message.
 */
import { jsonKindName } from './go-values';
import { cloneJson, getKey, hasKey, isJsonObject, jsonEqual, setKey, type JsonObject } from './json-value';
import { badRequest, panicked, requestEntityTooLarge, unprocessable } from './patch-error';

/** kube-apiserver's limit on operations in one JSON patch (handlers/patch.go). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

interface Operation {
  readonly op?: unknown;
  readonly path?: unknown;
  readonly from?: unknown;
  readonly hasValue: boolean;
  readonly value: unknown;
}

/** Applies the operations in `ops` to a copy of `target`; throws PatchError. */
export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  const operations = decodeOperations(cloneJson(ops));
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw requestEntityTooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  const doc: Doc = { root: cloneJson(target) };
  for (const op of operations) {
    const failure = applyOperation(doc, op);
    if (failure === NIL_DEREFERENCE) throw panicked(failure);
    if (failure !== undefined) throw unprocessable(failure);
  }
  return doc.root;
}

/** The strict decode of the body into []jsonPatchOp, with encoding/json's error texts. */
function decodeOperations(ops: unknown): Operation[] {
  if (ops === null || ops === undefined) return [];
  if (!Array.isArray(ops)) {
    throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKindName(ops)} into Go value of type []handlers.jsonPatchOp`);
  }
  return ops.map((item: unknown): Operation => {
    if (item === null) return { hasValue: false, value: undefined };
    if (!isJsonObject(item)) {
      throw badRequest(`error decoding patch: json: cannot unmarshal ${jsonKindName(item)} into Go value of type handlers.jsonPatchOp`);
    }
    for (const field of ['op', 'path', 'from']) {
      const v = getKey(item, field);
      if (v !== undefined && v !== null && typeof v !== 'string') {
        throw badRequest(
          `error decoding patch: json: cannot unmarshal ${jsonKindName(v)} into Go struct field jsonPatchOp.${field} of type string`,
        );
      }
    }
    return { op: getKey(item, 'op'), path: getKey(item, 'path'), from: getKey(item, 'from'), hasValue: hasKey(item, 'value'), value: getKey(item, 'value') };
  });
}

interface Doc {
  root: unknown;
}

/** An object or array that holds the member a path points at, and that member's key. */
interface Slot {
  readonly container: JsonObject | unknown[];
  readonly key: string;
}

type Result = string | undefined;

/** Applies one operation in place; returns v4's error text on failure. */
function applyOperation(doc: Doc, op: Operation): Result {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add':
      return add(doc, op);
    case 'remove':
      return remove(doc, op);
    case 'replace':
      return replace(doc, op);
    case 'move':
      return move(doc, op);
    case 'test':
      return test(doc, op);
    case 'copy':
      return copy(doc, op);
    default:
      return `Unexpected kind: ${kind}`;
  }
}

const MISSING = 'missing value';
/** Where json-patch v4.12 (the version kube-apiserver 1.27-1.33 vendors) dereferences nil. */
const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

function add(doc: Doc, op: Operation): Result {
  if (typeof op.path !== 'string') return `add operation failed to decode path: ${MISSING}`;
  const slot = findSlot(doc, op.path);
  if (!slot) return `add operation does not apply: doc is missing path: "${op.path}": ${MISSING}`;
  const err = slotAdd(slot, op.hasValue ? op.value : null);
  return err === undefined ? undefined : `error in add for path: '${op.path}': ${err}`;
}

function remove(doc: Doc, op: Operation): Result {
  if (typeof op.path !== 'string') return `remove operation failed to decode path: ${MISSING}`;
  const slot = findSlot(doc, op.path);
  if (!slot) return `remove operation does not apply: doc is missing path: "${op.path}": ${MISSING}`;
  const err = slotRemove(slot);
  return err === undefined ? undefined : `error in remove for path: '${op.path}': ${err}`;
}

function replace(doc: Doc, op: Operation): Result {
  if (typeof op.path !== 'string') return `replace operation failed to decode path: operation missing path field: ${MISSING}`;
  if (op.path === '') {
    if (!op.hasValue) return NIL_DEREFERENCE;
    if (op.value === null || typeof op.value !== 'object') return 'replace operation value must be object or array: %!w(<nil>)';
    doc.root = op.value;
    return undefined;
  }
  const slot = findSlot(doc, op.path);
  if (!slot) return `replace operation does not apply: doc is missing path: ${op.path}: ${MISSING}`;
  if (slotGet(slot).error !== undefined) return `replace operation does not apply: doc is missing key: ${op.path}: ${MISSING}`;
  slotSet(slot, op.hasValue ? op.value : null);
  return undefined;
}

function move(doc: Doc, op: Operation): Result {
  if (typeof op.from !== 'string') return `move operation failed to decode from: operation, missing from field: ${MISSING}`;
  const from = findSlot(doc, op.from);
  if (!from) return `move operation does not apply: doc is missing from path: ${op.from}: ${MISSING}`;
  const got = slotGet(from);
  if (got.error !== undefined) return `error in move for path: '${from.key}': ${got.error}`;
  const removed = slotRemove(from);
  if (removed !== undefined) return `error in move for path: '${from.key}': ${removed}`;
  if (typeof op.path !== 'string') return `move operation failed to decode path: operation missing path field: ${MISSING}`;
  const to = findSlot(doc, op.path);
  if (!to) return `move operation does not apply: doc is missing destination path: ${op.path}: ${MISSING}`;
  const err = slotAdd(to, got.value ?? null);
  return err === undefined ? undefined : `error in move for path: '${op.path}': ${err}`;
}

function test(doc: Doc, op: Operation): Result {
  if (typeof op.path !== 'string') return `test operation failed to decode path: operation missing path field: ${MISSING}`;
  const failed = `testing value ${op.path} failed: test failed`;
  if (op.path === '') {
    if (!op.hasValue) return NIL_DEREFERENCE;
    return jsonEqual(doc.root, op.value) ? undefined : failed;
  }
  const slot = findSlot(doc, op.path);
  if (!slot) return `test operation does not apply: is missing path: ${op.path}: ${MISSING}`;
  const got = slotGet(slot);
  if (got.error !== undefined) return `error in test for path: '${op.path}': ${got.error}`;
  if (got.value === undefined || got.value === null) {
    if (!op.hasValue) return NIL_DEREFERENCE;
    return op.value === null ? undefined : failed;
  }
  if (!op.hasValue) return failed;
  return jsonEqual(got.value, op.value) ? undefined : failed;
}

function copy(doc: Doc, op: Operation): Result {
  if (typeof op.from !== 'string') return `copy operation failed to decode from: operation, missing from field: ${MISSING}`;
  const from = findSlot(doc, op.from);
  if (!from) return `copy operation does not apply: doc is missing from path: ${op.from}: ${MISSING}`;
  const got = slotGet(from);
  if (got.error !== undefined) return `error in copy for from: '${op.from}': ${got.error}`;
  if (typeof op.path !== 'string') return `copy operation failed to decode path: ${MISSING}`;
  const to = findSlot(doc, op.path);
  if (!to) return `copy operation does not apply: doc is missing destination path: ${op.path}: ${MISSING}`;
  const err = slotAdd(to, cloneJson(got.value ?? null));
  return err === undefined ? undefined : `error while adding value during copy: ${err}`;
}

/**
 * v4's findObject: walks every segment but the first (always empty for a well-formed pointer,
 * and ignored either way) and the last, through objects and arrays only.
 */
function findSlot(doc: Doc, path: string): Slot | undefined {
  const segments = path.split('/');
  if (segments.length < 2) return undefined;
  let container = doc.root;
  for (const part of segments.slice(1, -1)) {
    if (!isContainer(container)) return undefined;
    const next = slotGet({ container, key: unescapeSegment(part) });
    if (next.error !== undefined || !isContainer(next.value)) return undefined;
    container = next.value;
  }
  if (!isContainer(container)) return undefined;
  return { container, key: unescapeSegment(segments[segments.length - 1]) };
}

function isContainer(v: unknown): v is JsonObject | unknown[] {
  return typeof v === 'object' && v !== null;
}

/** RFC 6901: `~1` is `/`, then `~0` is `~`, in one left-to-right pass. */
function unescapeSegment(s: string): string {
  return s.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

function slotGet(slot: Slot): { value?: unknown; error?: string } {
  const { container, key } = slot;
  if (!Array.isArray(container)) return { value: getKey(container, key) };
  const idx = parseIndex(key);
  if (typeof idx === 'string') return { error: idx };
  const i = idx < 0 ? idx + container.length : idx;
  if (i < 0 || i >= container.length) return { error: invalidIndex(i < 0 ? idx : i) };
  return { value: container[i] };
}

/** Only reached after slotGet succeeded on the same slot. */
function slotSet(slot: Slot, value: unknown): void {
  const { container, key } = slot;
  if (!Array.isArray(container)) {
    setKey(container, key, value);
    return;
  }
  const idx = Number(parseIndex(key));
  container[idx < 0 ? idx + container.length : idx] = value;
}

function slotAdd(slot: Slot, value: unknown): string | undefined {
  const { container, key } = slot;
  if (!Array.isArray(container)) {
    setKey(container, key, value);
    return undefined;
  }
  if (key === '-') {
    container.push(value);
    return undefined;
  }
  const idx = parseIndex(key);
  if (typeof idx === 'string') return `value was not a proper array index: '${key}': ${idx}`;
  const size = container.length + 1;
  if (idx >= size || idx < -size) return invalidIndex(idx);
  container.splice(idx < 0 ? idx + size : idx, 0, value);
  return undefined;
}

function slotRemove(slot: Slot): string | undefined {
  const { container, key } = slot;
  if (!Array.isArray(container)) {
    if (!hasKey(container, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete container[key];
    return undefined;
  }
  const idx = parseIndex(key);
  if (typeof idx === 'string') return idx;
  if (idx >= container.length || idx < -container.length) return invalidIndex(idx);
  container.splice(idx < 0 ? idx + container.length : idx, 1);
  return undefined;
}

function invalidIndex(idx: number): string {
  return `Unable to access invalid index: ${idx}: invalid index referenced`;
}

/** Go's strconv.Atoi: an optional sign and decimal digits; the error text when it fails. */
function parseIndex(key: string): number | string {
  if (!/^[+-]?\d+$/.test(key)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  const n = Number(key);
  if (!Number.isSafeInteger(n)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`;
  return n;
}
