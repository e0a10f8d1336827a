/**
 * What is being asked for, as the authorizers see it (authorizer.Attributes), and the wording of
 * a refusal as kube-apiserver writes it.
 */
import type { UserInfo } from '../authn';

export interface Attributes {
  user: UserInfo;
  verb: string;
  /** Resource requests: API group ('' for core), resource, subresource, namespace, name. */
  isResourceRequest: boolean;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Non-resource requests: the URL path. */
  path: string;
}

/** `User "jane" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenReason(a: Attributes): string {
  const who = `User ${JSON.stringify(a.user.username)}`;
  if (!a.isResourceRequest) return `${who} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `${who} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${scope}`;
}
