/**
 * Splits one protobuf message into its fields, in wire order, without interpreting them. Values
 * stay raw bytes (the varint, the fixed bytes, or the length-delimited payload), so a later pass
 * can read them according to the schema and merge repeated occurrences the way protobuf does.
 */
import { Reader, type Long } from 'protobufjs/minimal.js';
import { INTEGER_OVERFLOW, INVALID_LENGTH, ProtobufDecodeError, UNEXPECTED_EOF } from './decode-error';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export interface WireField {
  readonly number: number;
  readonly wireType: number;
  readonly value: Uint8Array;
}

/** Runs a protobufjs read, turning its exceptions into gogo-protobuf's wording. */
export function guardRead<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ProtobufDecodeError) throw e;
    if (e instanceof RangeError) throw new ProtobufDecodeError(UNEXPECTED_EOF);
    if (e instanceof Error && /varint/.test(e.message)) throw new ProtobufDecodeError(INTEGER_OVERFLOW);
    throw new ProtobufDecodeError(e instanceof Error ? e.message : String(e));
  }
}

/** A protobuf int64/uint64 as a JS number (exact up to 2^53, like any JSON number in JS). */
export function longToNumber(v: Long | number, unsigned = false): number {
  if (typeof v === 'number') return v;
  const high = unsigned ? v.high >>> 0 : v.high;
  return high * 0x1_0000_0000 + (v.low >>> 0);
}

/** Reads a length prefix as gogo does: a 64-bit varint that must fit in what is left. */
function readLength(reader: Reader): number {
  const len = reader.uint64();
  if (typeof len !== 'number' && len.high < 0) throw new ProtobufDecodeError(INVALID_LENGTH);
  const n = longToNumber(len, true);
  if (n > reader.len - reader.pos) throw new ProtobufDecodeError(UNEXPECTED_EOF);
  return n;
}

/** Every field of `buf`, in wire order. `messageName` only appears in error messages. */
export function splitFields(buf: Uint8Array, messageName: string): WireField[] {
  return guardRead(() => {
    const reader = Reader.create(buf);
    const fields: WireField[] = [];
    while (reader.pos < reader.len) {
      const tag = longToNumber(reader.uint64(), true);
      const number = Math.floor(tag / 8);
      const wireType = tag % 8;
      if (wireType === 4) throw new ProtobufDecodeError(`proto: ${messageName}: wiretype end group for non-group`);
      if (number <= 0 || number > 0x7fff_ffff) {
        throw new ProtobufDecodeError(`proto: ${messageName}: illegal tag ${number} (wire type ${wireType})`);
      }
      const start = reader.pos;
      let value: Uint8Array;
      switch (wireType) {
        case WIRE_VARINT:
          reader.uint64();
          value = buf.subarray(start, reader.pos);
          break;
        case WIRE_FIXED64:
          reader.skip(8);
          value = buf.subarray(start, reader.pos);
          break;
        case WIRE_BYTES: {
          const len = readLength(reader);
          value = buf.subarray(reader.pos, reader.pos + len);
          reader.skip(len);
          break;
        }
        case WIRE_FIXED32:
          reader.skip(4);
          value = buf.subarray(start, reader.pos);
          break;
        default:
          // Groups (3) are long obsolete and Kubernetes never writes them; 6 and 7 do not exist.
          throw new ProtobufDecodeError(`proto: illegal wireType ${wireType}`);
      }
      fields.push({ number, wireType, value });
    }
    return fields;
  });
}

/** A protobuf int64/uint64 exactly, for values that can exceed 2^53 (nanosecond durations). */
export function longToBigInt(v: Long | number, unsigned = false): bigint {
  if (typeof v === 'number') return BigInt(v);
  const high = BigInt(unsigned ? v.high >>> 0 : v.high);
  return (high << 32n) | BigInt(v.low >>> 0);
}
