/**
 * metav1.Status error bodies, built exactly as apimachinery/pkg/api/errors builds them (messages,
 * reasons, codes, details), plus the negotiation errors the apiserver's handlers return. A
 * StatusError carries its Status; the HTTP layer writes `statusFromError(e)` as the body.
 */
import { aggregateMessage, errorBody, type FieldError } from './field-error';

export type { FieldError, FieldErrorType } from './field-error';
/** field.Required, field.Invalid, ... and FieldPath, under Go's package name: `field.required(path)`. */
export * as field from './field-error';

export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StoreReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

export interface StatusCause {
  /** metav1.CauseType, serialized as `reason`. */
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** metav1.Status. Loosely typed where bodies come from other servers; ours always say Status / v1. */
export interface Status {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** `Success` or `Failure`. */
  status: string;
  message?: string;
  reason?: StatusReason | string;
  details?: StatusDetails;
  /** The HTTP status code; absent only on a Success Status that a DELETE returns. */
  code?: number;
}

/** Which resource an error is about: `deployments.apps`, or bare `pods` for the core group. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** Which kind an Invalid error is about: `Deployment.apps`, or bare `Pod`. */
export interface GroupKind {
  group: string;
  kind: string;
}

export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

/** Go's %q of a name; names are plain strings so JSON quoting matches. */
function q(s: string): string {
  return JSON.stringify(s);
}

export class StatusError extends Error {
  override readonly name = 'StatusError';

  constructor(readonly status: Status) {
    super(status.message ?? '');
  }

  get code(): number {
    return this.status.code ?? 500;
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

interface StatusInit {
  code: number;
  reason: StatusReason | string;
  message: string;
  details?: StatusDetails;
}

/** Builds a Failure Status with fields in the order Go marshals them, leaving out empty ones. */
function failure(init: StatusInit): StatusError {
  return new StatusError(buildStatus('Failure', init.message, init.reason, init.details, init.code));
}

function buildStatus(
  status: 'Success' | 'Failure',
  message: string | undefined,
  reason: string | undefined,
  details: StatusDetails | undefined,
  code: number,
): Status {
  const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status } as Status;
  if (message) s.message = message;
  if (reason) s.reason = reason;
  if (details) s.details = compactDetails(details);
  s.code = code;
  return s;
}

/** StatusDetails with Go's omitempty applied, in Go's field order. */
function compactDetails(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) {
    out.causes = d.causes.map((c) => {
      const cause: StatusCause = {};
      if (c.reason) cause.reason = c.reason;
      if (c.message) cause.message = c.message;
      if (c.field) cause.field = c.field;
      return cause;
    });
  }
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function resourceDetails(qr: GroupResource, name: string): StatusDetails {
  return { name, group: qr.group, kind: qr.resource };
}

/** 404 `pods "x" not found`. */
export function notFound(qr: GroupResource, name: string): StatusError {
  return failure({ code: 404, reason: 'NotFound', message: `${groupResourceString(qr)} ${q(name)} not found`, details: resourceDetails(qr, name) });
}

/** 409 `pods "x" already exists`. */
export function alreadyExists(qr: GroupResource, name: string): StatusError {
  return failure({ code: 409, reason: 'AlreadyExists', message: `${groupResourceString(qr)} ${q(name)} already exists`, details: resourceDetails(qr, name) });
}

/** 409 when generateName produced a name that is taken. */
export function generateNameConflict(qr: GroupResource, name: string, retryAfterSeconds: number): StatusError {
  return failure({
    code: 409,
    reason: 'AlreadyExists',
    message: `${groupResourceString(qr)} ${q(name)} already exists, the server was not able to generate a unique name for the object`,
    details: { ...resourceDetails(qr, name), retryAfterSeconds },
  });
}

/** The text storage gives for a resourceVersion precondition failure. */
export const OPTIMISTIC_LOCK_ERROR_MSG = 'the object has been modified; please apply your changes to the latest version and try again';

/** 409 `Operation cannot be fulfilled on pods "x": <err>`. */
export function conflict(qr: GroupResource, name: string, err: Error | string = OPTIMISTIC_LOCK_ERROR_MSG): StatusError {
  const text = typeof err === 'string' ? err : err.message;
  return failure({ code: 409, reason: 'Conflict', message: `Operation cannot be fulfilled on ${groupResourceString(qr)} ${q(name)}: ${text}`, details: resourceDetails(qr, name) });
}

/** 409 Conflict with a message of its own (no resource details). */
export function conflictMessage(message: string): StatusError {
  return failure({ code: 409, reason: 'Conflict', message });
}

/** 409 from server-side apply, causes carrying `FieldManagerConflict`. */
export function applyConflict(causes: StatusCause[], message: string): StatusError {
  return failure({ code: 409, reason: 'Conflict', message, details: { causes } });
}

/** 401; upstream's message defaults to `not authorized`. */
export function unauthorized(reason = ''): StatusError {
  return failure({ code: 401, reason: 'Unauthorized', message: reason || 'not authorized' });
}

/** 403 `pods "x" is forbidden: <err>` (or `pods is forbidden: ...` without a name). */
export function forbidden(qr: GroupResource, name: string, err: Error | string): StatusError {
  const text = typeof err === 'string' ? err : err.message;
  let message: string;
  if (qr.group === '' && qr.resource === '') message = `forbidden: ${text}`;
  else if (name === '') message = `${groupResourceString(qr)} is forbidden: ${text}`;
  else message = `${groupResourceString(qr)} ${q(name)} is forbidden: ${text}`;
  return failure({ code: 403, reason: 'Forbidden', message, details: resourceDetails(qr, name) });
}

/** 410 Gone. */
export function gone(message: string): StatusError {
  return failure({ code: 410, reason: 'Gone', message });
}

/** 410 Expired, e.g. `too old resource version: 5 (1007)`. */
export function expired(message: string): StatusError {
  return failure({ code: 410, reason: 'Expired', message });
}

/**
 * 422 `Pod "x" is invalid: spec.containers[0].image: Required value`, one cause per field error
 * (several errors are listed as `[a, b]` in the message).
 */
export function invalid(qk: GroupKind, name: string, errs: readonly FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const agg = aggregateMessage(errs);
  const message = agg === '' ? `${groupKindString(qk)} ${q(name)} is invalid` : `${groupKindString(qk)} ${q(name)} is invalid: ${agg}`;
  return failure({ code: 422, reason: 'Invalid', message, details: { name, group: qk.group, kind: qk.kind, causes } });
}

/** 422 Invalid with only a message, as errors.NewGenericServerResponse(422, ...) answers. */
export function invalidMessage(message: string): StatusError {
  return failure({ code: 422, reason: 'Invalid', message, details: {} });
}

/** 400 BadRequest. */
export function badRequest(message: string): StatusError {
  return failure({ code: 400, reason: 'BadRequest', message });
}

/** 429 with Retry-After seconds. */
export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return failure({ code: 429, reason: 'TooManyRequests', message, details: { retryAfterSeconds } });
}

/** 503. */
export function serviceUnavailable(message: string): StatusError {
  return failure({ code: 503, reason: 'ServiceUnavailable', message });
}

/** 405 `delete is not supported on resources of kind "nodes/proxy"`. */
export function methodNotSupported(qr: GroupResource, action: string): StatusError {
  return failure({
    code: 405,
    reason: 'MethodNotAllowed',
    message: `${action} is not supported on resources of kind ${q(groupResourceString(qr))}`,
    details: { group: qr.group, kind: qr.resource },
  });
}

/** 500 ServerTimeout: an operation that could not finish in time. */
export function serverTimeout(qr: GroupResource, operation: string, retryAfterSeconds: number): StatusError {
  return failure({
    code: 500,
    reason: 'ServerTimeout',
    message: `The ${operation} operation against ${groupResourceString(qr)} could not be completed at this time, please try again.`,
    details: { name: operation, group: qr.group, kind: qr.resource, retryAfterSeconds },
  });
}

/** 500 `Internal error occurred: <err>`, the error text repeated as the one cause. */
export function internalError(err: unknown): StatusError {
  const text = err instanceof Error ? err.message : String(err);
  return failure({ code: 500, reason: 'InternalError', message: `Internal error occurred: ${text}`, details: { causes: [{ message: text }] } });
}

/** 504 `Timeout: <message>`. */
export function timeout(message: string, retryAfterSeconds: number): StatusError {
  return failure({ code: 504, reason: 'Timeout', message: `Timeout: ${message}`, details: { retryAfterSeconds } });
}

/** 504 for a watch or list asking for a resourceVersion newer than the store has. */
export function tooLargeResourceVersion(minimum: number, current: number, retryAfterSeconds: number): StatusError {
  const err = timeout(`Too large resource version: ${minimum}, current: ${current}`, retryAfterSeconds);
  err.status.details = { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds };
  return err;
}

/** 413 `Request entity too large: <message>`. */
export function requestEntityTooLarge(message: string): StatusError {
  return failure({ code: 413, reason: 'RequestEntityTooLarge', message: `Request entity too large: ${message}` });
}

function mediaTypes(accepted: string | readonly string[]): string {
  return typeof accepted === 'string' ? accepted : accepted.join(', ');
}

/**
 * 415 for a body the server cannot decode. Upstream's text names the accepted media types, not
 * the one that was sent, so `contentType` only documents the call.
 */
export function unsupportedMediaType(contentType: string, accepted: string | readonly string[]): StatusError {
  void contentType;
  return failure({
    code: 415,
    reason: 'UnsupportedMediaType',
    message: `the body of the request was in an unknown format - accepted media types include: ${mediaTypes(accepted)}`,
  });
}

/** What kube-apiserver serializes to, listed in a 406. */
export const SUPPORTED_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const;

/** 406 `only the following media types are accepted: ...`. */
export function notAcceptable(accepted: string | readonly string[] = SUPPORTED_MEDIA_TYPES): StatusError {
  return failure({ code: 406, reason: 'NotAcceptable', message: `only the following media types are accepted: ${mediaTypes(accepted)}` });
}

/** The message of the apiserver's catch-all 404 for paths it does not serve. */
export const NOT_FOUND_MESSAGE = 'the server could not find the requested resource';

/**
 * 404 with a message and empty details, as the apiserver's not-found handler and
 * errors.NewGenericServerResponse(404, ...) answer (`"details":{}` is part of the body).
 */
export function notFoundMessage(message: string = NOT_FOUND_MESSAGE): StatusError {
  return failure({ code: 404, reason: 'NotFound', message, details: {} });
}

/**
 * errors.NewGenericServerResponse: the Status a client builds from a bare HTTP code, and that
 * some apiserver paths return as is.
 */
export function genericServerResponse(
  code: number,
  verb: string,
  qr: GroupResource,
  name: string,
  serverMessage: string,
  retryAfterSeconds = 0,
  isUnexpectedResponse = false,
): StatusError {
  let reason = '';
  let message = `the server responded with the status code ${code} but did not return more information`;
  switch (code) {
    case 409:
      reason = verb === 'POST' ? 'AlreadyExists' : 'Conflict';
      message = 'the server reported a conflict';
      break;
    case 404:
      reason = 'NotFound';
      message = NOT_FOUND_MESSAGE;
      break;
    case 400:
      reason = 'BadRequest';
      message = 'the server rejected our request for an unknown reason';
      break;
    case 401:
      reason = 'Unauthorized';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 403:
      reason = 'Forbidden';
      message = serverMessage;
      break;
    case 406:
      reason = 'NotAcceptable';
      message = serverMessage === '' || serverMessage === 'unknown' ? 'the server was unable to respond with a content type that the client supports' : serverMessage;
      break;
    case 415:
      reason = 'UnsupportedMediaType';
      message = serverMessage;
      break;
    case 405:
      reason = 'MethodNotAllowed';
      message = 'the server does not allow this method on the requested resource';
      break;
    case 422:
      reason = 'Invalid';
      message = 'the server rejected our request due to an error in our request';
      break;
    case 503:
      reason = 'ServiceUnavailable';
      message = 'the server is currently unable to handle the request';
      break;
    case 504:
      reason = 'Timeout';
      message = 'the server was unable to return a response in the time allotted, but may still be processing the request';
      break;
    case 429:
      reason = 'TooManyRequests';
      message = 'the server has received too many requests and has asked us to try again later';
      break;
    default:
      if (code >= 500) {
        reason = 'InternalError';
        message = `an error on the server (${q(serverMessage)}) has prevented the request from succeeding`;
      }
  }
  const qualified = groupResourceString(qr);
  if (qualified !== '' && name !== '') message = `${message} (${verb.toLowerCase()} ${qualified} ${name})`;
  else if (qualified !== '') message = `${message} (${verb.toLowerCase()} ${qualified})`;
  const causes = isUnexpectedResponse ? [{ reason: 'UnexpectedServerResponse', message: serverMessage }] : undefined;
  return failure({ code, reason, message, details: { name, group: qr.group, kind: qr.resource, causes, retryAfterSeconds } });
}

/**
 * The Status the apiserver writes for any error (responsewriters.ErrorToAPIStatus): a
 * StatusError's own Status with defaults filled in, anything else a 500 with no reason and the
 * error's text.
 */
export function statusFromError(e: unknown): Status {
  if (e instanceof StatusError) {
    const s = e.status;
    const code = s.code || (s.status === 'Success' ? 200 : 500);
    return { ...s, kind: 'Status', apiVersion: 'v1', metadata: s.metadata ?? {}, status: s.status || 'Failure', code };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 };
}

/** True when `e` is a StatusError with the given reason (errors.IsNotFound, IsConflict, ...). */
export function hasReason(e: unknown, reason: StatusReason): boolean {
  return e instanceof StatusError && e.status.reason === reason;
}

/**
 * A Success Status, as a DELETE answers when it does not return the object (registry.Store's
 * finalizeDelete: details name/group/kind/uid, no code) or the handler's fallback (code 200).
 */
export function successStatus(details?: StatusDetails, code?: number): Status {
  const s = buildStatus('Success', undefined, undefined, details, code ?? 0);
  if (!code) delete s.code;
  return s;
}
