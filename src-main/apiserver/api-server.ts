/**
 * The API server: HTTPS with client-certificate authentication, routing of non-resource paths
 * (version, health, discovery, OpenAPI) and of resource requests to the verb handlers.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import { findResource, RESOURCE_TYPES } from '../kube/registry';
import { ApiServerMetrics } from './metrics';
import { openApiGroupVersion, openApiRoot } from '../kube/openapi';
import * as errors from '../kube/status';
import { KUBERNETES_VERSION } from '../kube/version';
import { prefixEnd, type KV } from '../store/kv';
import { ApiContext } from './api-context';
import { ANONYMOUS, authenticate, type UserInfo } from './authn';
import { aggregatedDiscovery, apiResourceList, legacyApiVersions, legacyGroup1, legacyGroupList } from './discovery/discovery';
import { handleCreate, handlePatch, handleUpdate } from './handlers/write';
import { handleDelete, handleDeleteCollection } from './handlers/delete';
import { handleGet, handleList } from './handlers/read';
import { handleScale } from './handlers/scale';
import { handleWatch } from './handlers/watch';
import { handleExecUpgrade, rejectUpgrade } from './handlers/exec';
import { handleLog } from './handlers/log';
import { handleSubresourceCreate } from './handlers/subresource';
import { newScope } from './rest/scope';
import { serveHealth, type HealthChecks } from './health';
import { boolParam, readBody, writeError, writeJson } from './http-util';
import { aggregatedContentType, negotiateDiscovery, negotiateObjectShape } from './negotiate';
import { parseRequestInfo, type RequestInfo } from './request-info';
import { impersonate } from './impersonation';
import { checkAccess } from './authz/check';
import type { Attributes } from './authz/attributes';
import { createReview } from './rest/reviews';
import { startRbac } from './authz/start-rbac';
import { parseTypedBody } from './decode-body';
import type { KubeObject } from '../kube/object';
import { ServiceAccountTokens } from './service-account-tokens';

export interface ApiServerOptions {
  kv: KV;
  clock: Clock;
  rand: Rand;
  tls: { cert: string; key: string; ca: string };
  host?: string;
  port?: number;
  /** Extra readiness checks (e.g. the store has a leader). */
  readyChecks?: HealthChecks;
  /** sa.key / sa.pub (PEM): sign and verify service-account tokens. */
  serviceAccountKeys?: { key: string; pub: string };
}

export interface ApiServer {
  url: string;
  port: number;
  context: ApiContext;
  close(): Promise<void>;
}

const NOT_FOUND_MESSAGE = 'the server could not find the requested resource';

/** The authorizer's view of a request. */
function attributesOf(user: UserInfo, info: RequestInfo, path: string): Attributes {
  return {
    user,
    verb: info.isResourceRequest ? info.verb : ({ GET: 'get', HEAD: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[info.verb.toUpperCase()] ?? info.verb,
    isResourceRequest: info.isResourceRequest,
    apiGroup: info.apiGroup,
    resource: info.resource,
    subresource: info.subresource,
    namespace: info.namespace,
    name: info.name,
    path,
  };
}

export class ApiServerHandler {
  readonly metrics = new ApiServerMetrics();

  constructor(
    readonly ctx: ApiContext,
    private readonly checks: HealthChecks,
    private readonly serverAddress: () => string,
  ) {}

  /** The metrics text, with apiserver_storage_objects counted now. */
  private async metricsText(): Promise<string> {
    for (const rt of RESOURCE_TYPES) {
      if (!rt.storageKey) continue;
      const storage = this.ctx.storage(rt);
      const res = await this.ctx.kv.range({ key: storage.prefix, rangeEnd: prefixEnd(storage.prefix), countOnly: true });
      this.metrics.storageObjects.set({ resource: rt.group ? `${rt.plural}.${rt.group}` : rt.plural }, res.count);
    }
    return this.metrics.text();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://apiserver');
    const path = url.pathname;
    const query = url.searchParams;
    const info = parseRequestInfo(req.method ?? 'GET', path, query);
    const record = this.metrics.begin(info, query.getAll('dryRun').length > 0);
    res.once('close', () => record(res.statusCode));
    const authenticated = await this.authenticate(req);

    const health = /^\/(healthz|livez|readyz)(?:\/(.*))?$/.exec(path);
    if (health) {
      if (serveHealth(health[1] as 'healthz' | 'livez' | 'readyz', health[2] ?? '', query, this.checks, res)) return;
    }
    if (path === '/version' || path === '/version/') {
      writeJson(res, 200, KUBERNETES_VERSION);
      return;
    }
    if (!authenticated) {
      writeJson(res, 401, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      return;
    }
    const user = impersonate(this.ctx, authenticated, req.headers);
    checkAccess(this.ctx, attributesOf(user, info, path));
    if (this.serveNonResource(req, res, path)) return;

    if (!info.isResourceRequest) throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
    await this.serveResource(req, res, info, query, user);
  }

  /** A client certificate from the cluster CA, else a service-account bearer token. */
  private async authenticate(req: IncomingMessage): Promise<UserInfo | undefined> {
    const fromCert = authenticate(req);
    if (fromCert) return fromCert;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m || !this.ctx.tokens) return undefined;
    return this.ctx.tokens.authenticate(m[1]);
  }

  /** Connection upgrades: pods/exec and pods/attach streams. */
  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://apiserver');
    const authenticated = await this.authenticate(req);
    if (!authenticated) throw errors.unauthorized();
    const user = impersonate(this.ctx, authenticated, req.headers);
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
    checkAccess(this.ctx, { ...attributesOf(user, info, url.pathname), verb: 'create' });
    const rt = info.isResourceRequest ? findResource(info.apiGroup, info.apiVersion, info.resource) : undefined;
    if (!rt || rt.plural !== 'pods' || rt.group !== '' || (info.subresource !== 'exec' && info.subresource !== 'attach')) {
      throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
    }
    const scope = newScope(this.ctx, rt, {
      verb: 'create',
      namespace: info.namespace,
      name: info.name,
      subresource: info.subresource,
      query: url.searchParams,
      user,
    });
    await handleExecUpgrade(scope, req, socket, head);
  }

  private serveNonResource(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const accept = req.headers.accept;
    const trimmed = path.replace(/\/+$/, '') || '/';
    if (trimmed === '/api' || trimmed === '/apis') {
      const shape = negotiateDiscovery(accept);
      if (shape.kind === 'aggregated') {
        writeJson(res, 200, aggregatedDiscovery(trimmed === '/api' ? 'api' : 'apis', shape.version), {
          'Content-Type': aggregatedContentType(shape.version),
        });
      } else if (shape.kind === 'legacy') {
        writeJson(res, 200, trimmed === '/api' ? legacyApiVersions(this.serverAddress()) : legacyGroupList());
      } else {
        throw errors.notAcceptable();
      }
      return true;
    }
    let m = /^\/api\/(v1)$/.exec(trimmed) ?? /^\/apis\/([^/]+)\/([^/]+)$/.exec(trimmed);
    if (m) {
      const [group, version] = m.length === 2 ? ['', m[1]] : [m[1], m[2]];
      const list = apiResourceList(group, version);
      if (!list) throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
      writeJson(res, 200, list);
      return true;
    }
    m = /^\/apis\/([^/]+)$/.exec(trimmed);
    if (m) {
      const group = legacyGroup1(m[1]);
      if (!group) throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
      writeJson(res, 200, group);
      return true;
    }
    if (trimmed === '/metrics') {
      void this.metricsText().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
          res.end(text);
        },
        (e: unknown) => writeError(res, e),
      );
      return true;
    }
    if (trimmed === '/openapi/v3') {
      writeJson(res, 200, openApiRoot());
      return true;
    }
    m = /^\/openapi\/v3\/(api\/v1|apis\/[^/]+\/[^/]+)$/.exec(trimmed);
    if (m) {
      const parts = m[1].split('/');
      const doc = parts[0] === 'api' ? openApiGroupVersion('', 'v1') : openApiGroupVersion(parts[1], parts[2]);
      if (!doc) throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
      writeJson(res, 200, doc);
      return true;
    }
    return false;
  }

  private async serveResource(req: IncomingMessage, res: ServerResponse, info: ReturnType<typeof parseRequestInfo>, query: URLSearchParams, user: UserInfo): Promise<void> {
    const rt = findResource(info.apiGroup, info.apiVersion, info.resource);
    if (!rt || (!rt.namespaced && info.namespace !== '' && info.resource !== 'namespaces')) {
      throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
    }
    if (info.subresource && !rt.subresources.some((s) => s.name === info.subresource)) {
      throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
    }
    if (info.parts.length > 3) throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
    const shape = negotiateObjectShape(req.headers.accept);
    if (shape.kind === 'none') throw errors.notAcceptable();
    const scope = newScope(this.ctx, rt, {
      verb: info.verb,
      namespace: info.namespace,
      name: info.name,
      subresource: info.subresource,
      query,
      shape,
      user,
    });
    if (!rt.storageKey) {
      // Reviews: create-only, answered without storing anything.
      if (info.verb !== 'create' || info.name !== '') throw errors.methodNotSupported({ group: rt.group, resource: rt.plural }, (req.method ?? '').toLowerCase());
      const body = parseTypedBody(await readBody(req), req.headers['content-type'], { apiVersion: `${rt.group}/${rt.version}`, kind: rt.kind });
      writeJson(res, 201, createReview(scope, (body ?? {}) as KubeObject));
      return;
    }
    if (info.subresource === 'scale') return handleScale(scope, req, res);
    if (info.subresource === 'log') return handleLog(scope, req, res);
    if (info.subresource === 'binding' || info.subresource === 'eviction' || info.subresource === 'token') {
      if (info.verb !== 'create') throw errors.methodNotSupported({ group: rt.group, resource: `${rt.plural}/${info.subresource}` }, (req.method ?? '').toLowerCase());
      return handleSubresourceCreate(scope, req, res);
    }
    if (info.subresource === 'finalize' && info.verb !== 'update') {
      throw errors.methodNotSupported({ group: rt.group, resource: `${rt.plural}/finalize` }, (req.method ?? '').toLowerCase());
    }
    if (info.subresource && info.subresource !== 'status' && info.subresource !== 'finalize') throw errors.notFoundMessage(NOT_FOUND_MESSAGE);
    switch (info.verb) {
      case 'get':
        return handleGet(scope, res);
      case 'list':
        return handleList(scope, res);
      case 'watch':
        return handleWatch(scope, res);
      case 'create':
        if (info.name !== '' && !info.subresource) {
          throw errors.methodNotSupported({ group: rt.group, resource: rt.plural }, 'create');
        }
        return handleCreate(scope, req, res);
      case 'update':
        return handleUpdate(scope, req, res);
      case 'patch':
        return handlePatch(scope, req, res);
      case 'delete':
        return handleDelete(scope, req, res);
      case 'deletecollection':
        return handleDeleteCollection(scope, req, res);
      default:
        throw errors.methodNotSupported({ group: rt.group, resource: rt.plural }, (req.method ?? '').toLowerCase());
    }
  }
}

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const ctx = new ApiContext(opts.kv, opts.clock, opts.rand);
  const rbac = await startRbac(ctx);
  if (opts.serviceAccountKeys) ctx.tokens = await ServiceAccountTokens.create(opts.serviceAccountKeys.key, opts.serviceAccountKeys.pub, () => opts.clock.now());
  const host = opts.host ?? '127.0.0.1';
  let port = opts.port ?? 0;
  const checks: HealthChecks = {
    ping: () => true,
    log: () => true,
    etcd: () => true,
    'poststarthook/start-apiserver-admission-initializer': () => true,
    ...opts.readyChecks,
  };
  const handler = new ApiServerHandler(ctx, checks, () => `${host}:${port}`);
  const server = https.createServer(
    {
      cert: opts.tls.cert,
      key: opts.tls.key,
      ca: opts.tls.ca,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      handler.handle(req, res).catch((e: unknown) => {
        if (!(e instanceof errors.StatusError)) console.error('apiserver: unexpected error:', e);
        if (res.headersSent) res.end();
        else writeError(res, e);
      });
    },
  );
  server.keepAliveTimeout = 65_000;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    handler.upgrade(req, socket, head).catch((e: unknown) => {
      if (!(e instanceof errors.StatusError)) console.error('apiserver: unexpected error in upgrade:', e);
      rejectUpgrade(socket, e);
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    port,
    context: ctx,
    close: () =>
      new Promise<void>((resolve) => {
        rbac.stop();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export { boolParam, ANONYMOUS };
