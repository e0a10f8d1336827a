/** Request and member errors, with etcd's messages (api/v3rpc/rpctypes, etcdserver/errors.go). */

/** A request etcd's front end would refuse before it reaches the log. */
export class ErrInvalidRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErrInvalidRequest';
  }
}

export const MSG_EMPTY_KEY = 'etcdserver: key is not provided';
export const MSG_TOO_MANY_OPS = 'etcdserver: too many operations in txn request';
export const MSG_DUPLICATE_KEY = 'etcdserver: duplicate key given in txn request';
export const MSG_REQUEST_TOO_LARGE = 'etcdserver: request is too large';

/** The member was closed (etcd: ErrStopped). */
export class ErrStopped extends Error {
  constructor() {
    super('etcdserver: server stopped');
    this.name = 'ErrStopped';
  }
}
