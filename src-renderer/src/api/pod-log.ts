/**
 * A container's log over the console's Kubernetes proxy (GET pods/<name>/log, as `kubectl logs`
 * sends it): read once (for a download) or streamed with follow=true (fetch + ReadableStream),
 * the text handed on as it arrives.
 */
import { KUBE_PROXY_PREFIX } from '../../../src-main/common/console-api';
import { errorFromResponse, isAbortError, networkError } from './kube-errors';
import type { FetchFn } from './kube-client';

export interface PodLogOptions {
  container: string;
  /** Keep the stream open while the container runs (`kubectl logs -f`). */
  follow?: boolean;
  /** The log of the previous, terminated instance of the container (`-p`). */
  previous?: boolean;
  /** Only the last n lines (`--tail`); all of them when absent. */
  tailLines?: number;
  /** Prefix each line with its RFC 3339 time (`--timestamps`). */
  timestamps?: boolean;
}

export interface LogStreamHandle {
  /** Aborts the request. Idempotent; onEnd is not called after stop. */
  stop(): void;
}

export interface LogStreamHandlers {
  /** The server answered 200: the stream is open (it may stay quiet for a while). */
  onOpen?: () => void;
  /** Decoded text as it arrives, not split into lines. */
  onText: (text: string) => void;
  /** Called once: when the server ends the response (null) or the request fails (the error, for people). */
  onEnd: (error: Error | null) => void;
}

export interface PodLogClient {
  /** The whole log (or its tail) as one text. */
  read(namespace: string, name: string, options: PodLogOptions): Promise<string>;
  /** Streams the log (with follow=true it stays open while the container runs). */
  stream(namespace: string, name: string, options: PodLogOptions, handlers: LogStreamHandlers): LogStreamHandle;
}

/** The log endpoint's path with its query, e.g. `/api/v1/namespaces/ns/pods/web/log?container=app&follow=true`. */
export function podLogPath(namespace: string, name: string, options: PodLogOptions): string {
  const q = new URLSearchParams({ container: options.container });
  if (options.follow && !options.previous) q.set('follow', 'true');
  if (options.previous) q.set('previous', 'true');
  if (options.tailLines !== undefined && options.tailLines >= 0) q.set('tailLines', String(options.tailLines));
  if (options.timestamps) q.set('timestamps', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?${q.toString()}`;
}

export function createPodLogClient(
  fetchFn: FetchFn = (input, init) => globalThis.fetch(input, init),
  prefix = KUBE_PROXY_PREFIX,
): PodLogClient {
  async function open(path: string, signal?: AbortSignal): Promise<Response> {
    const what = `GET ${path}`;
    let res: Response;
    try {
      res = await fetchFn(prefix + path, { headers: { Accept: 'text/plain, */*' }, signal });
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw networkError(what, e);
    }
    if (!res.ok) throw await errorFromResponse(res, what);
    return res;
  }

  async function read(namespace: string, name: string, options: PodLogOptions): Promise<string> {
    const res = await open(podLogPath(namespace, name, { ...options, follow: false }));
    return res.text();
  }

  function stream(namespace: string, name: string, options: PodLogOptions, handlers: LogStreamHandlers): LogStreamHandle {
    const { onOpen, onText, onEnd } = handlers;
    const ctl = new AbortController();
    let stopped = false;
    const end = (error: Error | null) => {
      if (!stopped) {
        stopped = true;
        onEnd(error);
      }
    };
    void (async () => {
      try {
        const res = await open(podLogPath(namespace, name, options), ctl.signal);
        if (stopped) return;
        onOpen?.();
        if (!res.body) {
          if (!stopped) onText(await res.text());
          end(null);
          return;
        }
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (stopped) return;
          const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
          if (text) onText(text);
          if (done) break;
        }
        end(null);
      } catch (e) {
        if (stopped || isAbortError(e)) return;
        end(e instanceof Error ? e : new Error(String(e)));
      }
    })();
    return {
      stop() {
        stopped = true;
        ctl.abort();
      },
    };
  }

  return { read, stream };
}

/** The log client of the console's own cluster. */
export const podLogs: PodLogClient = createPodLogClient();
