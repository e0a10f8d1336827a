/**
 * A small Kubernetes client over the console server's proxy (`/k8s/<kubernetes path>`): list
 * (chunked with limit/continue like kubectl) and watch (fetch + ReadableStream, reconnecting from
 * the last resourceVersion it saw). Same origin; the console's cookie authenticates.
 */
import { KUBE_PROXY_PREFIX } from '../../../src-main/common/console-api';
import { RealClock, type Clock, type TimerHandle } from '../../../src-main/common/clock';
import { KubeApiError, errorFromResponse, errorFromStatus, isAbortError, networkError } from './kube-errors';
import type { KubeList, KubeObject } from './kube-types';
import { WatchStreamDecoder, type WatchEvent } from './watch-decoder';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** Why a watch reported an error, and whether it goes on by itself. */
export class WatchError extends Error {
  override readonly name = 'WatchError';

  constructor(
    message: string,
    /** The resourceVersion is gone (410 / Expired): the watch has ended; list again. */
    readonly expired: boolean,
    /** The watch reconnects by itself after a back-off; nothing to do but show it. */
    readonly willRetry: boolean,
  ) {
    super(message);
  }
}

export interface WatchOptions {
  /** Called each time the stream is (re)established, i.e. the server answered 200. */
  onOpen?: () => void;
}

export interface WatchHandle {
  /** Ends the watch: aborts the request and cancels any pending reconnect. Idempotent. */
  stop(): void;
}

/** Content types of PATCH, as kubectl names them with --type (json, merge, strategic). */
export type PatchType = 'application/merge-patch+json' | 'application/strategic-merge-patch+json' | 'application/json-patch+json';

export interface KubeClient {
  /** GET a collection, following `continue` tokens; the list's resourceVersion is the snapshot's. */
  list<T extends KubeObject>(path: string): Promise<KubeList<T>>;
  /**
   * Watches a collection from resourceVersion. Events (BOOKMARK included) go to onEvent in order.
   * Network failures and ordinary server errors are reported with willRetry and the watch resumes
   * from the last resourceVersion it saw; a 410/Expired ends it with expired=true.
   */
  watch<T extends KubeObject>(
    path: string,
    resourceVersion: string,
    onEvent: (event: WatchEvent<T>) => void,
    onError: (error: WatchError) => void,
    options?: WatchOptions,
  ): WatchHandle;
}

/** The KubeClient (what caches need) and single requests: what views and actions need. */
export interface KubeApi extends KubeClient {
  /** GET one object (or any JSON the API serves at that path). */
  get<T>(path: string): Promise<T>;
  /** PATCH an object or subresource; resolves to what the server answered (the object after the patch). */
  patch<T>(path: string, body: unknown, type?: PatchType): Promise<T>;
  /**
   * DELETE an object with background propagation, as `kubectl delete` does (dependents such as a
   * Deployment's ReplicaSets are then removed by the garbage collector).
   */
  delete(path: string): Promise<void>;
}

export interface KubeClientDeps {
  fetch?: FetchFn;
  clock?: Clock;
  /** Where the Kubernetes API is proxied; KUBE_PROXY_PREFIX by default. */
  prefix?: string;
  /** Items per list page (kubectl uses 500; fewer round trips matter more here: 100k pods = 20 pages). */
  pageSize?: number;
}

/** Appends query parameters to a path that may already carry some. */
function withQuery(path: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  if (!q) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${q}`;
}

/** Back-off before reconnect attempt n (0-based): 1 s, 2 s, 4 s … at most 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
}

/** A stream that ran at least this long ended normally (server timeout), not in a crash loop. */
const HEALTHY_STREAM_MS = 5000;

export function createKubeClient(deps: KubeClientDeps = {}): KubeApi {
  const fetchFn: FetchFn = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = deps.clock ?? new RealClock();
  const prefix = deps.prefix ?? KUBE_PROXY_PREFIX;
  const pageSize = deps.pageSize ?? 5000;

  /** One JSON request; a failure becomes a KubeApiError whose message is the server's (metav1.Status). */
  async function request<T>(method: string, path: string, body?: { text: string; type: string }, what = `${method} ${path}`): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = body.type;
    let res: Response;
    try {
      res = await fetchFn(prefix + path, { method, headers, body: body?.text });
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw networkError(what, e);
    }
    if (!res.ok) throw await errorFromResponse(res, what);
    return (await res.json()) as T;
  }

  const get = <T>(path: string): Promise<T> => request<T>('GET', path);

  const patch = <T>(path: string, body: unknown, type: PatchType = 'application/merge-patch+json'): Promise<T> =>
    request<T>('PATCH', path, { text: JSON.stringify(body), type });

  async function remove(path: string): Promise<void> {
    const options = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
    await request<unknown>('DELETE', path, { text: JSON.stringify(options), type: 'application/json' });
  }

  async function list<T extends KubeObject>(path: string): Promise<KubeList<T>> {
    const items: T[] = [];
    let first: KubeList<T> | undefined;
    let token = '';
    do {
      const params: Record<string, string> = { limit: String(pageSize) };
      if (token) params.continue = token;
      const page = await request<KubeList<T>>('GET', withQuery(path, params), undefined, `GET ${path}`);
      first ??= page;
      for (const item of page.items ?? []) items.push(item);
      token = page.metadata?.continue ?? '';
    } while (token);
    return {
      apiVersion: first.apiVersion,
      kind: first.kind,
      metadata: { resourceVersion: first.metadata?.resourceVersion },
      items,
    };
  }

  function watch<T extends KubeObject>(
    path: string,
    resourceVersion: string,
    onEvent: (event: WatchEvent<T>) => void,
    onError: (error: WatchError) => void,
    options: WatchOptions = {},
  ): WatchHandle {
    const what = `WATCH ${path}`;
    let lastRv = resourceVersion;
    let stopped = false;
    let attempt = 0;
    let controller: AbortController | null = null;
    let timer: TimerHandle | null = null;

    const retry = (err: Error) => {
      if (stopped) return;
      onError(new WatchError(err.message, false, true));
      schedule(backoffMs(attempt++));
    };
    const expire = (err: Error) => {
      if (stopped) return;
      stop();
      onError(new WatchError(err.message, true, false));
    };
    const schedule = (ms: number) => {
      timer = clock.setTimeout(() => {
        timer = null;
        void connect();
      }, ms);
    };

    /** Delivers one event; false when the watch must end here. */
    const deliver = (event: WatchEvent): boolean => {
      if (event.type === 'ERROR') {
        const err = errorFromStatus(event.object);
        if (err.expired) expire(err);
        else retry(err);
        return false;
      }
      const rv = event.object.metadata?.resourceVersion;
      if (rv) lastRv = rv;
      onEvent(event as WatchEvent<T>);
      return !stopped;
    };

    async function connect(): Promise<void> {
      if (stopped) return;
      const ctl = new AbortController();
      controller = ctl;
      const url = withQuery(prefix + path, { watch: '1', resourceVersion: lastRv, allowWatchBookmarks: 'true' });
      const startedAt = clock.now();
      let res: Response;
      try {
        res = await fetchFn(url, { headers: { Accept: 'application/json' }, signal: ctl.signal });
      } catch (e) {
        if (!isAbortError(e)) retry(networkError(what, e));
        return;
      }
      if (stopped) return;
      if (!res.ok || !res.body) {
        const err = res.ok ? new KubeApiError(`${what}: the response has no body`, res.status) : await errorFromResponse(res, what);
        if (err.expired) expire(err);
        else retry(err);
        return;
      }
      options.onOpen?.();
      const reader = res.body.getReader();
      const decoder = new WatchStreamDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (stopped) return;
          const events = done ? decoder.end() : decoder.push(value);
          for (const event of events) {
            if (!deliver(event)) {
              ctl.abort();
              return;
            }
            attempt = 0;
          }
          if (done) break;
        }
      } catch (e) {
        if (stopped || isAbortError(e)) return;
        ctl.abort();
        retry(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      // The server closed the stream (its watch timeout): resume from the last resourceVersion,
      // at once if the stream was healthy, after a back-off if it keeps closing straight away.
      if (clock.now() - startedAt >= HEALTHY_STREAM_MS) schedule(0);
      else schedule(backoffMs(attempt++));
    }

    function stop(): void {
      stopped = true;
      controller?.abort();
      controller = null;
      if (timer) clock.clearTimeout(timer);
      timer = null;
    }

    void connect();
    return { stop };
  }

  return { get, patch, delete: remove, list, watch };
}

/** The client of the console's own cluster. */
export const kube: KubeApi = createKubeClient();
