/**
 * Storage of one resource type on top of the etcd-style KV, like apiserver's etcd3 store:
 * keys /registry/<storageKey>/[<namespace>/]<name>, optimistic concurrency by modRevision,
 * lists by prefix at one revision with limit/continue, watches from a revision.
 */
import type { KV, KeyValue, TxnResponse, WatchEvent, Watcher } from '../../store/kv';
import { ErrCompacted, ErrFutureRev, prefixEnd } from '../../store/kv';
import type { KubeObject } from '../../kube/object';
import type { ResourceType } from '../../kube/resource-type';
import * as errors from '../../kube/status';
import { decodeObject, encodeObject } from './codec';

export interface ListOptions {
  namespace?: string;
  /** Read at this revision (0 = newest). */
  revision?: number;
  limit?: number;
  /** Key to start from (inclusive), from a continue token. */
  startKey?: string;
  filter?: (obj: KubeObject) => boolean;
}

export interface ListResult {
  items: KubeObject[];
  revision: number;
  /** The next key to read from, when the limit cut the list short. */
  nextKey?: string;
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StorageEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The object before this change (for MODIFIED and DELETED). */
  previous?: KubeObject;
  revision: number;
}

export class ResourceStorage {
  readonly prefix: string;

  constructor(
    private readonly kv: KV,
    readonly resource: ResourceType,
  ) {
    this.prefix = `/registry/${resource.storageKey}/`;
  }

  key(namespace: string, name: string): string {
    return this.resource.namespaced ? `${this.prefix}${namespace}/${name}` : `${this.prefix}${name}`;
  }

  /** The key prefix covering a namespace (or every object when namespace is empty). */
  scopePrefix(namespace?: string): string {
    return this.resource.namespaced && namespace ? `${this.prefix}${namespace}/` : this.prefix;
  }

  private qualified(): { group: string; resource: string } {
    return { group: this.resource.group, resource: this.resource.plural };
  }

  async get(namespace: string, name: string): Promise<KubeObject | undefined> {
    const res = await this.kv.range({ key: this.key(namespace, name) });
    const kv = res.kvs[0];
    return kv ? decodeObject(kv.value, kv.modRevision) : undefined;
  }

  async getOrNotFound(namespace: string, name: string): Promise<KubeObject> {
    const obj = await this.get(namespace, name);
    if (!obj) throw errors.notFound(this.qualified(), name);
    return obj;
  }

  async list(opts: ListOptions): Promise<ListResult> {
    const prefix = this.scopePrefix(opts.namespace);
    const end = prefixEnd(prefix);
    let start = opts.startKey ?? prefix;
    let revision = opts.revision ?? 0;
    const items: KubeObject[] = [];
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    // With a filter, keep reading pages until the limit is met or the keyspace ends, as the
    // upstream storage does.
    for (;;) {
      const page = limit > 0 ? Math.max(limit - items.length, opts.filter ? 128 : 0) : 0;
      let res;
      try {
        res = await this.kv.range({ key: start, rangeEnd: end, revision, limit: page });
      } catch (e) {
        throw this.translate(e, revision);
      }
      revision = res.header.revision;
      let lastKey: string | undefined;
      for (let i = 0; i < res.kvs.length; i++) {
        const kv = res.kvs[i];
        lastKey = kv.key;
        const obj = decodeObject(kv.value, kv.modRevision);
        if (opts.filter && !opts.filter(obj)) continue;
        items.push(obj);
        if (limit > 0 && items.length >= limit) {
          const more = i < res.kvs.length - 1 || res.more;
          if (!more) return { items, revision };
          const nextKey = kv.key + '\0';
          // Without a filter the page is one range, whose count covers [start, end).
          const remaining = opts.filter ? undefined : res.count - (i + 1);
          return { items, revision, nextKey, remainingItemCount: remaining };
        }
      }
      if (!res.more || lastKey === undefined) return { items, revision };
      start = lastKey + '\0';
    }
  }

  /** Creates the object; AlreadyExists if the key is taken. */
  async create(obj: KubeObject): Promise<KubeObject> {
    const key = this.key(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    const value = encodeObject(obj);
    const res = await this.kv.txn({
      compare: [{ key, target: 'CREATE', result: 'EQUAL', createRevision: 0 }],
      success: [{ requestPut: { key, value } }],
      failure: [],
    });
    if (!res.succeeded) throw errors.alreadyExists(this.qualified(), obj.metadata.name ?? '');
    return decodeObject(value, res.header.revision);
  }

  /**
   * Replaces the object if it is still at `expectedRevision` (its modRevision). A lost race is a
   * Conflict, as upstream reports it.
   */
  async update(obj: KubeObject, expectedRevision: number): Promise<KubeObject> {
    const name = obj.metadata.name ?? '';
    const key = this.key(obj.metadata.namespace ?? '', name);
    const value = encodeObject(obj);
    const res = await this.kv.txn({
      compare: [{ key, target: 'MOD', result: 'EQUAL', modRevision: expectedRevision }],
      success: [{ requestPut: { key, value } }],
      failure: [{ requestRange: { key } }],
    });
    if (!res.succeeded) throw this.lostRace(res, name);
    return decodeObject(value, res.header.revision);
  }

  /**
   * Reads the current object, lets `mutate` compute the next one, and writes it with a
   * compare-and-swap, retrying on races (apiserver's GuaranteedUpdate). `mutate` may throw to abort.
   * Returning the same object reference skips the write.
   */
  async guaranteedUpdate(
    namespace: string,
    name: string,
    mutate: (current: KubeObject) => KubeObject | Promise<KubeObject>,
  ): Promise<{ object: KubeObject; changed: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.getOrNotFound(namespace, name);
      const currentRevision = Number(current.metadata.resourceVersion);
      const next = await mutate(structuredClone(current));
      if (next === current || sameStored(next, current)) return { object: current, changed: false };
      try {
        return { object: await this.update(next, currentRevision), changed: true };
      } catch (e) {
        if (e instanceof errors.StatusError && e.status.reason === 'Conflict' && attempt < 16) continue;
        throw e;
      }
    }
  }

  /** Deletes the object if it is still at `expectedRevision` (when given). Returns what was deleted. */
  async delete(namespace: string, name: string, expectedRevision?: number): Promise<KubeObject> {
    const key = this.key(namespace, name);
    const compare = expectedRevision
      ? [{ key, target: 'MOD' as const, result: 'EQUAL' as const, modRevision: expectedRevision }]
      : [{ key, target: 'CREATE' as const, result: 'GREATER' as const, createRevision: 0 }];
    const res = await this.kv.txn({
      compare,
      success: [{ requestDeleteRange: { key, prevKv: true } }],
      failure: [{ requestRange: { key } }],
    });
    if (!res.succeeded) throw this.lostRace(res, name);
    const op = res.responses[0];
    const prev = op && 'responseDeleteRange' in op ? op.responseDeleteRange.prevKvs[0] : undefined;
    if (!prev) throw errors.notFound(this.qualified(), name);
    // The deleted object carries the revision of its deletion, as upstream's watch and DELETE reply do.
    return decodeObject(prev.value, res.header.revision);
  }

  /** A guarded write whose compare failed: the object is gone (NotFound) or changed (Conflict). */
  private lostRace(res: TxnResponse, name: string): errors.StatusError {
    const current = res.responses[0];
    const exists = current && 'responseRange' in current && current.responseRange.kvs.length > 0;
    if (!exists) return errors.notFound(this.qualified(), name);
    return errors.conflict(this.qualified(), name, new Error('the object has been modified; please apply your changes to the latest version and try again'));
  }

  currentRevision(): number {
    return this.kv.currentRevision();
  }

  compactRevision(): number {
    return this.kv.compactRevision();
  }

  /**
   * Watches the scope from `startRevision` (inclusive). Store events become ADDED/MODIFIED/DELETED.
   * Throws a 410 Expired StatusError when the revision is compacted.
   */
  watch(namespace: string | undefined, startRevision: number, onEvents: (events: StorageEvent[]) => void): Watcher {
    const prefix = this.scopePrefix(namespace);
    try {
      return this.kv.watch({ key: prefix, rangeEnd: prefixEnd(prefix), startRevision, prevKv: true }, (events) => {
        onEvents(events.map(toStorageEvent));
      });
    } catch (e) {
      throw this.translate(e, startRevision - 1);
    }
  }

  private translate(e: unknown, revision: number): unknown {
    if (e instanceof ErrCompacted) {
      return errors.expired(`too old resource version: ${revision} (${e.compactRevision})`);
    }
    if (e instanceof ErrFutureRev) {
      return errors.timeout(`Too large resource version: ${revision}, current: ${this.kv.currentRevision()}`, 1);
    }
    return e;
  }
}

function toStorageEvent(e: WatchEvent): StorageEvent {
  const prev = e.prevKv ? decodeObject(e.prevKv.value, e.prevKv.modRevision) : undefined;
  if (e.type === 'DELETE') {
    const gone = prev ?? decodeTombstone(e.kv);
    gone.metadata.resourceVersion = String(e.kv.modRevision);
    return { type: 'DELETED', object: gone, previous: prev, revision: e.kv.modRevision };
  }
  const obj = decodeObject(e.kv.value, e.kv.modRevision);
  return {
    type: e.kv.createRevision === e.kv.modRevision ? 'ADDED' : 'MODIFIED',
    object: obj,
    previous: prev,
    revision: e.kv.modRevision,
  };
}

function decodeTombstone(kv: KeyValue): KubeObject {
  const parts = kv.key.split('/');
  return { metadata: { name: parts[parts.length - 1] } };
}

function sameStored(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
