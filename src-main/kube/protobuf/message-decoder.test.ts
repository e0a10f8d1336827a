/**
 * Go semantics of the generic decoder, on hand-built wire bytes: pointers versus values,
 * omitempty, nil versus empty slices and maps, inline structs, merging, packed scalars.
 */
import { Writer } from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError } from './decode-error';
import { decodeMessage } from './message-decoder';

/** Tag for field `n` with wire type `t`. */
const tag = (n: number, t: number): number => (n << 3) | t;

function bytes(build: (w: Writer) => Writer): Uint8Array {
  return build(Writer.create()).finish();
}

/** A length-delimited submessage as field `n`. */
function sub(w: Writer, n: number, build: (w: Writer) => Writer): Writer {
  return build(w.uint32(tag(n, 2)).fork()).ldelim();
}

describe('decodeMessage', () => {
  it('keeps an explicit zero in a pointer field and drops absent omitempty fields', () => {
    const zero = decodeMessage('apps.v1.DeploymentSpec', bytes((w) => w.uint32(tag(1, 0)).int32(0).uint32(tag(5, 0)).int32(0)));
    expect(zero).toEqual({ replicas: 0, selector: null, template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} });
    const absent = decodeMessage('apps.v1.DeploymentSpec', new Uint8Array());
    expect(absent).not.toHaveProperty('replicas');
    expect(absent).not.toHaveProperty('minReadySeconds');
  });

  it('writes non-omitempty zero values and nil slices as Go does', () => {
    // ServicePort.port is a plain int32 without omitempty; ContainerPort likewise.
    expect(decodeMessage('core.v1.ServicePort', new Uint8Array())).toEqual({ port: 0, targetPort: 0 });
    expect(decodeMessage('authorization.v1.SubjectRulesReviewStatus', new Uint8Array())).toEqual({
      resourceRules: null,
      nonResourceRules: null,
      incomplete: false,
    });
  });

  it('decodes map<string,bytes> as base64 with sorted keys', () => {
    const secret = decodeMessage('core.v1.Secret', bytes((w) => {
      sub(w, 2, (e) => e.uint32(tag(1, 2)).string('z').uint32(tag(2, 2)).bytes(Buffer.from('v')));
      sub(w, 2, (e) => e.uint32(tag(1, 2)).string('a'));
      return w.uint32(tag(3, 2)).string('Opaque');
    }));
    expect(secret).toEqual({ metadata: { creationTimestamp: null }, data: { a: '', z: 'dg==' }, type: 'Opaque' });
    expect(Object.keys(secret.data as object)).toEqual(['a', 'z']);
  });

  it('promotes the fields of inline structs', () => {
    const volume = decodeMessage('core.v1.Volume', bytes((w) => sub(w.uint32(tag(1, 2)).string('cache'), 2, (vs) => sub(vs, 2, (e) => e))));
    expect(volume).toEqual({ name: 'cache', emptyDir: {} });
  });

  it('decodes IntOrString fields and wrapped Go slices', () => {
    const port = decodeMessage('core.v1.ServicePort', bytes((w) => sub(w.uint32(tag(3, 0)).int32(80), 4, (i) => i.uint32(tag(1, 0)).int64(1).uint32(tag(3, 2)).string('http'))));
    expect(port).toEqual({ port: 80, targetPort: 'http' });
    const spec = decodeMessage('authorization.v1.SubjectAccessReviewSpec', bytes((w) =>
      sub(w, 5, (e) => sub(e.uint32(tag(1, 2)).string('scopes'), 2, (v) => v.uint32(tag(1, 2)).string('a').uint32(tag(1, 2)).string('b')))));
    expect(spec).toEqual({ extra: { scopes: ['a', 'b'] } });
  });

  it('reads repeated scalars packed or not', () => {
    const packed = decodeMessage('core.v1.PodSecurityContext', bytes((w) => w.uint32(tag(4, 2)).fork().int64(1).int64(2).ldelim().uint32(tag(4, 0)).int64(3)));
    expect(packed).toEqual({ supplementalGroups: [1, 2, 3] });
  });

  it('merges repeated occurrences of a message field', () => {
    const meta = decodeMessage('core.v1.ConfigMap', bytes((w) => sub(sub(w, 1, (m) => m.uint32(tag(1, 2)).string('a')), 1, (m) => m.uint32(tag(3, 2)).string('ns'))));
    expect(meta.metadata).toEqual({ name: 'a', namespace: 'ns', creationTimestamp: null });
  });

  it('skips unknown fields and rejects wrong wire types', () => {
    expect(decodeMessage('core.v1.ConfigMap', bytes((w) => w.uint32(tag(99, 0)).int32(5)))).toEqual({ metadata: { creationTimestamp: null } });
    expect(() => decodeMessage('core.v1.ConfigMap', bytes((w) => w.uint32(tag(1, 0)).int32(5)))).toThrow(
      new ProtobufDecodeError('proto: wrong wireType = 0 for field Metadata'),
    );
    expect(() => decodeMessage('core.v1.ServicePort', bytes((w) => w.uint32(tag(3, 2)).string('x')))).toThrow(/wrong wireType = 2 for field Port/);
  });

  it('reports truncation and bad tags as gogo-protobuf does', () => {
    expect(() => decodeMessage('core.v1.ConfigMap', Buffer.from([0x0a, 0x05, 0x0a]))).toThrow('unexpected EOF');
    expect(() => decodeMessage('core.v1.ConfigMap', Buffer.from([0x00]))).toThrow('proto: ConfigMap: illegal tag 0 (wire type 0)');
    expect(() => decodeMessage('core.v1.ConfigMap', Buffer.from([0x0c]))).toThrow('proto: ConfigMap: wiretype end group for non-group');
    expect(() => decodeMessage('core.v1.ConfigMap', Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
      'proto: integer overflow',
    );
  });
});
