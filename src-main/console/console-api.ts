/** The console API's HTTP routes (beyond the Kubernetes API): see src-main/common/console-api.ts. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSOLE_API_PREFIX, CONTROL_PLANE_PATH, FAULTS_PATH, type ClusterSummary, type FaultRequest } from '../common/console-api';
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
  if (route === CONTROL_PLANE_PATH.slice(CONSOLE_API_PREFIX.length) || route === FAULTS_PATH.slice(CONSOLE_API_PREFIX.length)) {
    if (!target.emulation) {
      sendConsoleError(res, 404, `${pathname} exists only for embedded clusters`);
      return;
    }
    if (route === CONTROL_PLANE_PATH.slice(CONSOLE_API_PREFIX.length)) {
      sendJson(res, 200, target.emulation.status());
      return;
    }
    if (req.method !== 'POST') {
      sendConsoleError(res, 405, `${req.method ?? ''} is not allowed on ${pathname}; use POST`, { Allow: 'POST' });
      return;
    }
    void readFault(req).then(
      (fault) => target.emulation!.fault(fault).then(() => sendJson(res, 200, target.emulation!.status())),
    ).catch((e: unknown) => sendConsoleError(res, 400, e instanceof Error ? e.message : String(e)));
    return;
  }
  sendConsoleError(res, 404, `no console API at ${pathname}`);
}

const ACTIONS = new Set(['stop-kubelet', 'start-kubelet', 'stop-node', 'start-node', 'crash-component', 'stop-component', 'start-component']);
const COMPONENTS = new Set(['kube-controller-manager', 'kube-scheduler']);

/** The JSON body of a fault request, checked: a clear error rather than a half-applied fault. */
async function readFault(req: IncomingMessage): Promise<FaultRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 64 * 1024) throw new Error('the request body is too large');
    chunks.push(c);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Error('the request body must be JSON like {"action":"stop-kubelet","node":"worker-1"}');
  }
  const b = (body ?? {}) as { action?: unknown; node?: unknown; component?: unknown };
  if (typeof b.action !== 'string' || !ACTIONS.has(b.action)) throw new Error(`action must be one of ${[...ACTIONS].join(', ')}`);
  if (typeof b.node !== 'string' || b.node === '') throw new Error('node is required');
  if (b.action.endsWith('-component') && (typeof b.component !== 'string' || !COMPONENTS.has(b.component))) {
    throw new Error(`component must be one of ${[...COMPONENTS].join(', ')}`);
  }
  return b as FaultRequest;
}
