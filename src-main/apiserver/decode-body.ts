/**
 * Turns a request body into an object the way apiserver's decoders report problems:
 * undecodable bodies are 400 BadRequest with the same wording, unsupported media types 415.
 */
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../kube/object';
import { PROTOBUF_MEDIA_TYPE, ProtobufDecodeError, acceptsProtobuf, decodeProtobufObject } from '../kube/protobuf/decode';
import { apiVersionOf, type ResourceType } from '../kube/resource-type';
import * as errors from '../kube/status';

const ACCEPTED = 'application/json, application/yaml';
/** Built-in kinds also take protobuf; custom resources do not, as in kube-apiserver. */
const ACCEPTED_WITH_PROTOBUF = `${ACCEPTED}, ${PROTOBUF_MEDIA_TYPE}`;

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Parses JSON or YAML bytes into a plain value, or throws the apiserver's BadRequest. */
export function parseBody(body: Buffer, contentType: string | undefined, expectedKind: string, accepted = ACCEPTED): unknown {
  const type = mediaType(contentType);
  const text = body.toString('utf8');
  try {
    if (type === 'application/yaml' || type === 'application/apply-patch+yaml') return parseYaml(text);
    if (type === '' || type === 'application/json' || type.endsWith('+json')) return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw errors.badRequest(
      `the object provided is unrecognized (must be of type ${expectedKind}): couldn't get version/kind; json parse error: ${msg} (${summarize(body)})`,
    );
  }
  throw errors.unsupportedMediaType(type, accepted);
}

/**
 * Decodes a protobuf body into its JSON object, or throws the BadRequest apiserver's
 * transformDecodeError makes of a protobuf decoding failure. `defaults` fill in an empty
 * apiVersion/kind in the envelope, as the URL's kind does upstream.
 */
function decodeProtobufBody(body: Buffer, expectedKind: string, defaults: { apiVersion: string; kind: string }): Record<string, unknown> {
  try {
    return decodeProtobufObject(body, defaults).object;
  } catch (e) {
    if (!(e instanceof ProtobufDecodeError)) throw e;
    if (e.kind !== undefined) {
      const version = (e.apiVersion ?? '').split('/').pop() ?? '';
      throw errors.badRequest(`${e.kind} in version ${JSON.stringify(version)} cannot be handled as a ${expectedKind}: ${e.message}`);
    }
    throw errors.badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${e.message} (${summarize(body)})`);
  }
}

/**
 * Parses a body whose kind the handler knows (DeleteOptions, Eviction, TokenRequest, Scale, ...)
 * from JSON, YAML or protobuf into a plain value. An empty protobuf apiVersion/kind defaults to
 * `expected`.
 */
export function parseTypedBody(body: Buffer, contentType: string | undefined, expected: { apiVersion: string; kind: string }): unknown {
  if (mediaType(contentType) !== PROTOBUF_MEDIA_TYPE) return parseBody(body, contentType, expected.kind, ACCEPTED_WITH_PROTOBUF);
  return decodeProtobufBody(body, expected.kind, expected);
}

/**
 * The body of a DELETE as a plain DeleteOptions value (JSON, YAML or protobuf), or undefined for
 * an empty body. kubectl's typed clients (e.g. drain's fallback delete) send protobuf.
 */
export function parseDeleteOptionsBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const options = parseTypedBody(body, contentType ?? 'application/json', { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' });
  if (mediaType(contentType) === PROTOBUF_MEDIA_TYPE && (options as { kind?: unknown }).kind !== 'DeleteOptions') {
    throw errors.badRequest('decoded object cannot be converted to DeleteOptions');
  }
  return options;
}

/**
 * Decodes a whole object for create/update: checks it is an object of the URL's kind and group
 * version, as apiserver's codec and handlers do.
 */
export function decodeObjectBody(body: Buffer, contentType: string | undefined, rt: ResourceType): KubeObject {
  const type = mediaType(contentType);
  const expectedGV = apiVersionOf(rt);
  const protobufOK = acceptsProtobuf(expectedGV);
  let value: unknown;
  if (type === PROTOBUF_MEDIA_TYPE) {
    if (!protobufOK) throw errors.unsupportedMediaType(type, ACCEPTED);
    value = decodeProtobufBody(body, rt.kind, { apiVersion: expectedGV, kind: rt.kind });
  } else {
    value = parseBody(body, contentType, rt.kind, protobufOK ? ACCEPTED_WITH_PROTOBUF : ACCEPTED);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw errors.badRequest(
      `the object provided is unrecognized (must be of type ${rt.kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(value)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (${summarize(body)})`,
    );
  }
  const obj = value as Record<string, unknown>;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
  if (kind !== '' && kind !== rt.kind) {
    throw errors.badRequest(
      `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${rt.kind}: converting (${version}.${kind}) to (${rt.group || 'core'}.${rt.kind}): unknown conversion`,
    );
  }
  if (apiVersion !== '' && apiVersion !== expectedGV) {
    throw errors.badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${expectedGV})`);
  }
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {};
  if (typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) {
    throw errors.badRequest(
      `${rt.kind} in version ${JSON.stringify(rt.version)} cannot be handled as a ${rt.kind}: json: cannot unmarshal ${jsonType(obj.metadata)} into Go struct field ${rt.kind}.metadata of type v1.ObjectMeta`,
    );
  }
  obj.apiVersion = expectedGV;
  obj.kind = rt.kind;
  return obj as KubeObject;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

function summarize(data: Buffer, max = 30): string {
  if (data.length === 0) return '<empty>';
  if (data[0] === 0x7b) return data.length > max ? data.subarray(0, max).toString('utf8') + ' ...' : data.toString('utf8');
  return data.length > max ? data.subarray(0, max).toString('hex') + ' ...' : data.toString('hex');
}
