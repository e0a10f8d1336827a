/**
 * A protobuf body that cannot be decoded. When the envelope was readable, `apiVersion`/`kind` say
 * what the body claimed to be, which apiserver puts at the front of its BadRequest message.
 */
export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';

  constructor(
    message: string,
    readonly apiVersion?: string,
    readonly kind?: string,
  ) {
    super(message);
  }
}

/** gogo-protobuf's wording for the usual failures, so messages read like apiserver's. */
export const UNEXPECTED_EOF = 'unexpected EOF';
export const INVALID_LENGTH = 'proto: negative length found during unmarshaling';
export const INTEGER_OVERFLOW = 'proto: integer overflow';
