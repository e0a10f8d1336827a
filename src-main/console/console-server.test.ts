import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TOKEN_COOKIE } from '../common/console-api';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { SUMMARY, cookieFrom, makeRendererDir, rawRequest } from './test-fixtures';

const TOKEN = 'test-token-0123456789abcdefghij';

let server: ConsoleServer;
let root: string;
let port: number;
const cookie = `${TOKEN_COOKIE}=${TOKEN}`;

beforeAll(async () => {
  const r = await makeRendererDir();
  root = r.root;
  // The target is never contacted here: kube-proxy.test.ts covers it.
  server = await startConsoleServer({ target: { summary: { ...SUMMARY }, server: 'https://127.0.0.1:1' }, rendererDir: r.dir, token: TOKEN });
  port = server.port;
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('the per-launch secret', () => {
  it('prints a URL on 127.0.0.1 carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
    expect(server.token).toBe(TOKEN);
  });

  it('generates a 256-bit base64url token when none is given', async () => {
    const other = await startConsoleServer({ target: { summary: { ...SUMMARY }, server: 'https://127.0.0.1:1' }, rendererDir: root });
    try {
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.token).not.toBe(TOKEN);
    } finally {
      await other.close();
    }
  });

  it('answers 401 without it, in the shape each area uses', async () => {
    const page = await rawRequest(port, '/', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    expect(page.body).toContain('secret link');
    const kube = await rawRequest(port, '/k8s/api/v1/pods');
    expect(kube.status).toBe(401);
    expect(JSON.parse(kube.body)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const api = await rawRequest(port, '/api/console/v1/cluster');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toHaveProperty('error');
  });

  it('trades ?token for an HttpOnly SameSite=Strict cookie and redirects without it', async () => {
    const r = await rawRequest(port, `/?lang=en&token=${TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/?lang=en');
    expect(r.headers['set-cookie']).toEqual([`${TOKEN_COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`]);
    const again = await rawRequest(port, '/', { headers: { cookie: cookieFrom(r.headers['set-cookie']) } });
    expect(again.status).toBe(200);
    expect(again.body).toContain('<title>Kubedeck</title>');
  });

  it('never redirects to another host', async () => {
    const r = await rawRequest(port, `//evil.example/x?token=${TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/evil.example/x');
    const back = await rawRequest(port, `/\\evil.example/x?token=${TOKEN}`);
    expect(back.headers.location).toBe('/evil.example/x');
  });

  it('refuses a wrong token, a malformed cookie, and accepts a bearer token', async () => {
    expect((await rawRequest(port, '/?token=wrong')).status).toBe(401);
    expect((await rawRequest(port, '/', { headers: { cookie: `${TOKEN_COOKIE}=%E0%A4%A; other` } })).status).toBe(401);
    expect((await rawRequest(port, '/', { headers: { cookie: `a=b; ${cookie}; c` } })).status).toBe(200);
    expect((await rawRequest(port, '/', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await rawRequest(port, '/', { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
  });
});

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  it('refuses a foreign Host with 403, even with the token', async () => {
    const r = await rawRequest(port, '/', { headers: { host: `evil.example:${port}`, cookie } });
    expect(r.status).toBe(403);
    expect((await rawRequest(port, '/', { headers: { host: '127.0.0.1:1', cookie } })).status).toBe(403);
    const kube = await rawRequest(port, '/k8s/api', { headers: { host: 'evil.example', cookie } });
    expect(JSON.parse(kube.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
  });

  it('accepts the loopback names', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await rawRequest(port, '/', { headers: { host, cookie } })).status).toBe(200);
    }
  });

  it('refuses a foreign Origin with 403 and accepts our own', async () => {
    expect((await rawRequest(port, '/api/console/v1/cluster', { headers: { origin: 'https://evil.example', cookie } })).status).toBe(403);
    expect((await rawRequest(port, '/api/console/v1/cluster', { headers: { origin: 'null', cookie } })).status).toBe(403);
    expect((await rawRequest(port, '/api/console/v1/cluster', { headers: { origin: `http://127.0.0.1:${port}`, cookie } })).status).toBe(200);
  });

  it('refuses WebSocket upgrades from a foreign Origin or without the secret', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/console/v1/terminal`, { headers });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => undefined);
      });
    expect(await status({ cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await status({})).toBe(401);
  });
});

describe('static files', () => {
  it('serves index.html for / and assets with their types and caching', async () => {
    const index = await rawRequest(port, '/', { headers: { cookie } });
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await rawRequest(port, '/assets/index-Bq3xZ9aQ.js', { headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const svg = await rawRequest(port, '/assets/logo.svg', { headers: { cookie } });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).toBe('no-cache');
    const cached = await rawRequest(port, '/assets/logo.svg', { headers: { cookie, 'if-none-match': String(svg.headers.etag) } });
    expect(cached.status).toBe(304);
    expect((await rawRequest(port, '/nope.js', { headers: { cookie } })).status).toBe(404);
    expect((await rawRequest(port, '/', { method: 'POST', headers: { cookie } })).status).toBe(405);
  });

  it('refuses every way out of the folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/../renderer-private/x.txt',
      '/assets/link.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const r = await rawRequest(port, path, { headers: { cookie } });
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('SECRET');
    }
  });
});

describe('console API', () => {
  it('GET /api/console/v1/cluster answers the ClusterSummary', async () => {
    const r = await rawRequest(port, '/api/console/v1/cluster', { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual(SUMMARY);
    expect((await rawRequest(port, '/api/console/v1/nothing', { headers: { cookie } })).status).toBe(404);
    expect((await rawRequest(port, '/api/console/v1/cluster', { method: 'DELETE', headers: { cookie } })).status).toBe(405);
  });
});

describe('bad input never crashes the server', () => {
  it('survives garbage request lines and keeps serving', async () => {
    const net = await import('node:net');
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('GARBAGE \x00\x01 / HTTP/9\r\n\r\n'));
      s.on('data', () => undefined);
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    expect((await rawRequest(port, 'x', { headers: { cookie } })).status).toBe(400);
    expect((await rawRequest(port, '/', { headers: { cookie } })).status).toBe(200);
  });
});
