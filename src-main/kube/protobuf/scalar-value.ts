/**
 * Reads protobuf scalar fields into the JSON values Go would write for them: numbers, booleans,
 * strings, and []byte as base64.
 */
import { Reader } from 'protobufjs/minimal.js';
import { ProtobufDecodeError } from './decode-error';
import { WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT, guardRead, longToNumber, type WireField } from './wire-fields';

const WIRE_TYPE_OF: Readonly<Record<string, number>> = {
  string: WIRE_BYTES,
  bytes: WIRE_BYTES,
  bool: WIRE_VARINT,
  int32: WIRE_VARINT,
  int64: WIRE_VARINT,
  uint32: WIRE_VARINT,
  uint64: WIRE_VARINT,
  sint32: WIRE_VARINT,
  sint64: WIRE_VARINT,
  double: WIRE_FIXED64,
  fixed64: WIRE_FIXED64,
  sfixed64: WIRE_FIXED64,
  float: WIRE_FIXED32,
  fixed32: WIRE_FIXED32,
  sfixed32: WIRE_FIXED32,
};

export function isScalar(type: string): boolean {
  return type in WIRE_TYPE_OF;
}

/** Go's zero value of a scalar, as JSON. */
export function scalarZero(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return null;
  return 0;
}

/** Go's field name as gogo-protobuf names it in errors; the JSON name capitalised is close enough. */
export function goFieldName(jsonName: string): string {
  return jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
}

function readOne(type: string, reader: Reader): unknown {
  switch (type) {
    case 'bool':
      return longToNumber(reader.uint64(), true) !== 0;
    case 'int32':
      return reader.int32();
    case 'uint32':
      return reader.uint32();
    case 'sint32':
      return reader.sint32();
    case 'int64':
      return longToNumber(reader.int64());
    case 'uint64':
      return longToNumber(reader.uint64(), true);
    case 'sint64':
      return longToNumber(reader.sint64());
    case 'fixed32':
      return reader.fixed32();
    case 'sfixed32':
      return reader.sfixed32();
    case 'fixed64':
      return longToNumber(reader.fixed64(), true);
    case 'sfixed64':
      return longToNumber(reader.sfixed64());
    case 'float':
      return finite(reader.float());
    case 'double':
      return finite(reader.double());
    default:
      throw new ProtobufDecodeError(`unsupported protobuf scalar type ${type}`);
  }
}

/** encoding/json refuses NaN and infinities, so the object could not have been written as JSON. */
function finite(n: number): number {
  if (!Number.isFinite(n)) throw new ProtobufDecodeError(`json: unsupported value: ${n}`);
  return n;
}

function checkWireType(type: string, field: WireField, jsonName: string, allowPacked: boolean): void {
  const expected = WIRE_TYPE_OF[type];
  if (field.wireType === expected) return;
  if (allowPacked && field.wireType === WIRE_BYTES) return;
  throw new ProtobufDecodeError(`proto: wrong wireType = ${field.wireType} for field ${goFieldName(jsonName)}`);
}

/** The value of a singular scalar field. */
export function readScalar(type: string, field: WireField, jsonName: string): unknown {
  checkWireType(type, field, jsonName, false);
  if (type === 'string') return Buffer.from(field.value).toString('utf8');
  if (type === 'bytes') return Buffer.from(field.value).toString('base64');
  return guardRead(() => readOne(type, Reader.create(field.value)));
}

/** The values of one occurrence of a repeated scalar field: one value, or a packed run of them. */
export function readScalars(type: string, field: WireField, jsonName: string): unknown[] {
  const packable = type !== 'string' && type !== 'bytes';
  checkWireType(type, field, jsonName, packable);
  if (!packable || field.wireType !== WIRE_BYTES) return [readScalar(type, field, jsonName)];
  return guardRead(() => {
    const reader = Reader.create(field.value);
    const values: unknown[] = [];
    while (reader.pos < reader.len) values.push(readOne(type, reader));
    return values;
  });
}
