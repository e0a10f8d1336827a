/**
 * WATCH as a stream of events to a sink. resourceVersion unset or "0" first sends a synthetic
 * ADDED for every current match; "N" sends changes after N. Objects that start or stop matching
 * the selectors show as ADDED / DELETED, as apiserver's watch filtering does. Bookmarks about once
 * a minute when asked for; the watch ends after timeoutSeconds (or 30–60 minutes).
 */
import type { TimerHandle } from '../../common/clock';
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import { parseListQuery } from '../list-options';
import type { StorageEvent } from '../storage/resource-storage';
import { apiVersionOf } from './output';
import type { RequestScope } from './scope';

/** Upstream sends a bookmark about once a minute on watches that allow them. */
const BOOKMARK_INTERVAL_MS = 60_000;
/** --min-request-timeout default; a watch without timeoutSeconds lasts between 1x and 2x this. */
const MIN_REQUEST_TIMEOUT_S = 1800;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchSink {
  /** An object event (ADDED/MODIFIED/DELETED/BOOKMARK carry objects; ERROR carries a Status). */
  event(type: WatchEventType, object: KubeObject): void;
  /** The server ended the watch (timeout, error); not called after stop(). */
  closed(): void;
}

export interface WatchHandle {
  stop(): void;
}

/**
 * Starts the watch. Bad parameters reject before any event; a start revision that is compacted
 * away ends the stream with an ERROR event carrying 410 Gone, as upstream.
 */
export async function watchObjects(scope: RequestScope, sink: WatchSink): Promise<WatchHandle> {
  const q = parseListQuery(scope.rt, scope.query, scope.namespace);
  const { clock } = scope.ctx;
  const matches = q.filter ?? (() => true);
  const nameFilter = scope.name; // /namespaces/x/pods?watch&fieldSelector=... or legacy /watch/pods/name
  const inScope = (o: KubeObject): boolean => (nameFilter === '' || o.metadata.name === nameFilter) && matches(o);

  let startRevision: number;
  let initial: KubeObject[] = [];
  const wantsInitial = q.resourceVersion === '' || q.resourceVersion === '0' || q.sendInitialEvents === true;
  if (wantsInitial) {
    const list = await scope.storage.list({ namespace: scope.namespace || undefined, filter: inScope });
    initial = list.items;
    startRevision = list.revision + 1;
  } else {
    startRevision = Number(q.resourceVersion) + 1;
  }

  let lastRevision = startRevision - 1;
  let closed = false;
  const timers: { timeout?: TimerHandle; bookmark?: TimerHandle } = {};
  let watcher: { cancel(): void } | undefined;
  const stop = (): void => {
    if (closed) return;
    closed = true;
    watcher?.cancel();
    if (timers.timeout) clock.clearTimeout(timers.timeout);
    if (timers.bookmark) clock.clearTimeout(timers.bookmark);
  };
  const finish = (): void => {
    if (closed) return;
    stop();
    sink.closed();
  };
  const send = (type: WatchEventType, obj: KubeObject): void => {
    if (!closed) sink.event(type, obj);
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    send('BOOKMARK', {
      kind: scope.rt.kind,
      apiVersion: apiVersionOf(scope.rt),
      metadata: { resourceVersion: String(lastRevision), ...(annotations ? { annotations } : {}) },
    });
  };

  for (const obj of initial) send('ADDED', obj);
  if (q.sendInitialEvents === true && q.allowWatchBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });

  try {
    watcher = scope.storage.watch(scope.namespace || undefined, startRevision, (events: StorageEvent[]) => {
      for (const e of events) {
        lastRevision = e.revision;
        const now = inScope(e.object);
        const before = e.previous ? inScope(e.previous) : false;
        if (e.type === 'DELETED') {
          if (before) send('DELETED', e.object);
        } else if (now) {
          send(before ? 'MODIFIED' : 'ADDED', e.object);
        } else if (before && e.previous) {
          // It no longer matches: to this watcher it is gone.
          const gone = structuredClone(e.previous);
          gone.metadata.resourceVersion = String(e.revision);
          send('DELETED', gone);
        }
      }
    });
  } catch (e) {
    send('ERROR', errors.statusFromError(e) as unknown as KubeObject);
    finish();
    return { stop };
  }

  const timeoutS = q.timeoutSeconds ?? MIN_REQUEST_TIMEOUT_S * (1 + scope.ctx.rand.float());
  timers.timeout = clock.setTimeout(finish, timeoutS * 1000);
  if (q.allowWatchBookmarks) {
    const tick = (): void => {
      if (closed) return;
      bookmark();
      timers.bookmark = clock.setTimeout(tick, BOOKMARK_INTERVAL_MS);
    };
    timers.bookmark = clock.setTimeout(tick, BOOKMARK_INTERVAL_MS);
  }
  return { stop };
}
