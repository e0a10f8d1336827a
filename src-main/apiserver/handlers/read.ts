/** HTTP GET of one object and LIST of a collection, rendered in the negotiated shape. */
import type { ServerResponse } from 'node:http';
import { writeJson } from '../http-util';
import { renderList, renderObject } from '../rest/output';
import { getObject, listObjects } from '../rest/read';
import type { RequestScope } from '../rest/scope';

export async function handleGet(scope: RequestScope, res: ServerResponse): Promise<void> {
  const obj = await getObject(scope);
  writeJson(res, 200, renderObject(scope.rt, obj, scope.shape, scope.ctx.clock.now(), scope.query.get('includeObject') ?? undefined));
}

export async function handleList(scope: RequestScope, res: ServerResponse): Promise<void> {
  const { items, meta } = await listObjects(scope);
  writeJson(res, 200, renderList(scope.rt, items, meta, scope.shape, scope.ctx.clock.now(), scope.query.get('includeObject') ?? undefined));
}
