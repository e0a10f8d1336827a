/** HTTP CREATE (POST), UPDATE (PUT) and PATCH: read and decode the body, then the REST operation. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as errors from '../../kube/status';
import { decodeObjectBody, mediaType, parseBody } from '../decode-body';
import { readBody } from '../http-util';
import type { RequestScope } from '../rest/scope';
import { createObject, patchObject, PATCH_TYPES, updateObject } from '../rest/write';
import { reply } from './reply';

export async function handleCreate(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const obj = decodeObjectBody(body, req.headers['content-type'], scope.rt);
  reply(scope, res, 201, await createObject(scope, obj));
}

export async function handleUpdate(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const obj = decodeObjectBody(body, req.headers['content-type'], scope.rt);
  reply(scope, res, 200, await updateObject(scope, obj));
}

export async function handlePatch(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const contentType = mediaType(req.headers['content-type']);
  if (!PATCH_TYPES.has(contentType)) {
    throw errors.unsupportedMediaType(
      contentType,
      'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    );
  }
  const body = await readBody(req);
  const patch = parseBody(body, contentType, scope.rt.kind);
  const { object, created } = await patchObject(scope, contentType, patch);
  reply(scope, res, created ? 201 : 200, object);
}
