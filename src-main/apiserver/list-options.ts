/** Query parameters of list and watch requests, parsed and checked as apiserver does. */
import type { KubeObject } from '../kube/object';
import type { ResourceType } from '../kube/resource-type';
import { parseLabelSelector, matchLabels } from '../kube/labels';
import { convertFieldSelector, parseFieldSelector, matchFields } from '../kube/fields';
import * as errors from '../kube/status';

export interface ListQuery {
  labelSelector: string;
  fieldSelector: string;
  limit: number;
  continueToken: string;
  resourceVersion: string;
  resourceVersionMatch: string;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
  sendInitialEvents?: boolean;
  filter?: (obj: KubeObject) => boolean;
}

function nonNegativeInt(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    throw errors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  }
  return n;
}

export function parseListQuery(rt: ResourceType, q: URLSearchParams, namespace: string): ListQuery {
  const labelSelector = q.get('labelSelector') ?? '';
  const fieldSelector = q.get('fieldSelector') ?? '';
  const label = labelSelector ? parseLabelSelector(labelSelector) : undefined;
  // Only the field labels the resource supports (kube-apiserver's field label conversion).
  const field = fieldSelector ? convertFieldSelector(rt, parseFieldSelector(fieldSelector)) : undefined;
  const sendInitial = q.get('sendInitialEvents');
  const query: ListQuery = {
    labelSelector,
    fieldSelector,
    limit: nonNegativeInt(q, 'limit') ?? 0,
    continueToken: q.get('continue') ?? '',
    resourceVersion: q.get('resourceVersion') ?? '',
    resourceVersionMatch: q.get('resourceVersionMatch') ?? '',
    timeoutSeconds: nonNegativeInt(q, 'timeoutSeconds'),
    allowWatchBookmarks: q.get('allowWatchBookmarks') === 'true',
    sendInitialEvents: sendInitial === null ? undefined : sendInitial === 'true',
  };
  if (label || field) {
    query.filter = (obj) => {
      if (label && !matchLabels(label, obj.metadata.labels ?? {})) return false;
      if (field && !matchFields(field, rt.fields(obj))) return false;
      return true;
    };
  }
  if (query.resourceVersion !== '' && !/^\d+$/.test(query.resourceVersion)) {
    throw errors.badRequest(`invalid resource version: ${query.resourceVersion}`);
  }
  void namespace;
  return query;
}

/** The continue token, shaped like apiserver's (base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"key"}). */
export function encodeContinue(revision: number, keyAfterPrefix: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start: keyAfterPrefix })).toString('base64url');
}

export function decodeContinue(token: string): { revision: number; start: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (p.v !== 'meta.k8s.io/v1') throw errors.badRequest('continue key is not valid: server does not recognize this encoded key');
  if (typeof p.rv !== 'number' || typeof p.start !== 'string' || p.start.includes('..') || p.start.startsWith('/')) {
    throw errors.badRequest('continue key is not valid: continue key is not valid');
  }
  return { revision: p.rv, start: p.start };
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
