/** HTTP POST of pods/binding and pods/eviction. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from '../decode-body';
import { readBody } from '../http-util';
import { bindPod, evictPod } from '../rest/pod-subresources';
import type { RequestScope } from '../rest/scope';
import { reply } from './reply';

export async function handleSubresourceCreate(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const kind = scope.subresource === 'binding' ? 'Binding' : 'Eviction';
  const parsed = parseBody(body, req.headers['content-type'], kind);
  const result = scope.subresource === 'binding' ? await bindPod(scope, parsed) : await evictPod(scope, parsed);
  reply(scope, res, 201, result);
}
