/** HTTP GET, PUT and PATCH of the scale subresource. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as errors from '../../kube/status';
import { mediaType, parseBody } from '../decode-body';
import { readBody, writeJson } from '../http-util';
import { getScale, updateScale } from '../rest/scale';
import type { RequestScope } from '../rest/scope';

export async function handleScale(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') {
    writeJson(res, 200, await getScale(scope));
    return;
  }
  if (req.method !== 'PUT' && req.method !== 'PATCH') {
    throw errors.methodNotSupported({ group: scope.rt.group, resource: `${scope.rt.plural}/scale` }, req.method ?? '');
  }
  await getScale(scope); // NotFound before the body is looked at, as upstream
  const body = await readBody(req);
  const contentType = mediaType(req.headers['content-type']);
  const parsed = parseBody(body, contentType, 'Scale');
  const scale = await updateScale(scope, req.method === 'PUT' ? { scale: parsed } : { patch: parsed, contentType });
  writeJson(res, 200, scale);
}
