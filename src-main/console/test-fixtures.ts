/**
 * Shared by the console server's tests: a raw HTTP client that can set Host and Origin (fetch
 * cannot), a throw-away renderer folder, and a PKI for a throw-away HTTPS "API server".
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCA, issueCert, type CertKeyPair } from '../cluster/pki';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function rawRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers }, setHost: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A renderer folder: index.html, one hashed asset, and a secret beside it that must stay unreachable. */
export async function makeRendererDir(): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'kubedeck-static-'));
  const dir = join(root, 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Kubedeck</title><div id="app"></div>');
  await writeFile(join(dir, 'assets', 'index-Bq3xZ9aQ.js'), 'console.log("app")');
  await writeFile(join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'secret.txt'), 'SECRET');
  await mkdir(join(root, 'renderer-private'));
  await writeFile(join(root, 'renderer-private', 'x.txt'), 'SECRET');
  await symlink(join(root, 'secret.txt'), join(dir, 'assets', 'link.txt'));
  return { root, dir };
}

export interface TestPki {
  ca: CertKeyPair;
  server: CertKeyPair;
  client: CertKeyPair;
}

export async function makeTestPki(): Promise<TestPki> {
  const now = Date.now();
  const ca = await createCA('kubernetes', now);
  const [server, client] = await Promise.all([
    issueCert(ca, { commonName: 'kube-apiserver', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usages: ['server'] }, now),
    issueCert(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usages: ['client'] }, now),
  ]);
  return { ca, server, client };
}

export const SUMMARY = {
  name: 'default',
  kind: 'embedded',
  server: 'https://127.0.0.1:6443',
  kubernetesVersion: 'v1.32.0',
} as const;

/** The Cookie header a browser would send after the ?token redirect. */
export function cookieFrom(setCookie: string[] | undefined): string {
  const first = setCookie?.[0];
  if (!first) throw new Error('no Set-Cookie');
  return first.split(';')[0];
}
