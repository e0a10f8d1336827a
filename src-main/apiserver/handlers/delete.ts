/** HTTP DELETE and DELETECOLLECTION: DeleteOptions from the body and the query, then the REST operation. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDeleteOptionsBody } from '../decode-body';
import { readBody } from '../http-util';
import { deleteCollection, deleteObject, deleteOptions } from '../rest/delete';
import type { RequestScope } from '../rest/scope';
import { reply } from './reply';

async function readDeleteOptions(scope: RequestScope, req: IncomingMessage): Promise<ReturnType<typeof deleteOptions>> {
  const body = await readBody(req);
  const parsed = parseDeleteOptionsBody(body, req.headers['content-type'] ?? 'application/json');
  return deleteOptions(scope, parsed);
}

export async function handleDelete(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const opts = await readDeleteOptions(scope, req);
  reply(scope, res, 200, await deleteObject(scope, opts));
}

export async function handleDeleteCollection(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const opts = await readDeleteOptions(scope, req);
  reply(scope, res, 200, await deleteCollection(scope, opts));
}
