/** Raw HTTPS requests to the API server with the admin credentials of a kubeconfig. */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface KubeconfigFile {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

export class RawClient {
  readonly server: string;
  private readonly agent: https.Agent;

  constructor(kubeconfigPath: string, anonymous = false) {
    const cfg = parse(readFileSync(kubeconfigPath, 'utf8')) as KubeconfigFile;
    const b64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
    this.server = cfg.clusters[0].cluster.server;
    this.agent = new https.Agent({
      keepAlive: true,
      ca: b64(cfg.clusters[0].cluster['certificate-authority-data']),
      ...(anonymous
        ? {}
        : { cert: b64(cfg.users[0].user['client-certificate-data']), key: b64(cfg.users[0].user['client-key-data']) }),
    });
  }

  request(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = https.request(new URL(path, this.server), { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
