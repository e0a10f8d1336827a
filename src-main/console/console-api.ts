/** The console API's HTTP routes (beyond the Kubernetes API): see src-main/common/console-api.ts. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSOLE_API_PREFIX, type ClusterSummary } from '../common/console-api';
import { sendConsoleError, sendJson } from './http-reply';
import type { ConsoleTarget } from './target';

/** Answers a request whose path starts with CONSOLE_API_PREFIX. */
export function handleConsoleApi(req: IncomingMessage, res: ServerResponse, pathname: string, target: ConsoleTarget): void {
  const route = pathname.slice(CONSOLE_API_PREFIX.length);
  if (route === '/cluster') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendConsoleError(res, 405, `${req.method ?? ''} is not allowed on ${pathname}; use GET`, { Allow: 'GET, HEAD' });
      return;
    }
    const summary: ClusterSummary = target.summary;
    sendJson(res, 200, summary);
    return;
  }
  sendConsoleError(res, 404, `no console API at ${pathname}`);
}
