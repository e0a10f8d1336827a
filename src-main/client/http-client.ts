/**
 * ClusterClient over HTTPS, for real clusters and for tests that go through the wire: the same
 * calls as the in-process client, as REST requests to an API server.
 */
import type { KubeObject } from '../kube/object';
import { apiVersionOf } from '../kube/resource-type';
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
  type WatchEvent,
  type WatchOptions,
  type WriteOptions,
} from './cluster-client';
import { queryParams, writeParams, type Params } from './request-params';
import { RestClient, type RestConfig } from './rest-client';

function withQuery(path: string, params: Params): string {
  const s = queryParams(params).toString();
  return s ? `${path}?${s}` : path;
}

export function resourcePath(rt: ResourceRef, namespace: string, name = '', subresource = ''): string {
  const base = rt.group === '' ? `/api/${rt.version}` : `/apis/${rt.group}/${rt.version}`;
  const ns = rt.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const item = name ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${rt.plural}${item}${subresource ? `/${subresource}` : ''}`;
}


export class HttpClusterClient implements ClusterClient {
  private readonly rest: RestClient;

  constructor(config: RestConfig) {
    this.rest = new RestClient(config);
  }

  close(): void {
    this.rest.close();
  }

  get(rt: ResourceRef, namespace: string, name: string): Promise<KubeObject> {
    return this.rest.request('GET', resourcePath(rt, namespace, name));
  }

  list(rt: ResourceRef, opts: ListOptions = {}): Promise<ObjectList> {
    const { namespace, continue: cont, ...rest } = opts;
    return this.rest.request('GET', withQuery(resourcePath(rt, namespace ?? ''), { ...rest, continue: cont }));
  }

  async watch(rt: ResourceRef, opts: WatchOptions, callbacks: WatchCallbacks): Promise<Watch> {
    const { namespace, ...rest } = opts;
    let stopped = false;
    const abort = await this.rest.stream(
      withQuery(resourcePath(rt, namespace ?? ''), { watch: 'true', ...rest }),
      (value) => {
        if (!stopped) callbacks.event(value as WatchEvent);
      },
      (err) => {
        if (!stopped) callbacks.closed(err);
      },
    );
    return {
      stop: () => {
        stopped = true;
        abort();
      },
    };
  }

  create(rt: ResourceRef, namespace: string, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    const body = { apiVersion: apiVersionOf(rt), kind: rt.kind, ...obj };
    return this.rest.request('POST', withQuery(resourcePath(rt, namespace), writeParams(opts)), body);
  }

  update(rt: ResourceRef, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    const path = resourcePath(rt, obj.metadata.namespace ?? '', obj.metadata.name ?? '', opts?.subresource ?? '');
    return this.rest.request('PUT', withQuery(path, writeParams(opts)), { apiVersion: apiVersionOf(rt), kind: rt.kind, ...obj });
  }

  patch(rt: ResourceRef, namespace: string, name: string, type: PatchType, patch: unknown, opts?: PatchOptions): Promise<KubeObject> {
    const path = resourcePath(rt, namespace, name, opts?.subresource ?? '');
    return this.rest.request('PATCH', withQuery(path, { ...writeParams(opts), force: opts?.force ? 'true' : undefined }), patch, PATCH_CONTENT_TYPES[type]);
  }

  delete(rt: ResourceRef, namespace: string, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    const { dryRun, ...body } = opts;
    return this.rest.request('DELETE', withQuery(resourcePath(rt, namespace, name), { dryRun: dryRun ? 'All' : undefined }), {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...body,
    });
  }

  createSubresource(rt: ResourceRef, namespace: string, name: string, subresource: string, body: KubeObject): Promise<KubeObject> {
    return this.rest.request('POST', resourcePath(rt, namespace, name, subresource), body);
  }
}
