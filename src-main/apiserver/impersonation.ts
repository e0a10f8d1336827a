/**
 * Impersonation (`kubectl --as jane --as-group devs`): the Impersonate-User, Impersonate-Group,
 * Impersonate-Uid and Impersonate-Extra-* headers replace the requester, once the requester is
 * allowed the `impersonate` verb on each of them, as kube-apiserver's impersonation filter does.
 */
import type { IncomingHttpHeaders } from 'node:http';
import * as errors from '../kube/status';
import type { ApiContext } from './api-context';
import type { UserInfo } from './authn';
import { checkAccess } from './authz/check';

function values(h: string | string[] | undefined): string[] {
  if (h === undefined) return [];
  return (Array.isArray(h) ? h : [h]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** The user the request acts as: the authenticated one, or whom it impersonates. */
export function impersonate(ctx: ApiContext, user: UserInfo, headers: IncomingHttpHeaders): UserInfo {
  const name = values(headers['impersonate-user'])[0];
  const groups = values(headers['impersonate-group']);
  const uid = values(headers['impersonate-uid'])[0];
  const extra: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k.startsWith('impersonate-extra-')) extra[decodeURIComponent(k.slice('impersonate-extra-'.length))] = values(v);
  }
  if (name === undefined) {
    if (groups.length > 0 || uid !== undefined || Object.keys(extra).length > 0) {
      throw errors.internalError(new Error('requested impersonation of groups, extra or uid without impersonating a user'));
    }
    return user;
  }
  const ask = (resource: string, target: string, namespace = '', apiGroup = ''): void =>
    checkAccess(ctx, { user, verb: 'impersonate', isResourceRequest: true, apiGroup, resource, subresource: '', namespace, name: target, path: '' });
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  if (sa) ask('serviceaccounts', sa[2], sa[1]);
  else ask('users', name);
  for (const g of groups) ask('groups', g);
  if (uid !== undefined) ask('uids', uid, '', 'authentication.k8s.io');
  for (const [key, vals] of Object.entries(extra)) for (const v of vals) ask(`userextras/${key}`, v, '', 'authentication.k8s.io');
  const implicit = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  const all = [...groups, ...implicit];
  if (name !== 'system:anonymous' && !all.includes('system:authenticated')) all.push('system:authenticated');
  return { username: name, ...(uid ? { uid } : {}), groups: all, ...(Object.keys(extra).length > 0 ? { extra } : {}) };
}
