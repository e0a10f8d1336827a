/**
 * The console server: the one door to the console, on 127.0.0.1 only. Every request passes the
 * Host/Origin check (403) and the per-launch secret (401), then goes to
 *   /k8s/*               the Kubernetes API of the target cluster (streamed, upgrades relayed)
 *   /api/console/v1/*    the console API (and its terminal WebSocket)
 *   anything else        the built renderer
 * Electron, Chromium --app and any browser all use this same path.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { CONSOLE_API_PREFIX, KUBE_PROXY_PREFIX, TERMINAL_PATH, TOKEN_QUERY_PARAM } from '../common/console-api';
import { createAuth, splitTarget, withoutToken, type RequestTarget } from './auth';
import { handleConsoleApi } from './console-api';
import { hostProblem } from './host-check';
import { kubeStatus, rejectUpgrade, sendConsoleError, sendJson, sendText } from './http-reply';
import { createKubeProxy } from './kube-proxy';
import { createStaticHandler } from './static';
import type { ConsoleTarget } from './target';
import { createTerminalServer, type TerminalOptions } from './terminal';

export type { ConsoleTarget } from './target';

export interface ConsoleServerOptions {
  target: ConsoleTarget;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The per-launch secret; a fresh random one by default. */
  token?: string;
  terminal?: Pick<TerminalOptions, 'env' | 'extraPath' | 'cwd'>;
}

export interface ConsoleServer {
  /** http://127.0.0.1:PORT/?token=… — what the launcher prints and the window opens. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

type Area = 'kube' | 'console' | 'static';

function areaOf(pathname: string): Area {
  if (pathname === KUBE_PROXY_PREFIX || pathname.startsWith(`${KUBE_PROXY_PREFIX}/`)) return 'kube';
  if (pathname === CONSOLE_API_PREFIX || pathname.startsWith(`${CONSOLE_API_PREFIX}/`)) return 'console';
  return 'static';
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const UNAUTHORIZED_PAGE = `<!doctype html><meta charset="utf-8"><title>Kubedeck</title>
<body style="font:16px system-ui,sans-serif;margin:3em;max-width:40em">
<h1>Kubedeck</h1><p>This console needs the secret link that Kubedeck printed when it started
(the <code>CONSOLE=http://127.0.0.1:…/?${TOKEN_QUERY_PARAM}=…</code> line). Open that link again.</p>
`;

/** An error answer in the shape each area's clients read. */
function refuse(res: ServerResponse, req: IncomingMessage, area: Area, code: 401 | 403, message: string): void {
  if (area === 'kube') {
    sendJson(res, code, kubeStatus(code, code === 401 ? 'Unauthorized' : 'Forbidden', message));
  } else if (area === 'console') {
    sendConsoleError(res, code, message);
  } else if (code === 401 && (req.headers.accept ?? '').includes('text/html')) {
    sendText(res, 401, UNAUTHORIZED_PAGE, 'text/html; charset=utf-8');
  } else {
    sendText(res, code, `${message}\n`);
  }
}

export async function startConsoleServer(opts: ConsoleServerOptions): Promise<ConsoleServer> {
  const auth = createAuth(opts.token);
  const proxy = createKubeProxy(opts.target);
  const serveStatic = createStaticHandler(opts.rendererDir);
  const terminals = createTerminalServer({ ...opts.terminal, kubeconfigPath: opts.target.kubeconfigPath });
  const sockets = new Set<Socket>();
  let port = 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const target: RequestTarget | undefined = splitTarget(req.url);
    if (!target) {
      sendText(res, 400, 'Bad Request\n');
      return;
    }
    const area = areaOf(target.pathname);
    const problem = hostProblem(req, port);
    if (problem) {
      refuse(res, req, area, 403, problem);
      return;
    }
    const decision = auth.check(req, target);
    if (decision.kind === 'redirect') {
      res.writeHead(302, { Location: decision.location, 'Set-Cookie': decision.setCookie, 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (decision.kind === 'unauthorized') {
      refuse(res, req, area, 401, 'Unauthorized: this request lacks the console secret; open the link Kubedeck printed');
      return;
    }
    if (area === 'kube') proxy.handle(req, res, withoutToken(target));
    else if (area === 'console') handleConsoleApi(req, res, target.pathname, opts.target);
    else await serveStatic(req, res, target.pathname);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const target = splitTarget(req.url);
    if (!target) {
      rejectUpgrade(socket, 400, { error: 'Bad Request' });
      return;
    }
    const area = areaOf(target.pathname);
    const problem = hostProblem(req, port);
    const decision = problem ? undefined : auth.check(req, target, { upgrade: true });
    if (problem || decision?.kind !== 'ok') {
      const code = problem ? 403 : 401;
      const message = problem ?? 'Unauthorized: this request lacks the console secret';
      rejectUpgrade(socket, code, area === 'kube' ? kubeStatus(code, code === 401 ? 'Unauthorized' : 'Forbidden', message) : { error: message });
      return;
    }
    if (target.pathname === TERMINAL_PATH) terminals.handleUpgrade(req, socket, head, target.query);
    else if (area === 'kube') proxy.upgrade(req, socket, head, withoutToken(target));
    else rejectUpgrade(socket, 404, { error: `no WebSocket endpoint at ${target.pathname}` });
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      const message = `the console server failed: ${e instanceof Error ? e.message : String(e)}`;
      if (!res.headersSent) sendConsoleError(res, 500, message);
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      onUpgrade(req, socket, head);
    } catch {
      socket.destroy();
    }
  });
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_QUERY_PARAM}=${encodeURIComponent(auth.token)}`,
    port,
    token: auth.token,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((r) => server.close(() => r()));
        await terminals.close();
        proxy.close();
        for (const s of sockets) s.destroy();
        await stopped;
      })();
      return closing;
    },
  };
}
