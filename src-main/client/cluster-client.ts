/**
 * ClusterClient: how the cluster's components (scheduler, controllers, kubelets) and the console
 * talk to an API server. One interface, two implementations: in-process (no HTTP, no JSON round
 * trip, same semantics: conflicts, 410 Gone, validation) and HTTP (real clusters, tests).
 * Failures are StatusErrors carrying the server's metav1.Status.
 */
import type { KubeObject } from '../kube/object';
import type { ResourceType } from '../kube/resource-type';

/** A resource as clients name it; a ResourceType from the registry satisfies it. */
export type ResourceRef = Pick<ResourceType, 'group' | 'version' | 'plural' | 'kind' | 'namespaced'>;

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface ObjectList {
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  /** The object; for ERROR, a metav1.Status. */
  object: KubeObject;
}

export interface WatchCallbacks {
  event(e: WatchEvent): void;
  /** The stream ended (server timeout, error, connection loss); not called after stop(). */
  closed(err?: unknown): void;
}

export interface Watch {
  stop(): void;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** `status` to write the status subresource. */
  subresource?: 'status' | 'finalize';
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  force?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  dryRun?: boolean;
}

export interface ClusterClient {
  get(rt: ResourceRef, namespace: string, name: string): Promise<KubeObject>;
  list(rt: ResourceRef, opts?: ListOptions): Promise<ObjectList>;
  watch(rt: ResourceRef, opts: WatchOptions, callbacks: WatchCallbacks): Promise<Watch>;
  create(rt: ResourceRef, namespace: string, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  /** Replaces the object (or its status), guarded by the object's resourceVersion when set. */
  update(rt: ResourceRef, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  patch(rt: ResourceRef, namespace: string, name: string, type: PatchType, patch: unknown, opts?: PatchOptions): Promise<KubeObject>;
  /** The deleted object (or the object marked for deletion), or a success Status. */
  delete(rt: ResourceRef, namespace: string, name: string, opts?: DeleteOptions): Promise<KubeObject>;
  /** POST to a subresource such as pods/binding or pods/eviction; returns the reply. */
  createSubresource(rt: ResourceRef, namespace: string, name: string, subresource: string, body: KubeObject): Promise<KubeObject>;
}
