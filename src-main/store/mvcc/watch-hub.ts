/**
 * Watchers over the MVCC keyspace. Pure: events are captured synchronously (history when the
 * watch starts, then every commit as it happens) into each watcher's buffer, and handed to the
 * listeners only when the owner calls deliver() — which the member does asynchronously, so a
 * listener never runs inside the call that wrote. Capturing at commit time means compaction can
 * never take events from under a watcher that has not been delivered yet.
 */
import type { WatchEvent, WatchListener, WatchRequest, Watcher } from '../kv';
import { ErrCompacted } from '../kv';
import { inSpan, keySpan, type KeySpan } from './key-span';
import type { Rev, RevisionRecord } from './rev';

/** What the hub reads from the keyspace. */
export interface WatchSource {
  readonly currentRevision: number;
  readonly compactRevision: number;
  historyFrom(rev: number): Iterable<RevisionRecord>;
}

class WatchState {
  buffer: WatchEvent[] = [];
  cancelled = false;

  constructor(
    readonly span: KeySpan,
    readonly prevKv: boolean,
    readonly listener: WatchListener,
    /** The first revision this watcher wants. */
    readonly minRevision: number,
  ) {}

  capture(rec: RevisionRecord): boolean {
    if (rec.revision < this.minRevision) return false;
    const before = this.buffer.length;
    for (const c of rec.changes) {
      if (inSpan(this.span, c.key)) this.buffer.push(toEvent(c, this.prevKv));
    }
    return this.buffer.length > before;
  }
}

function toEvent(c: Rev, withPrev: boolean): WatchEvent {
  const ev: WatchEvent = { type: c.version === 0 ? 'DELETE' : 'PUT', kv: c.toKeyValue() };
  if (withPrev && c.prev !== undefined && c.prev.version !== 0) ev.prevKv = c.prev.toKeyValue();
  return ev;
}

export class WatchHub {
  private readonly watchers = new Set<WatchState>();
  /** Watchers with undelivered events, in the order they got them. */
  private readonly pending = new Set<WatchState>();

  /** `onListenerError` hears exceptions thrown by listeners (the hub carries on). */
  constructor(
    private readonly source: WatchSource,
    private readonly onListenerError: (err: unknown) => void = () => {},
  ) {}

  get size(): number {
    return this.watchers.size;
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Starts a watch; throws ErrCompacted when startRevision (non-zero) is at or below the compacted
   * revision. History from startRevision is captured now, so it is delivered before live events.
   */
  watch(req: WatchRequest, listener: WatchListener): Watcher {
    const start = req.startRevision !== undefined && req.startRevision > 0 ? req.startRevision : 0;
    if (start !== 0 && start <= this.source.compactRevision) throw new ErrCompacted(this.source.compactRevision);
    const current = this.source.currentRevision;
    const w = new WatchState(keySpan(req.key, req.rangeEnd), req.prevKv === true, listener, start === 0 ? current + 1 : start);
    if (w.minRevision <= current) {
      for (const rec of this.source.historyFrom(w.minRevision)) w.capture(rec);
      if (w.buffer.length > 0) this.pending.add(w);
    }
    this.watchers.add(w);
    return {
      cancel: () => {
        w.cancelled = true;
        w.buffer = [];
        this.watchers.delete(w);
        this.pending.delete(w);
      },
    };
  }

  /** Captures one committed revision for every interested watcher (called by the store). */
  commit(rec: RevisionRecord): void {
    for (const w of this.watchers) {
      if (w.capture(rec)) this.pending.add(w);
    }
  }

  /** Hands each watcher its buffered events in one call (whole revisions, in order). */
  deliver(): void {
    const ready = [...this.pending];
    this.pending.clear();
    for (const w of ready) {
      if (w.cancelled || w.buffer.length === 0) continue;
      const events = w.buffer;
      w.buffer = [];
      try {
        w.listener(events);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  /** Drops every watcher (their undelivered events too). */
  cancelAll(): void {
    for (const w of this.watchers) {
      w.cancelled = true;
      w.buffer = [];
    }
    this.watchers.clear();
    this.pending.clear();
  }
}
