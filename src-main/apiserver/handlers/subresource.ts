/** HTTP POST of pods/binding, pods/eviction and serviceaccounts/token. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody, parseTypedBody } from '../decode-body';
import { readBody } from '../http-util';
import { bindPod, evictPod } from '../rest/pod-subresources';
import { createToken } from '../rest/token-request';
import type { KubeObject } from '../../kube/object';
import type { RequestScope } from '../rest/scope';
import { reply } from './reply';

export async function handleSubresourceCreate(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (scope.subresource === 'token') {
    const parsed = parseTypedBody(body, req.headers['content-type'], { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' });
    reply(scope, res, 201, await createToken(scope, (parsed ?? {}) as KubeObject));
    return;
  }
  const kind = scope.subresource === 'binding' ? 'Binding' : 'Eviction';
  const parsed = parseBody(body, req.headers['content-type'], kind);
  const result = scope.subresource === 'binding' ? await bindPod(scope, parsed) : await evictPod(scope, parsed);
  reply(scope, res, 201, result);
}
