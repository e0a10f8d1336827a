/**
 * The Watch service: one bidirectional stream carries many watches. Each create gets a
 * `created` reply with its watch id; events come in revision order with their header revision;
 * a start revision that was compacted away gets a cancel with etcd's reason; cancel requests
 * stop a watch; progress requests answer with the current revision.
 */
import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ErrCompacted, type KV, type WatchEvent, type Watcher } from '../kv';
import { EVENT_TYPE, FILTER_TYPE, named } from './enums';
import { header, keyOf, num, rangeEndOf, wireKv, type Bytes, type Int64, type MemberIdentity } from './convert';

interface WireWatchRequest {
  request_union?: 'create_request' | 'cancel_request' | 'progress_request';
  create_request?: {
    key?: Bytes;
    range_end?: Bytes;
    start_revision?: Int64;
    progress_notify?: boolean;
    filters?: number[];
    prev_kv?: boolean;
    watch_id?: Int64;
  };
  cancel_request?: { watch_id?: Int64 };
  progress_request?: Record<string, never>;
}

const COMPACTED = 'etcdserver: mvcc: required revision has been compacted';

export function watchService(kv: KV, id: MemberIdentity): UntypedServiceImplementation {
  return {
    Watch: (call: ServerDuplexStream<WireWatchRequest, unknown>) => {
      const watches = new Map<number, Watcher>();
      let nextId = 0;
      let open = true;
      const send = (msg: Record<string, unknown>): void => {
        if (open) call.write(msg);
      };
      const closeAll = (): void => {
        open = false;
        for (const w of watches.values()) w.cancel();
        watches.clear();
      };
      call.on('data', (req: WireWatchRequest) => {
        if (req.create_request) {
          const c = req.create_request;
          // A non-zero watch_id is the client's choice; zero asks the server to pick the next free one.
          let watchId = num(c.watch_id);
          if (watchId <= 0 || watches.has(watchId)) {
            while (watches.has(nextId)) nextId++;
            watchId = nextId++;
          }
          const filters = (c.filters ?? []).map((f) => named(FILTER_TYPE, f));
          const noPut = filters.includes('NOPUT');
          const noDelete = filters.includes('NODELETE');
          send({ header: header(id, kv.currentRevision()), watch_id: String(watchId), created: true, events: [] });
          try {
            const w = kv.watch({ key: keyOf(c.key), rangeEnd: rangeEndOf(c.range_end), startRevision: num(c.start_revision) || undefined, prevKv: c.prev_kv }, (events: WatchEvent[]) => {
              const kept = events.filter((e) => !(e.type === 'PUT' && noPut) && !(e.type === 'DELETE' && noDelete));
              if (kept.length === 0) return;
              const rev = kept[kept.length - 1].kv.modRevision;
              send({
                header: header(id, rev),
                watch_id: String(watchId),
                events: kept.map((e) => ({ type: EVENT_TYPE[e.type], kv: wireKv(e.kv), prev_kv: e.prevKv ? wireKv(e.prevKv) : null })),
              });
            });
            watches.set(watchId, w);
          } catch (e) {
            if (!(e instanceof ErrCompacted)) throw e;
            send({
              header: header(id, kv.currentRevision()),
              watch_id: String(watchId),
              canceled: true,
              compact_revision: String(e.compactRevision),
              cancel_reason: COMPACTED,
              events: [],
            });
          }
          return;
        }
        if (req.cancel_request) {
          const watchId = num(req.cancel_request.watch_id);
          const w = watches.get(watchId);
          if (w) {
            w.cancel();
            watches.delete(watchId);
            send({ header: header(id, kv.currentRevision()), watch_id: String(watchId), canceled: true, events: [] });
          }
          return;
        }
        if (req.progress_request) send({ header: header(id, kv.currentRevision()), watch_id: '-1', events: [] });
      });
      call.on('end', () => {
        closeAll();
        call.end();
      });
      call.on('error', closeAll);
      call.on('cancelled', closeAll);
    },
  };
}
