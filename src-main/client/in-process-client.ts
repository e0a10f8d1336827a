/**
 * The in-process ClusterClient: calls the API server's REST operations directly, with the same
 * checks, defaults, admission and errors as an HTTP request, for the embedded cluster's own
 * components. Requests run as the given user.
 */
import type { KubeObject } from '../kube/object';
import { findResource } from '../kube/registry';
import type { ResourceType } from '../kube/resource-type';
import * as errors from '../kube/status';
import type { ApiContext } from '../apiserver/api-context';
import type { UserInfo } from '../apiserver/authn';
import { decodeObjectBody } from '../apiserver/decode-body';
import { deleteObject, deleteOptions } from '../apiserver/rest/delete';
import { bindPod, evictPod } from '../apiserver/rest/pod-subresources';
import { getObject, listObjects } from '../apiserver/rest/read';
import { newScope, type RequestScope } from '../apiserver/rest/scope';
import { watchObjects } from '../apiserver/rest/watch';
import { createObject, patchObject, updateObject } from '../apiserver/rest/write';
import {
  PATCH_CONTENT_TYPES,
  type ClusterClient,
  type DeleteOptions,
  type ListOptions,
  type ObjectList,
  type PatchOptions,
  type PatchType,
  type ResourceRef,
  type Watch,
  type WatchCallbacks,
  type WatchOptions,
  type WriteOptions,
} from './cluster-client';
import { queryParams, writeParams, type Params } from './request-params';


export class InProcessClient implements ClusterClient {
  constructor(
    private readonly ctx: ApiContext,
    readonly user: UserInfo,
  ) {}

  private resource(ref: ResourceRef): ResourceType {
    const rt = findResource(ref.group, ref.version, ref.plural);
    if (!rt) throw errors.notFoundMessage('the server could not find the requested resource');
    return rt;
  }

  private scope(ref: ResourceRef, verb: string, namespace: string, name: string, params: Params = {}, subresource = ''): RequestScope {
    return newScope(this.ctx, this.resource(ref), { verb, namespace, name, subresource, query: queryParams(params), user: this.user });
  }

  /** A copy of `obj` checked against the resource's kind and version, as a request body is. */
  private body(rt: ResourceType, obj: KubeObject): KubeObject {
    return decodeObjectBody(Buffer.from(JSON.stringify(obj)), 'application/json', rt);
  }

  async get(ref: ResourceRef, namespace: string, name: string): Promise<KubeObject> {
    return getObject(this.scope(ref, 'get', namespace, name));
  }

  async list(ref: ResourceRef, opts: ListOptions = {}): Promise<ObjectList> {
    const scope = this.scope(ref, 'list', opts.namespace ?? '', '', {
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      limit: opts.limit,
      continue: opts.continue,
      resourceVersion: opts.resourceVersion,
      resourceVersionMatch: opts.resourceVersionMatch,
    });
    const { items, meta } = await listObjects(scope);
    const apiVersion = scope.rt.group ? `${scope.rt.group}/${scope.rt.version}` : scope.rt.version;
    return { metadata: meta, items: items.map((o) => ({ apiVersion, kind: scope.rt.kind, ...o })) };
  }

  async watch(ref: ResourceRef, opts: WatchOptions, callbacks: WatchCallbacks): Promise<Watch> {
    const scope = this.scope(ref, 'watch', opts.namespace ?? '', '', {
      watch: 'true',
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      resourceVersion: opts.resourceVersion,
      allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: opts.timeoutSeconds,
    });
    const apiVersion = scope.rt.group ? `${scope.rt.group}/${scope.rt.version}` : scope.rt.version;
    return watchObjects(scope, {
      event: (type, object) => {
        const typed = type === 'ERROR' || type === 'BOOKMARK' ? object : { apiVersion, kind: scope.rt.kind, ...object };
        callbacks.event({ type, object: typed });
      },
      closed: () => callbacks.closed(),
    });
  }

  async create(ref: ResourceRef, namespace: string, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    const scope = this.scope(ref, 'create', namespace, '', writeParams(opts));
    return createObject(scope, this.body(scope.rt, obj));
  }

  async update(ref: ResourceRef, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    const scope = this.scope(ref, 'update', obj.metadata.namespace ?? '', obj.metadata.name ?? '', writeParams(opts), opts?.subresource ?? '');
    return updateObject(scope, this.body(scope.rt, obj));
  }

  async patch(ref: ResourceRef, namespace: string, name: string, type: PatchType, patch: unknown, opts?: PatchOptions): Promise<KubeObject> {
    const params = { ...writeParams(opts), force: opts?.force ? 'true' : undefined };
    const scope = this.scope(ref, 'patch', namespace, name, params, opts?.subresource ?? '');
    return (await patchObject(scope, PATCH_CONTENT_TYPES[type], structuredClone(patch))).object;
  }

  async delete(ref: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const scope = this.scope(ref, 'delete', namespace, name, { dryRun: opts.dryRun ? 'All' : undefined });
    const { dryRun: _dryRun, ...body } = opts;
    return deleteObject(scope, deleteOptions(scope, structuredClone(body)));
  }

  async createSubresource(ref: ResourceRef, namespace: string, name: string, subresource: string, body: KubeObject): Promise<KubeObject> {
    const scope = this.scope(ref, 'create', namespace, name, {}, subresource);
    if (subresource === 'binding' && scope.rt.plural === 'pods') return bindPod(scope, structuredClone(body));
    if (subresource === 'eviction' && scope.rt.plural === 'pods') return evictPod(scope, structuredClone(body));
    throw errors.notFoundMessage('the server could not find the requested resource');
  }
}
