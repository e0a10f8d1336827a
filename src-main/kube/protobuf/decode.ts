/**
 * Decodes a Kubernetes protobuf request body (`Content-Type: application/vnd.kubernetes.protobuf`)
 * into the plain JSON object the same request with a JSON body would carry.
 *
 * The body is the 4-byte magic `k8s\0` and a runtime.Unknown envelope: {1 typeMeta {1 apiVersion,
 * 2 kind}, 2 raw object bytes, 3 contentEncoding, 4 contentType}. Errors are ProtobufDecodeError,
 * worded like apiserver's protobuf serializer.
 */
import { ProtobufDecodeError } from './decode-error';
import { decodeMessage } from './message-decoder';
import { readScalar } from './scalar-value';
import { WIRE_SCHEMA } from './wire-schema-data';
import { splitFields, type WireField } from './wire-fields';

export { ProtobufDecodeError } from './decode-error';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export interface DecodedProtobufObject {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

/** The apiVersion/kind to assume when the envelope leaves them empty, as apiserver does from the URL. */
export interface KindDefaults {
  apiVersion: string;
  kind: string;
}

/** metav1 option kinds, which every API group version registers besides its own kinds. */
const META_KINDS_EVERYWHERE = new Set(['DeleteOptions', 'ListOptions', 'GetOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'WatchEvent']);
const META_API_VERSION = 'meta.k8s.io/v1';
/** Where kube-apiserver's scheme was created; its not-registered errors name it. */
const SCHEME_NAME = 'k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30';

/** The schema message for a kind, or undefined when the server has no protobuf type for it. */
export function protobufMessageFor(apiVersion: string, kind: string): string | undefined {
  const own = WIRE_SCHEMA.kinds[apiVersion]?.[kind];
  if (own !== undefined) return own;
  if (apiVersion === META_API_VERSION || META_KINDS_EVERYWHERE.has(kind)) return WIRE_SCHEMA.kinds[META_API_VERSION]?.[kind];
  return undefined;
}

/** Whether some kind of this group version can arrive as protobuf (built-in groups, not CRDs). */
export function acceptsProtobuf(apiVersion: string): boolean {
  return WIRE_SCHEMA.kinds[apiVersion] !== undefined;
}

function last(fields: readonly WireField[], number: number): WireField | undefined {
  return fields.filter((f) => f.number === number).pop();
}

function stringField(fields: readonly WireField[], number: number, name: string): string {
  const f = last(fields, number);
  return f ? (readScalar('string', f, name) as string) : '';
}

/** Go's `%#v` of runtime.TypeMeta, as the missing-kind/version errors print it. */
function goTypeMeta(apiVersion: string, kind: string): string {
  return `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
}

function readEnvelope(body: Uint8Array): { apiVersion: string; kind: string; raw: Uint8Array } {
  if (body.length === 0) throw new ProtobufDecodeError('empty data');
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError(`provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`);
  }
  if (body.length === MAGIC.length) throw new ProtobufDecodeError('empty body');
  const fields = splitFields(body.subarray(MAGIC.length), 'Unknown');
  // Embedded messages that occur more than once merge; concatenating their bytes does that.
  const typeMetaBytes = Buffer.concat(fields.filter((f) => f.number === 1).map((f) => f.value));
  const typeMeta = splitFields(typeMetaBytes, 'TypeMeta');
  const rawField = last(fields, 2);
  const raw = rawField ? Buffer.from(readScalar('bytes', rawField, 'Raw') as string, 'base64') : new Uint8Array();
  stringField(fields, 3, 'ContentEncoding');
  stringField(fields, 4, 'ContentType');
  return { apiVersion: stringField(typeMeta, 1, 'APIVersion'), kind: stringField(typeMeta, 2, 'Kind'), raw };
}

/**
 * Decodes a whole protobuf body. Throws ProtobufDecodeError (with apiVersion/kind set once the
 * envelope named them) for anything malformed or unknown; never anything else.
 */
export function decodeProtobufObject(body: Uint8Array, defaults?: KindDefaults): DecodedProtobufObject {
  let apiVersion: string | undefined;
  let kind: string | undefined;
  try {
    const envelope = readEnvelope(body);
    const sentApiVersion = envelope.apiVersion;
    const sentKind = envelope.kind;
    apiVersion = sentApiVersion || defaults?.apiVersion || '';
    kind = sentKind || defaults?.kind || '';
    if (kind === '') throw new ProtobufDecodeError(`Object 'Kind' is missing in '${goTypeMeta(sentApiVersion, sentKind)}'`);
    if (apiVersion === '') throw new ProtobufDecodeError(`Object 'apiVersion' is missing in '${goTypeMeta(sentApiVersion, sentKind)}'`);
    const message = protobufMessageFor(apiVersion, kind);
    if (message === undefined) {
      throw new ProtobufDecodeError(`no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ${JSON.stringify(SCHEME_NAME)}`);
    }
    return { apiVersion, kind, object: decodeMessage(message, envelope.raw, { apiVersion, kind }) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ProtobufDecodeError(message, apiVersion || undefined, kind || undefined);
  }
}
