/** Everything a resource handler needs to know about the request it serves. */
import type { IncomingMessage } from 'node:http';
import type { ResourceType } from '../../kube/resource-type';
import type { ApiContext } from '../api-context';
import type { UserInfo } from '../authn';
import type { ResponseShape } from '../negotiate';
import type { RequestInfo } from '../request-info';
import type { ResourceStorage } from '../storage/resource-storage';
import type { Strategy } from '../strategy';

export interface RequestScope {
  ctx: ApiContext;
  req: IncomingMessage;
  info: RequestInfo;
  rt: ResourceType;
  storage: ResourceStorage;
  strategy: Strategy;
  namespace: string;
  name: string;
  subresource: string;
  query: URLSearchParams;
  shape: ResponseShape;
  user: UserInfo;
  dryRun: boolean;
}
