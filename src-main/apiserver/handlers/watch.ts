/**
 * WATCH: a chunked stream of {"type","object"} lines. resourceVersion unset or "0" first sends a
 * synthetic ADDED for every current match; "N" sends changes after N. Objects that start or stop
 * matching the selectors show as ADDED / DELETED, as apiserver's watch filtering does.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../kube/object';
import type { TimerHandle } from '../../common/clock';
import * as errors from '../../kube/status';
import type { RequestScope } from './scope';
import { parseListQuery } from '../list-options';
import { renderObject, apiVersionOf } from './output';
import type { StorageEvent } from '../storage/resource-storage';

/** Upstream sends a bookmark about once a minute on watches that allow them. */
const BOOKMARK_INTERVAL_MS = 60_000;
/** --min-request-timeout default; a watch without timeoutSeconds lasts between 1x and 2x this. */
const MIN_REQUEST_TIMEOUT_S = 1800;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export async function handleWatch(scope: RequestScope, res: ServerResponse): Promise<void> {
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

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  let lastRevision = startRevision - 1;
  let closed = false;
  const timers: { timeout?: TimerHandle; bookmark?: TimerHandle } = {};
  const send = (type: EventType, object: unknown): void => {
    if (closed) return;
    res.write(JSON.stringify({ type, object }) + '\n');
  };
  const sendObject = (type: EventType, obj: KubeObject): void => {
    send(type, renderObject(scope.rt, obj, scope.shape, clock.now(), scope.query.get('includeObject') ?? undefined));
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    send('BOOKMARK', {
      kind: scope.rt.kind,
      apiVersion: apiVersionOf(scope.rt),
      metadata: { resourceVersion: String(lastRevision), ...(annotations ? { annotations } : {}) },
    });
  };

  let watcher: { cancel(): void } | undefined;
  const finish = (): void => {
    if (closed) return;
    closed = true;
    watcher?.cancel();
    if (timers.timeout) clock.clearTimeout(timers.timeout);
    if (timers.bookmark) clock.clearTimeout(timers.bookmark);
    res.end();
  };
  res.on('close', finish);

  for (const obj of initial) sendObject('ADDED', obj);
  if (q.sendInitialEvents === true && q.allowWatchBookmarks) {
    bookmark({ 'k8s.io/initial-events-end': 'true' });
  }

  try {
    watcher = scope.storage.watch(scope.namespace || undefined, startRevision, (events: StorageEvent[]) => {
      for (const e of events) {
        lastRevision = e.revision;
        const now = inScope(e.object);
        const before = e.previous ? inScope(e.previous) : false;
        if (e.type === 'DELETED') {
          if (before) sendObject('DELETED', e.object);
        } else if (now) {
          sendObject(before ? 'MODIFIED' : 'ADDED', e.object);
        } else if (before && e.previous) {
          // It no longer matches: to this watcher it is gone.
          const gone = structuredClone(e.previous);
          gone.metadata.resourceVersion = String(e.revision);
          sendObject('DELETED', gone);
        }
      }
    });
  } catch (e) {
    const status = errors.statusFromError(e);
    send('ERROR', status);
    finish();
    return;
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
}
