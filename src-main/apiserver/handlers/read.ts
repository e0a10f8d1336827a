/** GET of one object and LIST of a collection. */
import type { ServerResponse } from 'node:http';
import * as errors from '../../kube/status';
import type { RequestScope } from './scope';
import { renderList, renderObject } from './output';
import { CONTINUE_EXPIRED_MESSAGE, decodeContinue, encodeContinue, parseListQuery } from '../list-options';
import { writeJson } from '../http-util';
import { ErrCompacted } from '../../store/kv';

export async function handleGet(scope: RequestScope, res: ServerResponse): Promise<void> {
  const obj = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  writeJson(res, 200, renderObject(scope.rt, obj, scope.shape, scope.ctx.clock.now(), scope.query.get('includeObject') ?? undefined));
}

export async function handleList(scope: RequestScope, res: ServerResponse): Promise<void> {
  const q = parseListQuery(scope.rt, scope.query, scope.namespace);
  let revision = 0;
  let startKey: string | undefined;
  if (q.continueToken) {
    const c = decodeContinue(q.continueToken);
    revision = c.revision;
    startKey = scope.storage.prefix + c.start;
    if (revision <= scope.storage.compactRevision()) throw errors.expired(CONTINUE_EXPIRED_MESSAGE);
  } else if (q.resourceVersion !== '' && q.resourceVersion !== '0' && q.resourceVersionMatch === 'Exact') {
    revision = Number(q.resourceVersion);
  }
  let result;
  try {
    result = await scope.storage.list({
      namespace: scope.namespace || undefined,
      revision,
      limit: q.limit,
      startKey,
      filter: q.filter,
    });
  } catch (e) {
    if (e instanceof ErrCompacted && q.continueToken) throw errors.expired(CONTINUE_EXPIRED_MESSAGE);
    throw e;
  }
  const cont = result.nextKey ? encodeContinue(result.revision, result.nextKey.slice(scope.storage.prefix.length)) : undefined;
  writeJson(
    res,
    200,
    renderList(
      scope.rt,
      result.items,
      { resourceVersion: String(result.revision), continue: cont, remainingItemCount: result.remainingItemCount },
      scope.shape,
      scope.ctx.clock.now(),
      scope.query.get('includeObject') ?? undefined,
    ),
  );
}
