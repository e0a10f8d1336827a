/**
 * The one list-then-watch cache every resource kind uses. A store made here holds what the
 * watch delivered, keyed by metadata.uid, with the last resourceVersion seen; it is a cache,
 * never the source of truth (house rule 9).
 *
 *   list → replace all → watch from the list's resourceVersion
 *   ADDED/MODIFIED → set, DELETED → remove, BOOKMARK → only the resourceVersion moves
 *   410 Gone / Expired → list again (the watch cannot resume), then watch again
 *   network trouble → the client reconnects from the last resourceVersion by itself
 *
 * Consumers call retain() while they are shown and the release function it returns when they
 * go; the watch stops a little after the last release, so moving between views does not relist.
 *
 * `items` is a shallowReactive Map, so readers pay only for what they read: `items.keys()`
 * re-runs only when objects come or go, `items.get(uid)` only when that object changes, and
 * `items.values()` on any change. Objects themselves stay plain (no deep proxies over 100k pods).
 * metadata.managedFields is dropped on the way in, as `kubectl get` hides it: it is often the
 * larger half of an object and nothing in the console shows it.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowReactive, toRaw } from 'vue';
import { RealClock, type Clock, type TimerHandle } from '../../../src-main/common/clock';
import { kube, type KubeClient, type KubeObject, type WatchError, type WatchEvent, type WatchHandle } from '../api';
import { backoffMs } from '../api/kube-client';
import { useConnectionStore, type SourceHealth } from './connection';

export type SyncState = 'idle' | 'listing' | 'watching' | 'reconnecting' | 'error';

export interface ResourceStoreOptions {
  /** Pinia id, also the source name in the connection store. */
  id: string;
  /** Collection path on the Kubernetes API, e.g. `/api/v1/pods`. */
  path: string;
  client?: KubeClient;
  clock?: Clock;
  /** How long the watch outlives its last consumer (default 60 s). */
  lingerMs?: number;
}

/** The cache key of an object: its uid, or namespace/name for objects that lack one. */
export function objectKey(obj: KubeObject): string {
  const m = obj.metadata ?? {};
  return m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
}

/** The object without metadata.managedFields (a shallow copy when it had them). */
export function withoutManagedFields<T extends KubeObject>(obj: T): T {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** Applies one watch event to a map; true when the map changed. */
export function applyWatchEvent<T extends KubeObject>(items: Map<string, T>, event: WatchEvent<T>): boolean {
  switch (event.type) {
    case 'ADDED':
    case 'MODIFIED':
      items.set(objectKey(event.object), withoutManagedFields(event.object));
      return true;
    case 'DELETED':
      return items.delete(objectKey(event.object));
    default:
      return false;
  }
}

const HEALTH: Record<SyncState, SourceHealth | null> = {
  idle: null,
  listing: 'connecting',
  watching: 'ok',
  reconnecting: 'retrying',
  error: 'failed',
};

export function createResourceStore<T extends KubeObject>(options: ResourceStoreOptions) {
  const { id, path } = options;
  const lingerMs = options.lingerMs ?? 60_000;

  return defineStore(id, () => {
    const client = options.client ?? kube;
    const clock = options.clock ?? new RealClock();
    const connection = useConnectionStore();

    /** The cache, uid → object. */
    const items = shallowReactive(new Map<string, T>());
    const resourceVersion = ref('');
    const state = ref<SyncState>('idle');
    const error = ref<string | null>(null);
    /** True once the first list has arrived (an empty cache then means "none", not "loading"). */
    const synced = ref(false);
    const size = computed(() => items.size);

    let users = 0;
    let running = false;
    /** Bumped by every start/stop/relist so answers of an older attempt are ignored. */
    let generation = 0;
    let handle: WatchHandle | null = null;
    let lingerTimer: TimerHandle | null = null;
    let retryTimer: TimerHandle | null = null;
    let listAttempt = 0;

    function setState(s: SyncState, message: string | null = null): void {
      state.value = s;
      error.value = message;
      connection.report(id, HEALTH[s], message);
    }

    function onEvent(event: WatchEvent<T>): void {
      const rv = event.object.metadata?.resourceVersion;
      if (rv) resourceVersion.value = rv;
      applyWatchEvent(items, event);
      if (state.value !== 'watching') setState('watching');
    }

    function onWatchError(gen: number, err: WatchError): void {
      if (gen !== generation) return;
      if (err.expired) {
        handle = null;
        void relist();
      } else {
        setState('reconnecting', err.message);
      }
    }

    async function relist(): Promise<void> {
      const gen = ++generation;
      handle?.stop();
      handle = null;
      setState('listing', error.value);
      let list;
      try {
        list = await client.list<T>(path);
      } catch (e) {
        if (gen !== generation) return;
        const message = e instanceof Error ? e.message : String(e);
        setState('error', message);
        retryTimer = clock.setTimeout(() => {
          retryTimer = null;
          if (gen === generation && running) void relist();
        }, backoffMs(listAttempt++));
        return;
      }
      if (gen !== generation) return;
      listAttempt = 0;
      replaceAll(list.items);
      resourceVersion.value = list.metadata?.resourceVersion ?? '';
      synced.value = true;
      setState('watching');
      handle = client.watch<T>(path, resourceVersion.value, onEvent, (err) => onWatchError(gen, err), {
        onOpen: () => {
          if (gen === generation && state.value !== 'watching') setState('watching');
        },
      });
    }

    /** Makes the cache equal to a fresh list in place: what vanished is deleted, the rest replaced (no empty flash). */
    function replaceAll(fresh: readonly T[]): void {
      const next = new Map<string, T>();
      for (const item of fresh) next.set(objectKey(item), withoutManagedFields(item));
      for (const key of [...toRaw(items).keys()]) if (!next.has(key)) items.delete(key);
      for (const [key, item] of next) items.set(key, item);
    }

    function start(): void {
      if (running) return;
      running = true;
      void relist();
    }

    function stop(): void {
      if (!running) return;
      running = false;
      generation++;
      handle?.stop();
      handle = null;
      if (retryTimer) clock.clearTimeout(retryTimer);
      retryTimer = null;
      setState('idle');
    }

    /** Keeps the watch running until the returned function is called. */
    function retain(): () => void {
      users++;
      if (lingerTimer) {
        clock.clearTimeout(lingerTimer);
        lingerTimer = null;
      }
      start();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        users--;
        if (users > 0) return;
        lingerTimer = clock.setTimeout(() => {
          lingerTimer = null;
          if (users === 0) stop();
        }, lingerMs);
      };
    }

    return { items, resourceVersion, state, error, synced, size, start, stop, retain };
  });
}

