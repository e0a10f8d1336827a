import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { TOKEN_COOKIE } from '../common/console-api';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { SUMMARY, makeTestPki, rawRequest, type TestPki } from './test-fixtures';

const TOKEN = 'proxy-test-token-0123456789abcdef';
const cookie = `${TOKEN_COOKIE}=${TOKEN}`;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  clientCN?: string;
}

let pki: TestPki;
let upstream: https.Server;
let upstreamUrl: string;
let consoleServer: ConsoleServer;
const seen: Seen[] = [];
/** Resolved by a test to let the streaming endpoint write its second chunk. */
let releaseSecondChunk: () => void = () => undefined;
/** Resolved when the upstream sees the hanging watch's request close. */
let hangingClosed: Promise<void>;
let markHangingClosed: () => void = () => undefined;

function upstreamHandler(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d: string) => (body += d));
  req.on('end', () => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, clientCN: String(peer.subject?.CN) });
    if (req.url?.startsWith('/api/v1/echo')) {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Set-Cookie': 'upstream=1', 'Audit-Id': 'abc', 'X-Private': 'no' });
      res.end(JSON.stringify({ kind: 'Echo', method: req.method, body }));
    } else if (req.url?.startsWith('/api/v1/pods?watch=1')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.write('{"type":"ADDED","object":{"kind":"Pod"}}\n');
      new Promise<void>((r) => (releaseSecondChunk = r)).then(() => res.end('{"type":"DELETED","object":{"kind":"Pod"}}\n'));
    } else if (req.url?.startsWith('/api/v1/hang')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"type":"ADDED"}\n');
      res.on('close', () => markHangingClosed());
    } else if (req.headers.authorization) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`auth:${req.headers.authorization}`);
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"kind":"Status","code":404}');
    }
  });
}

beforeAll(async () => {
  pki = await makeTestPki();
  upstream = https.createServer({ cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: false }, upstreamHandler);
  const echoWss = new WebSocketServer({ noServer: true });
  upstream.on('upgrade', (req, socket, head) => {
    echoWss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(`hello ${req.url} ${req.headers['sec-websocket-protocol'] ?? ''} cookie=${req.headers.cookie ?? 'none'}`);
      ws.on('message', (d) => ws.send(`echo:${d.toString()}`));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  consoleServer = await startConsoleServer({
    target: { summary: { ...SUMMARY }, server: upstreamUrl, ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
    rendererDir: '/nonexistent',
    token: TOKEN,
  });
});

afterAll(async () => {
  await consoleServer?.close();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
});

describe('kube proxy', () => {
  it('forwards method, path, query, body and content headers with the client certificate', async () => {
    seen.length = 0;
    const r = await rawRequest(consoleServer.port, '/k8s/api/v1/echo?fieldManager=kubectl&dryRun=All', {
      method: 'PATCH',
      headers: {
        cookie,
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/json',
        'content-type': 'application/merge-patch+json',
        'x-private': 'secret',
      },
      body: '{"metadata":{"labels":{"a":"b"}}}',
    });
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body)).toEqual({ kind: 'Echo', method: 'PATCH', body: '{"metadata":{"labels":{"a":"b"}}}' });
    expect(r.headers['audit-id']).toBe('abc');
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers['x-private']).toBeUndefined();
    const got = seen[0];
    expect(got.method).toBe('PATCH');
    expect(got.url).toBe('/api/v1/echo?fieldManager=kubectl&dryRun=All');
    expect(got.clientCN).toBe('kubernetes-admin');
    expect(got.headers['content-type']).toBe('application/merge-patch+json');
    expect(got.headers.accept).toBe('application/json');
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers['x-private']).toBeUndefined();
  });

  it('streams: a chunk arrives before the upstream ends the response', async () => {
    const chunks: string[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: consoleServer.port, path: '/k8s/api/v1/pods?watch=1', headers: { cookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            chunks.push(d);
            // Only once the first event got through does the upstream send the rest and end.
            if (chunks.length === 1) releaseSecondChunk();
          });
          res.on('end', () => resolve());
        })
        .on('error', reject);
    });
    await ended;
    expect(chunks[0]).toBe('{"type":"ADDED","object":{"kind":"Pod"}}\n');
    expect(chunks.join('')).toContain('DELETED');
  });

  it('aborts the upstream request when the browser goes away', async () => {
    hangingClosed = new Promise<void>((r) => (markHangingClosed = r));
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: consoleServer.port, path: '/k8s/api/v1/hang?watch=1', headers: { cookie } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    });
    await hangingClosed;
  });

  it('answers 502 with a metav1.Status when the API server is down', async () => {
    const down = await startConsoleServer({
      target: { summary: { ...SUMMARY }, server: 'https://127.0.0.1:9', ca: pki.ca.cert },
      rendererDir: '/nonexistent',
      token: TOKEN,
    });
    try {
      const r = await rawRequest(down.port, '/k8s/api/v1/pods', { headers: { cookie } });
      expect(r.status).toBe(502);
      expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 502 });
      expect(JSON.parse(r.body).message).toContain('cannot reach the API server at https://127.0.0.1:9');
    } finally {
      await down.close();
    }
  });

  it('authenticates with the target bearer token, never the console token', async () => {
    const viaToken = await startConsoleServer({
      target: { summary: { ...SUMMARY }, server: upstreamUrl, ca: pki.ca.cert, token: 'cluster-token' },
      rendererDir: '/nonexistent',
      token: TOKEN,
    });
    try {
      const r = await rawRequest(viaToken.port, '/k8s/version', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(r.body).toBe('auth:Bearer cluster-token');
    } finally {
      await viaToken.close();
    }
  });

  it('relays WebSocket upgrades (exec) both ways, without the cookie or the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${consoleServer.port}/k8s/api/v1/namespaces/default/pods/p/exec?command=sh&token=${TOKEN}`, 'v5.channel.k8s.io', {
      headers: { cookie },
    });
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (d) => {
        messages.push(d.toString());
        if (messages.length === 1) ws.send('ls');
        else resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    expect(messages).toEqual(['hello /api/v1/namespaces/default/pods/p/exec?command=sh v5.channel.k8s.io cookie=none', 'echo:ls']);
  });
});
