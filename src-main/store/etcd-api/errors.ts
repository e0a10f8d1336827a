/** etcd's gRPC errors (rpctypes): status code and the `etcdserver: ...` message etcdctl prints. */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ErrInvalidRequest, ErrStopped } from '../errors';
import { ErrCompacted, ErrFutureRev } from '../kv';

export function grpcError(code: status, message: string): ServiceError {
  const e = new Error(message) as ServiceError;
  e.code = code;
  e.details = message;
  e.metadata = new Metadata();
  return e;
}

export const errLeaseNotFound = (): ServiceError => grpcError(status.NOT_FOUND, 'etcdserver: requested lease not found');
export const errLeaseExists = (): ServiceError => grpcError(status.FAILED_PRECONDITION, 'etcdserver: lease already exists');
export const errNotSupported = (what: string): ServiceError => grpcError(status.UNIMPLEMENTED, `etcdserver: ${what} is not supported by this member`);

function isServiceError(e: unknown): e is ServiceError {
  return typeof e === 'object' && e !== null && typeof (e as ServiceError).code === 'number' && 'details' in e;
}

/** Maps a store error to etcd's gRPC error. */
export function toGrpcError(e: unknown): ServiceError {
  if (isServiceError(e)) return e;
  if (e instanceof ErrCompacted) return grpcError(status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision has been compacted');
  if (e instanceof ErrFutureRev) return grpcError(status.OUT_OF_RANGE, 'etcdserver: mvcc: required revision is a future revision');
  if (e instanceof ErrInvalidRequest) return grpcError(status.INVALID_ARGUMENT, e.message);
  if (e instanceof ErrStopped) return grpcError(status.UNAVAILABLE, e.message);
  const message = e instanceof Error ? e.message : String(e);
  return grpcError(status.UNKNOWN, message.startsWith('etcdserver:') ? message : `etcdserver: ${message}`);
}
