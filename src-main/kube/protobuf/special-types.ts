/**
 * The apimachinery types whose Go code has its own protobuf and JSON (un)marshalling: the JSON
 * value each one turns into after a protobuf decode. Every reader also accepts empty bytes, which
 * is what an absent non-pointer field decodes from, and returns that Go zero value's JSON.
 */
import { Reader } from 'protobufjs/minimal.js';
import { QuantityError, canonicalQuantity } from '../quantity';
import { ProtobufDecodeError } from './decode-error';
import { goDurationString } from './go-duration';
import { readScalar } from './scalar-value';
import { longToBigInt, splitFields, type WireField } from './wire-fields';

/** Unix seconds of Go's zero time.Time (January 1, year 1, UTC), which JSON writes as null. */
const GO_ZERO_TIME_SECONDS = -62135596800;

/** The last occurrence of each field number (protobuf's rule for singular scalars). */
function lastByNumber(bytes: Uint8Array, messageName: string): Map<number, WireField> {
  const byNumber = new Map<number, WireField>();
  for (const f of splitFields(bytes, messageName)) byNumber.set(f.number, f);
  return byNumber;
}

function scalarField<T>(fields: Map<number, WireField>, number: number, type: string, name: string, zero: T): T {
  const f = fields.get(number);
  return f ? (readScalar(type, f, name) as T) : zero;
}

/** RFC 3339 in UTC with `fractionDigits` of sub-second precision (0 drops the fraction). */
function formatTime(seconds: number, micros: number, fractionDigits: number): string {
  const date = new Date(seconds * 1000);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(date.getTime()) || year < 0 || year > 9999) {
    throw new ProtobufDecodeError(`Time.MarshalJSON: year outside of range [0,9999]`);
  }
  const iso = date.toISOString().replace(/\.\d{3}Z$/, '');
  const fraction = fractionDigits > 0 ? `.${String(micros).padStart(6, '0')}` : '';
  return `${iso}${fraction}Z`;
}

/** metav1.Time: {1 seconds, 2 nanos}; Go keeps only whole seconds. Zero time is null. */
function decodeTime(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  const fields = lastByNumber(bytes, 'Timestamp');
  const seconds = scalarField<number>(fields, 1, 'int64', 'seconds', 0);
  scalarField(fields, 2, 'int32', 'nanos', 0);
  return seconds === GO_ZERO_TIME_SECONDS ? null : formatTime(seconds, 0, 0);
}

/** metav1.MicroTime: like Time, but nanos survive, truncated to microseconds. */
function decodeMicroTime(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  const fields = lastByNumber(bytes, 'Timestamp');
  let seconds = scalarField<number>(fields, 1, 'int64', 'seconds', 0);
  let micros = Math.trunc(scalarField(fields, 2, 'int32', 'nanos', 0) / 1000);
  // time.Unix normalises nanos outside [0, 1e9) into the seconds.
  seconds += Math.floor(micros / 1_000_000);
  micros = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  return seconds === GO_ZERO_TIME_SECONDS && micros === 0 ? null : formatTime(seconds, micros, 6);
}

/** metav1.Duration: {1 int64 nanoseconds}, written as Go's Duration.String(). */
function decodeDuration(bytes: Uint8Array): unknown {
  const f = lastByNumber(bytes, 'Duration').get(1);
  if (!f) return '0s';
  readScalar('int64', f, 'duration');
  return goDurationString(longToBigInt(Reader.create(f.value).int64()));
}

/** resource.Quantity: {1 string}, parsed and written back in canonical form. Zero is "0". */
function decodeQuantity(bytes: Uint8Array): unknown {
  const text = scalarField(lastByNumber(bytes, 'Quantity'), 1, 'string', 'string_', undefined as string | undefined);
  if (text === undefined) return '0';
  try {
    return canonicalQuantity(text);
  } catch (e) {
    if (e instanceof QuantityError) throw new ProtobufDecodeError(e.message);
    throw e;
  }
}

/** intstr.IntOrString: {1 type, 2 intVal, 3 strVal}: a JSON number or string by type. */
function decodeIntOrString(bytes: Uint8Array): unknown {
  const fields = lastByNumber(bytes, 'IntOrString');
  const type = scalarField<number>(fields, 1, 'int64', 'type', 0);
  const intVal = scalarField(fields, 2, 'int32', 'intVal', 0);
  const strVal = scalarField(fields, 3, 'string', 'strVal', '');
  if (type === 0) return intVal;
  if (type === 1) return strVal;
  throw new ProtobufDecodeError('impossible IntOrString.Type');
}

/** Raw JSON carried in bytes (RawExtension.raw, FieldsV1.Raw), parsed; empty is null. */
function rawJson(raw: Uint8Array | undefined, typeName: string): unknown {
  if (raw === undefined || raw.length === 0) return null;
  const text = Buffer.from(raw).toString('utf8');
  // The bytes Go would guess are JSON: whitespace, object, array, string, number, true/false/null.
  if (!/^[\t\r\n {["\-0-9ntf]/.test(text)) {
    throw new ProtobufDecodeError(`${typeName}: cannot convert content that is not JSON (${Buffer.from(raw.subarray(0, 30)).toString('hex')})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ProtobufDecodeError(`${typeName}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function rawBytes(bytes: Uint8Array, messageName: string, fieldName: string): Uint8Array | undefined {
  const f = lastByNumber(bytes, messageName).get(1);
  if (!f) return undefined;
  readScalar('bytes', f, fieldName);
  return f.value;
}

const SPECIAL_DECODERS: Readonly<Record<string, (bytes: Uint8Array) => unknown>> = {
  'meta.v1.Time': decodeTime,
  'meta.v1.MicroTime': decodeMicroTime,
  'meta.v1.Duration': decodeDuration,
  'meta.v1.FieldsV1': (bytes) => rawJson(rawBytes(bytes, 'FieldsV1', 'Raw'), 'metav1.FieldsV1'),
  'api.resource.Quantity': decodeQuantity,
  'util.intstr.IntOrString': decodeIntOrString,
  'runtime.RawExtension': (bytes) => rawJson(rawBytes(bytes, 'RawExtension', 'Raw'), 'runtime.RawExtension'),
};

/** The decoder for a message with hand-written Go marshalling, if `type` is one. */
export function specialDecoder(type: string): ((bytes: Uint8Array) => unknown) | undefined {
  return SPECIAL_DECODERS[type];
}
