/** The envelope and the errors: malformed bodies fail with apiserver's wording, never a crash. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Writer } from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError, decodeProtobufObject, protobufMessageFor } from './decode';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function envelope(apiVersion: string, kind: string, raw: Uint8Array = new Uint8Array()): Buffer {
  const w = Writer.create();
  w.uint32(10).fork().uint32(10).string(apiVersion).uint32(18).string(kind).ldelim();
  w.uint32(18).bytes(raw).uint32(26).string('').uint32(34).string('');
  return Buffer.concat([MAGIC, w.finish()]);
}

function decodeError(body: Uint8Array, defaults?: { apiVersion: string; kind: string }): ProtobufDecodeError {
  try {
    decodeProtobufObject(body, defaults);
  } catch (e) {
    if (e instanceof ProtobufDecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

const fixtures = fileURLToPath(new URL('../../../tests/testdata/protobuf/', import.meta.url));

describe('decodeProtobufObject', () => {
  it('decodes the empty DeleteOptions kubectl drain sends', () => {
    const body = Buffer.from('azhzAAoTCgJ2MRINRGVsZXRlT3B0aW9ucxIAGgAiAA==', 'base64');
    expect(decodeProtobufObject(body)).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', object: { kind: 'DeleteOptions', apiVersion: 'v1' } });
  });

  it('finds metav1 option kinds in every group version, and nothing for unknown kinds', () => {
    expect(protobufMessageFor('apps/v1', 'DeleteOptions')).toBe('meta.v1.DeleteOptions');
    expect(protobufMessageFor('apps/v1', 'Deployment')).toBe('apps.v1.Deployment');
    expect(protobufMessageFor('apps/v1', 'Pod')).toBeUndefined();
    expect(protobufMessageFor('example.com/v1', 'Widget')).toBeUndefined();
  });

  it('decodes DeleteOptions fields', () => {
    const raw = Writer.create().uint32(8).int64(0).uint32(34).string('Foreground').uint32(42).string('All').finish();
    const { object } = decodeProtobufObject(envelope('meta.k8s.io/v1', 'DeleteOptions', raw));
    expect(object).toEqual({ kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'] });
  });

  it('rejects bodies that are not protobuf', () => {
    expect(decodeError(new Uint8Array()).message).toBe('empty data');
    expect(decodeError(Buffer.from('{"kind":"ConfigMap"}')).message).toBe('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
    expect(decodeError(Buffer.from([0x6b, 0x38])).message).toMatch(/expected prefix/);
    expect(decodeError(MAGIC).message).toBe('empty body');
  });

  it('names unknown kinds the way the scheme does', () => {
    const e = decodeError(envelope('v1', 'Widget'));
    expect(e.message).toBe('no kind "Widget" is registered for version "v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"');
    expect([e.apiVersion, e.kind]).toEqual(['v1', 'Widget']);
  });

  it('needs a kind and version, from the envelope or the defaults', () => {
    expect(decodeError(envelope('v1', '')).message).toBe(`Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"v1", Kind:""}'`);
    expect(decodeError(envelope('', 'ConfigMap')).message).toBe(`Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"ConfigMap"}'`);
    const { kind, object } = decodeProtobufObject(envelope('', ''), { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(kind).toBe('ConfigMap');
    expect(object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { creationTimestamp: null } });
  });

  it('carries the claimed kind on errors inside the object', () => {
    const e = decodeError(envelope('v1', 'ConfigMap', Buffer.from([0x0a, 0x09, 0x0a])));
    expect([e.message, e.apiVersion, e.kind]).toEqual(['unexpected EOF', 'v1', 'ConfigMap']);
  });

  it('fails cleanly on every truncation and on corrupted bytes of real bodies', () => {
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.pb'))) {
      const body = readFileSync(fixtures + file);
      for (let n = 0; n < body.length; n++) {
        try {
          decodeProtobufObject(body.subarray(0, n));
        } catch (e) {
          expect(e, `${file} cut at ${n}`).toBeInstanceOf(ProtobufDecodeError);
        }
      }
      // Deterministic byte flips past the magic.
      for (let i = 4; i < body.length; i++) {
        const corrupt = Buffer.from(body);
        corrupt[i] ^= 0x5a + i;
        try {
          decodeProtobufObject(corrupt);
        } catch (e) {
          expect(e, `${file} byte ${i}`).toBeInstanceOf(ProtobufDecodeError);
        }
      }
    }
  });
});
