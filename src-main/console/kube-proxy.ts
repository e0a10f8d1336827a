/**
 * `/k8s/<kubernetes path>` → the target API server, as the console's user. Requests and answers
 * stream through untouched (a watch's events reach the browser as the server writes them); the
 * browser's cookie and Authorization never leave the console server; closing either side closes
 * the other. Upgrades (WebSocket or SPDY, for exec and port-forward) are relayed byte for byte.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { KUBE_PROXY_PREFIX } from '../common/console-api';
import { kubeStatus, rejectUpgrade, sendJson } from './http-reply';
import type { ConsoleTarget } from './target';

export interface KubeProxy {
  /** Forwards a request whose path starts with KUBE_PROXY_PREFIX. */
  handle(req: IncomingMessage, res: ServerResponse, rawUrl: string): void;
  /** Relays an upgrade request whose path starts with KUBE_PROXY_PREFIX. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, rawUrl: string): void;
  /** Ends every stream and tunnel. */
  close(): void;
}

/** Request headers the API server needs; everything else (cookies, the console's Authorization) stays here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'content-length', 'transfer-encoding'];
const FORWARDED_UPGRADE_HEADERS = ['upgrade', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'x-stream-protocol-version'];

/** Response headers passed back to the browser (no Set-Cookie, no WWW-Authenticate, no hop-by-hop). */
const FORWARDED_RESPONSE_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'cache-control',
  'audit-id',
  'warning',
  'retry-after',
  'etag',
  'last-modified',
  'date',
  'x-content-type-options',
  'x-kubernetes-pf-flowschema-uid',
  'x-kubernetes-pf-prioritylevel-uid',
]);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'set-cookie', 'www-authenticate']);

function pick(headers: IncomingHttpHeaders, names: string[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name of names) {
    const v = headers[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && FORWARDED_RESPONSE_HEADERS.has(name)) out[name] = value;
  }
  return out;
}

export function createKubeProxy(target: ConsoleTarget): KubeProxy {
  const base = new URL(target.server);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error(`the cluster's server must be an http(s) URL, not "${target.server}"`);
  }
  const secure = base.protocol === 'https:';
  const basePath = base.pathname.replace(/\/+$/, '');
  const agentOptions = {
    keepAlive: true,
    ca: target.ca,
    cert: target.cert,
    key: target.key,
    rejectUnauthorized: !target.insecureSkipTLSVerify,
  };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent({ keepAlive: true });
  const tunnels = new Set<Duplex>();
  const auth: OutgoingHttpHeaders = target.token ? { authorization: `Bearer ${target.token}` } : {};

  /** `/k8s/api/v1/pods?watch=1` → `<base path>/api/v1/pods?watch=1`, the raw bytes kept. */
  function upstreamPath(rawUrl: string): string {
    const rest = rawUrl.slice(KUBE_PROXY_PREFIX.length);
    return basePath + (rest.startsWith('/') ? rest : `/${rest}`);
  }

  function request(method: string, path: string, headers: OutgoingHttpHeaders): http.ClientRequest {
    const options: https.RequestOptions = {
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (secure ? 443 : 80),
      method,
      path,
      headers: { ...headers, ...auth, 'user-agent': 'kubedeck-console' },
      agent,
    };
    return secure ? https.request(options) : http.request(options);
  }

  const unreachable = (e: Error) =>
    kubeStatus(502, 'ServiceUnavailable', `the console cannot reach the API server at ${target.server}: ${e.message}`);

  return {
    handle(req, res, rawUrl) {
      const upstream = request(req.method ?? 'GET', upstreamPath(rawUrl), pick(req.headers, FORWARDED_REQUEST_HEADERS));
      let done = false;
      let clientGone = false;
      upstream.on('response', (up) => {
        res.writeHead(up.statusCode ?? 502, responseHeaders(up.headers));
        res.flushHeaders();
        // pipe() writes each chunk as it comes (a watch event reaches the browser at once) and
        // applies backpressure: a browser that reads slowly slows the API server's stream.
        up.pipe(res);
        up.on('end', () => (done = true));
        up.on('close', () => {
          if (!up.complete) res.destroy();
        });
        up.on('error', () => res.destroy());
      });
      upstream.on('error', (e) => {
        if (done || clientGone) return;
        if (!res.headersSent) sendJson(res, 502, unreachable(e));
        else res.destroy();
      });
      // The browser went away (or the console server is closing): stop the upstream request too.
      res.on('close', () => {
        clientGone = true;
        if (!done) upstream.destroy();
      });
      req.on('error', () => upstream.destroy());
      req.pipe(upstream);
    },

    upgrade(req, socket, head, rawUrl) {
      const upstream = request(req.method ?? 'GET', upstreamPath(rawUrl), {
        ...pick(req.headers, FORWARDED_UPGRADE_HEADERS),
        connection: 'Upgrade',
      });
      tunnels.add(socket);
      socket.on('close', () => {
        tunnels.delete(socket);
        upstream.destroy();
      });
      socket.on('error', () => socket.destroy());

      upstream.on('upgrade', (up: IncomingMessage, upSocket: Socket, upHead: Buffer) => {
        if (socket.destroyed) {
          upSocket.destroy();
          return;
        }
        const lines = [`HTTP/1.1 101 ${up.statusMessage || 'Switching Protocols'}`];
        for (let i = 0; i < up.rawHeaders.length; i += 2) {
          const name = up.rawHeaders[i];
          if (name.toLowerCase() !== 'set-cookie') lines.push(`${name}: ${up.rawHeaders[i + 1]}`);
        }
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (upHead.length > 0) socket.write(upHead);
        if (head.length > 0) upSocket.write(head);
        upSocket.on('error', () => socket.destroy());
        upSocket.on('close', () => socket.destroy());
        socket.on('close', () => upSocket.destroy());
        upSocket.pipe(socket);
        socket.pipe(upSocket);
      });
      // The server did not switch protocols: relay its answer as an ordinary response.
      upstream.on('response', (up) => {
        const lines = [`HTTP/1.1 ${up.statusCode ?? 502} ${up.statusMessage ?? ''}`];
        for (const [name, value] of Object.entries(responseHeaders(up.headers))) {
          if (name === 'content-length' || HOP_BY_HOP.has(name) || value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${String(v)}`);
        }
        lines.push('Connection: close');
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        up.pipe(socket);
        up.on('error', () => socket.destroy());
      });
      upstream.on('error', (e) => rejectUpgrade(socket, 502, unreachable(e)));
      upstream.end();
    },

    close() {
      for (const socket of tunnels) socket.destroy();
      tunnels.clear();
      agent.destroy();
    },
  };
}
