/**
 * The gRPC connection to etcd endpoints: one generic grpc-js client per endpoint, calling the v3
 * services by their method definitions from the store's proto module (so requests and responses
 * carry exactly the wire fields, headers included, which etcdctl's JSON and fields output print).
 * Calls wait for the connection until the command timeout, as etcdctl's do, so an unreachable
 * endpoint ends in etcdctl's `context deadline exceeded`.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { service } from '../etcd-api/proto';
import { EtcdctlError, ExitCode } from './errors';

export type ServiceName = 'KV' | 'Watch' | 'Lease' | 'Cluster' | 'Maintenance';

export interface TlsFiles {
  cacert: string;
  cert: string;
  key: string;
  insecureSkipTlsVerify: boolean;
}

export interface ClientOptions extends TlsFiles {
  commandTimeoutMs: number;
}

/** A failed call: the gRPC status and the message etcdctl would print for it. */
export class RpcError extends Error {
  /** The client's name for where the call went (printed in etcd's retry warning). */
  target = '';

  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(code === grpc.status.DEADLINE_EXCEEDED ? 'context deadline exceeded' : code === grpc.status.CANCELLED ? 'context canceled' : details);
    this.name = 'RpcError';
  }
}

const GO_CODE_NAMES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
];

/**
 * The zap warning etcd's client logs on stderr before a failed call's `Error:` line
 * (`retrying of unary invoker failed`), with its target naming style.
 */
export function retryWarning(wrapped: RpcError): string {
  const e = wrapped.cause instanceof RpcError ? wrapped.cause : wrapped;
  const desc = e.code === grpc.status.DEADLINE_EXCEEDED ? 'context deadline exceeded' : e.details;
  return `${JSON.stringify({
    level: 'warn',
    ts: new Date().toISOString(),
    caller: 'clientv3/retry_interceptor.go:62',
    msg: 'retrying of unary invoker failed',
    target: e.target,
    attempt: 0,
    error: `rpc error: code = ${GO_CODE_NAMES[e.code] ?? 'Unknown'} desc = ${desc}`,
  })}\n`;
}

export interface Endpoint {
  /** As given on the command line (what etcdctl prints). */
  name: string;
  /** host:port. */
  address: string;
  secure: boolean;
}

/** Reads `127.0.0.1:2379`, `http://…`, `https://…`; bare ones use TLS when TLS files are given. */
export function parseEndpoint(name: string, tls: TlsFiles): Endpoint {
  const m = /^(https?):\/\/([^/]+)\/?$/.exec(name);
  if (m) return { name, address: m[2], secure: m[1] === 'https' };
  if (name.includes('://')) throw new EtcdctlError(`unsupported endpoint ${JSON.stringify(name)} (use host:port, http://host:port or https://host:port)`, ExitCode.BadArgs);
  return { name, address: name, secure: tls.cacert !== '' || tls.cert !== '' || tls.key !== '' || tls.insecureSkipTlsVerify };
}

async function readPem(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
    throw new EtcdctlError(`open ${path}: ${why}`, ExitCode.BadConnection);
  }
}

/** Channel credentials for the given TLS files (read once per command). */
export async function credentialsFor(tls: TlsFiles): Promise<{ secure: grpc.ChannelCredentials; insecure: grpc.ChannelCredentials }> {
  const ca = tls.cacert ? await readPem(tls.cacert) : null;
  const cert = tls.cert ? await readPem(tls.cert) : null;
  const key = tls.key ? await readPem(tls.key) : null;
  if ((cert === null) !== (key === null)) throw new EtcdctlError('--cert and --key must be given together', ExitCode.BadArgs);
  const verify: grpc.VerifyOptions = tls.insecureSkipTlsVerify ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {};
  return { secure: grpc.credentials.createSsl(ca, key, cert, verify), insecure: grpc.credentials.createInsecure() };
}

/** One endpoint's connection. */
export class Connection {
  private readonly client: grpc.Client;
  /** How etcd's client names its target in warnings. */
  readonly target: string;

  constructor(
    readonly endpoint: Endpoint,
    creds: { secure: grpc.ChannelCredentials; insecure: grpc.ChannelCredentials },
    private readonly commandTimeoutMs: number,
    /** etcd's client names a balanced target `endpoint://client-<uuid>/<ep>`, a direct one `passthrough:///<ep>`. */
    naming: 'balancer' | 'passthrough' = 'balancer',
  ) {
    this.client = new grpc.Client(endpoint.address, endpoint.secure ? creds.secure : creds.insecure, {
      'grpc.max_receive_message_length': -1,
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 500,
    });
    this.target = naming === 'balancer' ? `endpoint://client-${randomUUID()}/${endpoint.address}` : `passthrough:///${endpoint.address}`;
  }

  private method(svc: ServiceName, name: string): grpc.MethodDefinition<object, unknown> {
    const def = service(svc)[name];
    if (!def) throw new Error(`etcdctl: no method ${svc}.${name} in the proto definitions`);
    return def as grpc.MethodDefinition<object, unknown>;
  }

  private metadata(): grpc.Metadata {
    return new grpc.Metadata({ waitForReady: true });
  }

  /** A unary call that gives up after the command timeout (or `timeoutMs`). */
  unary<Res>(svc: ServiceName, name: string, request: object, timeoutMs = this.commandTimeoutMs): Promise<Res> {
    const def = this.method(svc, name);
    return new Promise<Res>((resolve, reject) => {
      this.client.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, this.metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
        if (err) reject(Object.assign(new RpcError(err.code, err.details), { target: this.target }));
        else resolve(res as Res);
      });
    });
  }

  /** A server stream without deadline (snapshot); cancel it to stop. */
  serverStream<Res>(svc: ServiceName, name: string, request: object): grpc.ClientReadableStream<Res> {
    const def = this.method(svc, name);
    return this.client.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, request, this.metadata(), {}) as grpc.ClientReadableStream<Res>;
  }

  /** A bidirectional stream without deadline (watch, keep-alive); cancel it to stop. */
  bidiStream<Req extends object, Res>(svc: ServiceName, name: string): grpc.ClientDuplexStream<Req, Res> {
    const def = this.method(svc, name);
    return this.client.makeBidiStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, this.metadata(), {}) as unknown as grpc.ClientDuplexStream<Req, Res>;
  }

  /** Resolves when connected; rejects with `context deadline exceeded` after `timeoutMs`. */
  ready(timeoutMs = this.commandTimeoutMs): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(Object.assign(new RpcError(grpc.status.DEADLINE_EXCEEDED, ''), { target: this.target })) : resolve()));
    });
  }

  close(): void {
    this.client.close();
  }
}

/** Connections to every `--endpoints` entry; calls go to the first that answers. */
export class EtcdClient {
  private picked: Connection | undefined;

  constructor(
    readonly connections: Connection[],
    private readonly commandTimeoutMs: number,
  ) {}

  static async open(endpoints: string[], opts: ClientOptions): Promise<EtcdClient> {
    const creds = await credentialsFor(opts);
    const eps = endpoints.map((e) => parseEndpoint(e, opts));
    return new EtcdClient(
      eps.map((e) => new Connection(e, creds, opts.commandTimeoutMs)),
      opts.commandTimeoutMs,
    );
  }

  /** The connection to use: the only one, or the first of several to connect. */
  async pick(): Promise<Connection> {
    if (this.picked) return this.picked;
    if (this.connections.length === 1) return (this.picked = this.connections[0]);
    const first = await Promise.any(this.connections.map((c) => c.ready(this.commandTimeoutMs).then(() => c))).catch(() => undefined);
    if (!first) throw Object.assign(new RpcError(grpc.status.DEADLINE_EXCEEDED, ''), { target: this.connections[0]?.target ?? '' });
    return (this.picked = first);
  }

  async unary<Res>(svc: ServiceName, name: string, request: object): Promise<Res> {
    return (await this.pick()).unary<Res>(svc, name, request);
  }

  close(): void {
    for (const c of this.connections) c.close();
  }
}
