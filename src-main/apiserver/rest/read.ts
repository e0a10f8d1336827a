/** GET of one object and LIST of a collection, with selectors, paging and resourceVersion rules. */
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import { ErrCompacted } from '../../store/kv';
import { CONTINUE_EXPIRED_MESSAGE, decodeContinue, encodeContinue, parseListQuery } from '../list-options';
import { withTypeMeta, type ListMeta } from './output';
import type { RequestScope } from './scope';

export async function getObject(scope: RequestScope): Promise<KubeObject> {
  return withTypeMeta(scope.rt, await scope.storage.getOrNotFound(scope.namespace, scope.name));
}

export interface ListResult {
  items: KubeObject[];
  meta: ListMeta;
}

/** The matching objects (without type meta; renderList adds it) and the list's metadata. */
export async function listObjects(scope: RequestScope): Promise<ListResult> {
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
  return {
    items: result.items,
    meta: { resourceVersion: String(result.revision), continue: cont, remainingItemCount: result.remainingItemCount },
  };
}
