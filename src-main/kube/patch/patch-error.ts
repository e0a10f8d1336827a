/**
 * The one error type the patch code throws. It carries what the apiserver would put in its
 * metav1.Status (code, reason, message); the API layer turns it into that Status.
 *
 * How kube-apiserver (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) reports each failure,
 * and so which helper below is used for it:
 *
 * | failure                                                   | code | reason                | message                     |
 * |-----------------------------------------------------------|------|-----------------------|-----------------------------|
 * | body does not decode as the patch type's JSON shape       | 400  | BadRequest            | the decoder's text          |
 * | merge patch that is `null` or a scalar                    | 400  | BadRequest            | `Invalid JSON Patch`        |
 * | JSON patch with more than 10000 operations                | 413  | RequestEntityTooLarge | `The allowed maximum ...`   |
 * | JSON patch operation that fails (test, missing path, ...) | 422  | Invalid               | the fixed generic text (1)  |
 * | SMP: malformed `$deleteFromPrimitiveList`, `$retainKeys`, |      |                       |                             |
 * |      `$setElementOrder` directive                         | 400  | BadRequest            | the mergepatch error text   |
 * | SMP: list of lists                                        | 422  | Invalid               | the fixed generic text (1)  |
 * | SMP: any other failure (missing merge key, unknown        |      |                       |                             |
 * |      `$patch` value, mismatched list items, ...)          | 500  | '' (unknown)          | the error text verbatim (2) |
 * | patch content type that is not one of the three           | 415  | UnsupportedMediaType  | ...                         |
 * | input on which the Go code panics (3)                     | 500  | InternalError         | the panic text, plain text  |
 *
 * (1) The apiserver builds these with errors.NewGenericServerResponse(422, ...), which drops the
 *     library's own text and says `the server rejected our request due to an error in our
 *     request`; kubectl prints `The request is invalid: ...`. `detail` keeps the library text.
 * (2) A plain Go error reaches responsewriters.ErrorToAPIStatus, which answers 500 with an
 *     empty reason and the error text as message; kubectl prints `Error from server: <text>`.
 * (3) A few malformed patches make the upstream code dereference nil or compare maps (a JSON
 *     patch `test` without `value` on a missing member, a list whose first item is null, ...).
 *     server/filters.WithPanicRecovery then answers 500 with a text/plain body, not a Status;
 *     `plainText` is set and `message` is that body.
 */
export class PatchError extends Error {
  override readonly name = 'PatchError';

  constructor(
    readonly code: number,
    /** metav1.StatusReason; '' is StatusReasonUnknown. */
    readonly reason: string,
    message: string,
    /** The underlying library message when `message` is the apiserver's generic text. */
    readonly detail?: string,
    /** The apiserver answers with `message` as a text/plain body instead of a Status. */
    readonly plainText = false,
  ) {
    super(message);
  }
}

/** The text errors.NewGenericServerResponse gives a 422. */
export const GENERIC_INVALID_MESSAGE = 'the server rejected our request due to an error in our request';

export function badRequest(message: string): PatchError {
  return new PatchError(400, 'BadRequest', message);
}

/** 422 Invalid with the apiserver's generic message; `detail` is what the library said. */
export function unprocessable(detail: string): PatchError {
  return new PatchError(422, 'Invalid', GENERIC_INVALID_MESSAGE, detail);
}

/** 500 with no reason: a plain error that the apiserver did not classify. */
export function unclassified(message: string): PatchError {
  return new PatchError(500, '', message);
}

/** The apiserver's answer when the request handler panics; `detail` is Go's runtime error. */
export function panicked(detail: string): PatchError {
  return new PatchError(500, 'InternalError', 'This request caused apiserver to panic. Look in the logs for details.', detail, true);
}

export function requestEntityTooLarge(message: string): PatchError {
  return new PatchError(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

export function unsupportedMediaType(contentType: string, accepted: readonly string[]): PatchError {
  return new PatchError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    contentType,
  );
}
