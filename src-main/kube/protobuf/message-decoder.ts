/**
 * Decodes a protobuf message of the Kubernetes API into the JSON object Go would produce from it:
 * protobuf unmarshal into the Go struct, then encoding/json. That means Go's zero values show up
 * for non-pointer fields the wire did not carry, `omitempty` drops zero values, nil slices, maps
 * and pointers become null when they are not omitempty, and structs are never omitted.
 */
import { ProtobufDecodeError } from './decode-error';
import { goFieldName, isScalar, readScalar, readScalars, scalarZero } from './scalar-value';
import { specialDecoder } from './special-types';
import { INLINE, OMITEMPTY, POINTER, REPEATED, type FieldSpec } from './wire-schema';
import { WIRE_SCHEMA } from './wire-schema-data';
import { WIRE_BYTES, splitFields, type WireField } from './wire-fields';

/** The envelope's apiVersion/kind, which Go sets on the top-level object's TypeMeta. */
export interface TypeMetaValues {
  apiVersion: string;
  kind: string;
}

type JsonObject = Record<string, unknown>;

/** Whether encoding/json's omitempty drops `value` (false, 0, "", nil, empty slice or map). */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function concat(fields: readonly WireField[]): Uint8Array {
  return fields.length === 1 ? fields[0].value : Buffer.concat(fields.map((f) => f.value));
}

function requireBytesWire(field: WireField, jsonName: string): void {
  if (field.wireType !== WIRE_BYTES) {
    throw new ProtobufDecodeError(`proto: wrong wireType = ${field.wireType} for field ${goFieldName(jsonName)}`);
  }
}

/** The JSON of a message-typed value: a special type, a wrapped Go slice, or a plain struct. */
function decodeMessageValue(type: string, occurrences: readonly WireField[]): unknown {
  const special = specialDecoder(type);
  // Hand-written Go unmarshallers replace the value on every occurrence: the last one wins.
  if (special) return special(occurrences.length > 0 ? occurrences[occurrences.length - 1].value : new Uint8Array());
  const itemType = WIRE_SCHEMA.lists[type];
  if (itemType !== undefined) return decodeRepeated(itemType, byNumber(concat(occurrences), type).get(1) ?? [], 'items');
  // Generated unmarshallers merge: decoding the concatenation is the same thing.
  return decodeMessage(type, occurrences.length > 0 ? concat(occurrences) : new Uint8Array());
}

function decodeRepeated(type: string, occurrences: readonly WireField[], jsonName: string): unknown[] {
  if (isScalar(type)) return occurrences.flatMap((f) => readScalars(type, f, jsonName));
  return occurrences.map((f) => {
    requireBytesWire(f, jsonName);
    return decodeMessageValue(type, [f]);
  });
}

function decodeSingular(type: string, occurrences: readonly WireField[], jsonName: string): unknown {
  if (isScalar(type)) {
    if (occurrences.length === 0) return scalarZero(type);
    return readScalar(type, occurrences[occurrences.length - 1], jsonName);
  }
  for (const f of occurrences) requireBytesWire(f, jsonName);
  return decodeMessageValue(type, occurrences);
}

/** `map<K,V>` entries ({1 key, 2 value}) as a JSON object with Go's sorted keys. */
function decodeMap(type: string, occurrences: readonly WireField[], jsonName: string): JsonObject {
  const match = /^map<([^,]+),(.+)>$/.exec(type);
  if (!match) throw new ProtobufDecodeError(`bad map type ${type}`);
  const [, keyType, valueType] = match;
  const entries: [string, unknown][] = [];
  for (const occurrence of occurrences) {
    requireBytesWire(occurrence, jsonName);
    const fields = byNumber(occurrence.value, `${goFieldName(jsonName)}Entry`);
    const key = String(decodeSingular(keyType, fields.get(1) ?? [], 'key'));
    const valueFields = fields.get(2) ?? [];
    // gogo makes a missing bytes value an empty slice, not nil.
    const value = valueType === 'bytes' && valueFields.length === 0 ? '' : decodeSingular(valueType, valueFields, 'value');
    entries.push([key, value]);
  }
  const out: JsonObject = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

function byNumber(bytes: Uint8Array, messageName: string): Map<number, WireField[]> {
  const map = new Map<number, WireField[]>();
  for (const f of splitFields(bytes, messageName)) {
    const list = map.get(f.number);
    if (list) list.push(f);
    else map.set(f.number, [f]);
  }
  return map;
}

/** One field's JSON value, or undefined when encoding/json would leave the key out. */
function fieldValue(spec: FieldSpec, occurrences: readonly WireField[]): unknown {
  const [, jsonName, type, flags] = spec;
  const omitEmpty = (flags & OMITEMPTY) !== 0;
  const nilValue = omitEmpty ? undefined : null;
  let value: unknown;
  if (type.startsWith('map<')) {
    // Absent means a nil map; present means at least one entry.
    if (occurrences.length === 0) return nilValue;
    value = decodeMap(type, occurrences, jsonName);
  } else if ((flags & REPEATED) !== 0 || WIRE_SCHEMA.lists[type] !== undefined) {
    if (occurrences.length === 0) return nilValue;
    value = (flags & REPEATED) !== 0 ? decodeRepeated(type, occurrences, jsonName) : decodeSingular(type, occurrences, jsonName);
  } else if (type === 'bytes') {
    // A []byte field is nil when absent and an empty, non-nil slice when present but empty.
    if (occurrences.length === 0) return nilValue;
    value = decodeSingular(type, occurrences, jsonName);
  } else {
    if ((flags & POINTER) !== 0 && occurrences.length === 0) return nilValue;
    value = decodeSingular(type, occurrences, jsonName);
    // Structs (every message, special ones included) are never empty to omitempty; pointers
    // that are set are not either.
    if (!isScalar(type) || (flags & POINTER) !== 0) return value;
  }
  return omitEmpty && isEmptyValue(value) ? undefined : value;
}

/**
 * Decodes `bytes` as message `type` (a schema name such as `apps.v1.Deployment`). `typeMeta` is
 * given for the top-level object only: nested TypeMeta is always empty on the wire.
 */
export function decodeMessage(type: string, bytes: Uint8Array, typeMeta?: TypeMetaValues): JsonObject {
  const specs = WIRE_SCHEMA.messages[type];
  if (!specs) throw new ProtobufDecodeError(`no protobuf schema for ${type}`);
  const fields = byNumber(bytes, type.slice(type.lastIndexOf('.') + 1));
  const out: JsonObject = {};
  for (const spec of specs) {
    const [number, jsonName, fieldType, flags] = spec;
    if (fieldType === 'TypeMeta') {
      // Go's TypeMeta order: kind, then apiVersion; both omitempty.
      if (typeMeta?.kind) out.kind = typeMeta.kind;
      if (typeMeta?.apiVersion) out.apiVersion = typeMeta.apiVersion;
      continue;
    }
    const occurrences = fields.get(number) ?? [];
    if ((flags & INLINE) !== 0) {
      if ((flags & POINTER) !== 0 && occurrences.length === 0) continue;
      for (const f of occurrences) requireBytesWire(f, jsonName || fieldType);
      Object.assign(out, decodeMessage(fieldType, concat(occurrences)));
      continue;
    }
    const value = fieldValue(spec, occurrences);
    if (value !== undefined) out[jsonName] = value;
  }
  return out;
}
