import { Writer } from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './decode-error';
import { specialDecoder } from './special-types';

function decode(type: string, build: (w: Writer) => Writer): unknown {
  const decoder = specialDecoder(type);
  if (!decoder) throw new Error(`no decoder for ${type}`);
  return decoder(build(Writer.create()).finish());
}

const empty = (w: Writer): Writer => w;

describe('special apimachinery types', () => {
  it('writes the Go zero values for empty messages', () => {
    expect(decode('meta.v1.Time', empty)).toBeNull();
    expect(decode('meta.v1.MicroTime', empty)).toBeNull();
    expect(decode('meta.v1.Duration', empty)).toBe('0s');
    expect(decode('api.resource.Quantity', empty)).toBe('0');
    expect(decode('util.intstr.IntOrString', empty)).toBe(0);
    expect(decode('runtime.RawExtension', empty)).toBeNull();
    expect(decode('meta.v1.FieldsV1', empty)).toBeNull();
  });

  it('formats Time at whole seconds in UTC, dropping nanos as Go does', () => {
    expect(decode('meta.v1.Time', (w) => w.uint32(8).int64(1700000000).uint32(16).int32(999))).toBe('2023-11-14T22:13:20Z');
    expect(decode('meta.v1.Time', (w) => w.uint32(8).int64(0).uint32(16).int32(0))).toBe('1970-01-01T00:00:00Z');
    // Go's zero time (year 1) is null.
    expect(decode('meta.v1.Time', (w) => w.uint32(8).int64(-62135596800))).toBeNull();
  });

  it('formats MicroTime with six fraction digits', () => {
    expect(decode('meta.v1.MicroTime', (w) => w.uint32(8).int64(1700000000).uint32(16).int32(123456789))).toBe('2023-11-14T22:13:20.123456Z');
    expect(decode('meta.v1.MicroTime', (w) => w.uint32(8).int64(1700000000))).toBe('2023-11-14T22:13:20.000000Z');
  });

  it('writes Duration as time.Duration.String', () => {
    expect(decode('meta.v1.Duration', (w) => w.uint32(8).int64(90_000_000_000))).toBe('1m30s');
  });

  it('canonicalises quantities and rejects bad ones', () => {
    expect(decode('api.resource.Quantity', (w) => w.uint32(10).string('0.5'))).toBe('500m');
    expect(decode('api.resource.Quantity', (w) => w.uint32(10).string('1Gi'))).toBe('1Gi');
    expect(() => decode('api.resource.Quantity', (w) => w.uint32(10).string('lots'))).toThrow(ProtobufDecodeError);
  });

  it('picks the int or the string of IntOrString by type', () => {
    expect(decode('util.intstr.IntOrString', (w) => w.uint32(8).int64(0).uint32(16).int32(8080).uint32(26).string(''))).toBe(8080);
    expect(decode('util.intstr.IntOrString', (w) => w.uint32(8).int64(1).uint32(16).int32(0).uint32(26).string('http'))).toBe('http');
    expect(() => decode('util.intstr.IntOrString', (w) => w.uint32(8).int64(7))).toThrow('impossible IntOrString.Type');
  });

  it('parses the JSON inside RawExtension and FieldsV1', () => {
    const raw = Buffer.from('{"a":[1,2]}');
    expect(decode('runtime.RawExtension', (w) => w.uint32(10).bytes(raw))).toEqual({ a: [1, 2] });
    expect(decode('meta.v1.FieldsV1', (w) => w.uint32(10).bytes(Buffer.from('{"f:data":{}}')))).toEqual({ 'f:data': {} });
    expect(() => decode('runtime.RawExtension', (w) => w.uint32(10).bytes(Buffer.from([0x6b, 0x38, 0x73, 0])))).toThrow(ProtobufDecodeError);
    expect(() => decode('runtime.RawExtension', (w) => w.uint32(10).bytes(Buffer.from('{"a":')))).toThrow(/invalid JSON/);
  });
});
