/**
 * An informer (client-go's shared informer, reduced): lists a resource, keeps a local cache, then
 * watches from the list's resourceVersion and tells handlers about adds, updates and deletes.
 * A watch that ends is resumed from the last seen revision; a 410 Gone relists and reconciles the
 * cache with what the server has, so handlers still see every object come and go.
 * Cached objects are shared: handlers and readers must not mutate them.
 */
import type { Clock, TimerHandle } from '../common/clock';
import type { KubeObject } from '../kube/object';
import type { ClusterClient, ResourceRef, Watch, WatchEvent } from './cluster-client';

export interface EventHandler {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Where handler failures and watch problems are reported. Default console.error. */
  onError?: (err: unknown) => void;
}

/** `namespace/name`, or `name` for cluster-scoped objects (cache.MetaNamespaceKeyFunc). */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The index of objects by namespace, which most controllers want. */
export const NAMESPACE_INDEX = 'namespace';
export const byNamespace = (obj: KubeObject): string[] => [obj.metadata.namespace ?? ''];

/** Back-off before resuming a watch that failed, as the reflector's (capped). */
const RETRY_MS = [0, 800, 1600, 3200, 6400, 12800, 30000];

export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly handlers: EventHandler[] = [];
  private readonly indexers = new Map<string, (obj: KubeObject) => string[]>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();
  private resourceVersion = '';
  private watch: Watch | undefined;
  private retryTimer: TimerHandle | undefined;
  private failures = 0;
  private stopped = false;
  private synced = false;

  constructor(
    private readonly client: ClusterClient,
    readonly resource: ResourceRef,
    private readonly clock: Clock,
    private readonly opts: InformerOptions = {},
  ) {}

  addEventHandler(h: EventHandler): void {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.cache.values()) this.call(() => h.onAdd?.(obj));
  }

  /** An index: `fn` gives the values an object is filed under (e.g. a pod's node name). */
  addIndexer(name: string, fn: (obj: KubeObject) => string[]): void {
    if (this.indexers.has(name)) return; // shared informers: the first definition of a name wins
    this.indexers.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.indices.set(name, index);
    for (const [key, obj] of this.cache) for (const v of fn(obj)) addTo(index, v, key);
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  /** Objects filed under `value` by the named index. */
  byIndex(name: string, value: string): KubeObject[] {
    const keys = this.indices.get(name)?.get(value);
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const k of keys) {
      const obj = this.cache.get(k);
      if (obj) out.push(obj);
    }
    return out;
  }

  /** Lists, fills the cache (handlers see adds), then watches. Resolves once synced. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.relist();
    this.synced = true;
    await this.startWatch();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
    this.watch = undefined;
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private selectors(): { namespace?: string; labelSelector?: string; fieldSelector?: string } {
    return { namespace: this.opts.namespace, labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector };
  }

  private async relist(): Promise<void> {
    const list = await this.client.list(this.resource, this.selectors());
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = objectKey(obj);
      seen.add(key);
      this.upsert(key, obj);
    }
    for (const [key, obj] of [...this.cache]) {
      if (!seen.has(key)) this.remove(key, obj);
    }
    this.resourceVersion = list.metadata.resourceVersion;
  }

  private async startWatch(): Promise<void> {
    if (this.stopped) return;
    try {
      this.watch = await this.client.watch(
        this.resource,
        { ...this.selectors(), resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
        { event: (e) => this.onEvent(e), closed: (err) => this.onClosed(err) },
      );
      if (this.stopped) this.watch.stop();
    } catch (e) {
      this.onClosed(e);
    }
  }

  private onEvent(e: WatchEvent): void {
    if (this.stopped) return;
    if (e.type === 'ERROR') {
      const code = (e.object as { code?: number }).code;
      this.watch?.stop();
      this.watch = undefined;
      // 410 Gone: our revision is compacted away; start over from a fresh list.
      if (code === 410) this.resourceVersion = '';
      this.onClosed(code === 410 ? undefined : e.object);
      return;
    }
    const rv = e.object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (e.type === 'BOOKMARK') return;
    const key = objectKey(e.object);
    if (e.type === 'DELETED') {
      const old = this.cache.get(key);
      if (old) this.remove(key, e.object);
    } else {
      this.upsert(key, e.object);
    }
    this.failures = 0;
  }

  private onClosed(err?: unknown): void {
    this.watch = undefined;
    if (this.stopped) return;
    if (err !== undefined) {
      this.failures++;
      this.opts.onError?.(err);
    }
    const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      void this.resume();
    }, delay);
  }

  private async resume(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.resourceVersion === '') await this.relist();
      await this.startWatch();
    } catch (e) {
      this.onClosed(e);
    }
  }

  private upsert(key: string, obj: KubeObject): void {
    const old = this.cache.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.cache.set(key, obj);
    this.reindex(key, old, obj);
    for (const h of this.handlers) {
      if (old) this.call(() => h.onUpdate?.(old, obj));
      else this.call(() => h.onAdd?.(obj));
    }
  }

  private remove(key: string, last: KubeObject): void {
    const old = this.cache.get(key);
    this.cache.delete(key);
    this.reindex(key, old, undefined);
    for (const h of this.handlers) this.call(() => h.onDelete?.(last));
  }

  private reindex(key: string, old: KubeObject | undefined, next: KubeObject | undefined): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      if (old) for (const v of fn(old)) index.get(v)?.delete(key);
      if (next) for (const v of fn(next)) addTo(index, v, key);
    }
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      (this.opts.onError ?? console.error)(e);
    }
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let set = index.get(value);
  if (!set) {
    set = new Set();
    index.set(value, set);
  }
  set.add(key);
}
