/**
 * Everything a REST operation needs to know about the request it serves, free of HTTP: the HTTP
 * handlers and the in-process client both build one and call the same operations, so both
 * paths share every check, default and error.
 */
import type { ResourceType } from '../../kube/resource-type';
import * as errors from '../../kube/status';
import type { ApiContext } from '../api-context';
import type { UserInfo } from '../authn';
import type { ResponseShape } from '../negotiate';
import type { ResourceStorage } from '../storage/resource-storage';
import type { Strategy } from '../strategy';

export interface RequestScope {
  ctx: ApiContext;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  rt: ResourceType;
  storage: ResourceStorage;
  strategy: Strategy;
  namespace: string;
  name: string;
  subresource: string;
  /** Query parameters (options such as dryRun, fieldValidation, labelSelector), as in the URL. */
  query: URLSearchParams;
  shape: ResponseShape;
  user: UserInfo;
  dryRun: boolean;
  /** Warnings for the client (HTTP: `Warning: 299` headers). */
  warnings: string[];
}

export interface ScopeParams {
  verb: string;
  namespace: string;
  name: string;
  subresource: string;
  query: URLSearchParams;
  shape?: ResponseShape;
  user: UserInfo;
}

/** A scope for `rt`, with the dryRun parameter checked as apiserver checks it. */
export function newScope(ctx: ApiContext, rt: ResourceType, p: ScopeParams): RequestScope {
  const dryRunValues = p.query.getAll('dryRun');
  for (const v of dryRunValues) {
    if (v !== 'All') throw errors.badRequest(`Invalid dry run value: ${JSON.stringify(dryRunValues)}: unsupported dry run value "${v}"`);
  }
  return {
    ctx,
    verb: p.verb,
    rt,
    storage: ctx.storage(rt),
    strategy: ctx.strategy(rt),
    namespace: rt.namespaced ? p.namespace : '',
    name: p.name,
    subresource: p.subresource,
    query: p.query,
    shape: p.shape ?? { kind: 'json' },
    user: p.user,
    dryRun: dryRunValues.length > 0,
    warnings: [],
  };
}
