/**
 * A small REST client for a Kubernetes API server over HTTPS with client-certificate or bearer
 * authentication. Errors come back as StatusError carrying the server's metav1.Status.
 */
import https from 'node:https';
import type { KubeObject } from '../kube/object';
import { StatusError, statusFromError } from '../kube/status';

/** Where an API server is and how to authenticate to it (what a kubeconfig context resolves to). */
export interface RestConfig {
  /** The API server's URL (https://host:port, optionally with a path prefix). */
  server: string;
  /** PEM of the CA that signs the API server's certificate. */
  ca?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  /** Bearer token (instead of, or as well as, a certificate). */
  token?: string;
  insecureSkipTLSVerify?: boolean;
}

export class RestClient {
  private readonly agent: https.Agent;

  constructor(private readonly config: RestConfig) {
    this.agent = new https.Agent({
      keepAlive: true,
      ca: config.ca,
      cert: config.cert,
      key: config.key,
      rejectUnauthorized: !config.insecureSkipTLSVerify,
    });
  }

  /**
   * Opens a streaming GET (a watch): each newline-terminated JSON value goes to onLine; onEnd
   * runs once when the stream ends, with the error if it failed. Returns a function that aborts.
   */
  stream(path: string, onLine: (value: unknown) => void, onEnd: (err?: unknown) => void): Promise<() => void> {
    const url = new URL(path, this.config.server);
    return new Promise((resolve, reject) => {
      let ended = false;
      const end = (err?: unknown): void => {
        if (ended) return;
        ended = true;
        onEnd(err);
      };
      const req = https.request(
        url,
        {
          method: 'GET',
          agent: this.agent,
          headers: { Accept: 'application/json', ...(this.config.token ? { Authorization: `Bearer ${this.config.token}` } : {}) },
        },
        (res) => {
          const code = res.statusCode ?? 0;
          if (code < 200 || code >= 300) {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed: unknown;
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = undefined;
              }
              reject(new StatusError(isStatus(parsed) ? parsed : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text, reason: '', code }));
            });
            return;
          }
          resolve(() => {
            ended = true;
            req.destroy();
          });
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buf += chunk;
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, nl).trim();
              buf = buf.slice(nl + 1);
              if (!line) continue;
              try {
                onLine(JSON.parse(line));
              } catch (e) {
                end(e);
                req.destroy();
                return;
              }
            }
          });
          res.on('end', () => end());
          res.on('error', (e) => end(e));
        },
      );
      req.on('error', (e) => {
        if (!ended) reject(new StatusError(statusFromError(e)));
        end(e);
      });
      req.end();
    });
  }

  /** Sends a request with a JSON body (if any) and parses the JSON reply. */
  request<T = unknown>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const url = new URL(path, this.config.server);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<T>((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Accept: 'application/json',
            ...(payload ? { 'Content-Type': contentType, 'Content-Length': payload.length } : {}),
            ...(this.config.token ? { Authorization: `Bearer ${this.config.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            const code = res.statusCode ?? 0;
            if (code >= 200 && code < 300) {
              resolve(parsed as T);
              return;
            }
            const status = isStatus(parsed)
              ? parsed
              : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(text), reason: '', code };
            reject(new StatusError(status));
          });
          res.on('error', reject);
        },
      );
      req.on('error', (e) => reject(new StatusError(statusFromError(e))));
      if (payload) req.write(payload);
      req.end();
    });
  }

  get<T = KubeObject>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  create<T = KubeObject>(collectionPath: string, obj: unknown): Promise<T> {
    return this.request<T>('POST', collectionPath, obj);
  }

  close(): void {
    this.agent.destroy();
  }
}

function isStatus(v: unknown): v is ConstructorParameters<typeof StatusError>[0] {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status';
}
