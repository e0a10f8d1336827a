/**
 * The MVCC keyspace: a pure, in-memory state machine with etcd v3 semantics (no I/O, no clock).
 *
 * - A B+ tree maps each key to its newest Rev; older versions hang off `prev`, newest first. A
 *   read at the current revision touches only the tree; a read at a past revision walks each
 *   key's chain back (chains are short: compaction cuts them). A second tree holds just the live
 *   keys, whose cached subtree sizes count a range in O(log n): a page of `limit` keys costs
 *   O(limit + log n), not a scan of the whole range, at the current revision; at a past one, the
 *   count is corrected by the changes since (or, if there were many, counted by a scan).
 * - Every write request (put, deleteRange, txn) gets one main revision for all its changes; a
 *   request that changes nothing leaves the revision alone. The store starts at revision 1.
 * - The RevLog keeps each revision's changes in order, for watch history, snapshots and
 *   compaction (which visits only the keys changed in the revisions it discards).
 */
import type {
  CompactionResponse,
  DeleteRangeRequest,
  DeleteRangeResponse,
  KeyValue,
  PutRequest,
  PutResponse,
  RangeRequest,
  RangeResponse,
  TxnRequest,
  TxnResponse,
} from '../kv';
import { ErrCompacted, ErrFutureRev } from '../kv';
import { countRange, newKeyTree } from './btree';
import { inSpan, keySpan, type KeySpan } from './key-span';
import { EMPTY_VALUE, Rev, type RevisionRecord } from './rev';
import { RevLog } from './rev-log';
import { runTxn, type TxnStore, type WriteBatch } from './txn';

/** Everything a snapshot must hold to rebuild the keyspace with its history. */
export interface MvccState {
  revision: number;
  compactRevision: number;
  /** Per key, its version kept by compaction (the newest at or below compactRevision, if live), in key order. */
  base: Rev[];
  /** The changes of every revision after compactRevision, oldest first. */
  log: RevisionRecord[];
}

export class MvccStore implements TxnStore {
  private readonly index = newKeyTree<Rev>();
  /** The keys whose newest version is not a deletion. */
  private readonly live = newKeyTree<undefined>();
  private readonly log = new RevLog();
  private rev = 1;
  private compactRev = 0;

  /** Called synchronously at the end of every write that changed something (the watch hub). */
  onCommit: ((rec: RevisionRecord) => void) | undefined;

  get currentRevision(): number {
    return this.rev;
  }

  get compactRevision(): number {
    return this.compactRev;
  }

  /** Keys in the index, tombstoned ones included until compaction drops them. */
  get indexedKeys(): number {
    return this.index.size;
  }

  // ---- reads

  range(req: RangeRequest): RangeResponse {
    return this.rangeIn(undefined, req);
  }

  /** The revisions at or after `rev`, for watch history (the caller checks compaction first). */
  historyFrom(rev: number): IterableIterator<RevisionRecord> {
    return this.log.from(rev);
  }

  // ---- writes (each its own revision)

  put(req: PutRequest): PutResponse {
    const w = this.beginWrite();
    const prev = this.putIn(w, req);
    const revision = this.endWrite(w);
    return req.prevKv && prev ? { header: { revision }, prevKv: prev.toKeyValue() } : { header: { revision } };
  }

  deleteRange(req: DeleteRangeRequest): DeleteRangeResponse {
    const w = this.beginWrite();
    const deleted = this.deleteIn(w, req);
    const revision = this.endWrite(w);
    return { header: { revision }, deleted: deleted.length, prevKvs: req.prevKv ? deleted.map((r) => r.toKeyValue()) : [] };
  }

  txn(req: TxnRequest): TxnResponse {
    return runTxn(this, req);
  }

  /**
   * Discards history before `revision`: per key, only versions newer than it and the newest at or
   * below it (unless that is a deletion) remain. Does not change the current revision.
   */
  compact(revision: number): CompactionResponse {
    if (revision <= this.compactRev) throw new ErrCompacted(this.compactRev);
    if (revision > this.rev) throw new ErrFutureRev();
    const touched = new Set<string>();
    for (const rec of this.log.dropThrough(revision)) {
      for (const c of rec.changes) touched.add(c.key);
    }
    for (const key of touched) {
      const head = this.index.get(key);
      if (head === undefined) continue;
      let above: Rev | undefined;
      let r: Rev | undefined = head;
      while (r !== undefined && r.modRevision > revision) {
        above = r;
        r = r.prev;
      }
      if (r === undefined) continue;
      if (r.version !== 0) r.prev = undefined;
      else if (above !== undefined) above.prev = undefined;
      else this.index.delete(key);
    }
    this.compactRev = revision;
    return { header: { revision: this.rev } };
  }

  // ---- snapshots

  /** The state to persist. Shares the (immutable) Revs; cheap enough to call synchronously. */
  capture(): MvccState {
    const base: Rev[] = [];
    const compactRev = this.compactRev;
    this.index.forEachPair((_k, head) => {
      let r = head;
      while (r.prev !== undefined) r = r.prev;
      if (r.modRevision <= compactRev) base.push(r);
    });
    return { revision: this.rev, compactRevision: compactRev, base, log: this.log.toArray() };
  }

  /** Rebuilds a store from a captured or decoded state (copies the Revs; the input is not changed). */
  static fromState(state: MvccState): MvccStore {
    const s = new MvccStore();
    let last = state.compactRevision;
    for (const b of state.base) {
      if (b.version === 0 || b.modRevision > state.compactRevision) throw new Error(`mvcc: bad snapshot: base version of ${JSON.stringify(b.key)} at ${b.modRevision}`);
      s.index.set(b.key, new Rev(b.key, b.value, b.createRevision, b.modRevision, b.version, b.lease, undefined));
      s.live.set(b.key, undefined);
    }
    for (const rec of state.log) {
      if (rec.revision <= last || rec.revision > state.revision) throw new Error(`mvcc: bad snapshot: revision ${rec.revision} out of order`);
      last = rec.revision;
      const changes = rec.changes.map((c) => {
        const r = new Rev(c.key, c.value, c.createRevision, c.modRevision, c.version, c.lease, s.index.get(c.key));
        s.index.set(c.key, r);
        if (r.version === 0) s.live.delete(c.key);
        else s.live.set(c.key, undefined);
        return r;
      });
      s.log.push({ revision: rec.revision, changes });
    }
    s.rev = Math.max(1, state.revision);
    s.compactRev = state.compactRevision;
    return s;
  }

  // ---- TxnStore: the primitives a transaction is made of

  beginWrite(): WriteBatch {
    return { revision: this.rev + 1, changes: [] };
  }

  endWrite(w: WriteBatch): number {
    if (w.changes.length === 0) return this.rev;
    this.rev = w.revision;
    const rec: RevisionRecord = { revision: w.revision, changes: w.changes };
    this.log.push(rec);
    this.onCommit?.(rec);
    return this.rev;
  }

  /** Checks a requested read revision (0: newest) against history; returns the revision to read at. */
  checkRevision(requested: number, w?: WriteBatch): number {
    const head = this.headRevision(w);
    if (requested <= 0) return head;
    if (requested > head) throw new ErrFutureRev();
    if (requested < this.compactRev) throw new ErrCompacted(this.compactRev);
    return requested;
  }

  rangeIn(w: WriteBatch | undefined, req: RangeRequest): RangeResponse {
    const rev = this.checkRevision(req.revision ?? 0, w);
    const latest = rev >= this.headRevision(w);
    const limit = req.limit !== undefined && req.limit > 0 ? req.limit : Infinity;
    const keysOnly = req.keysOnly === true;
    const span = keySpan(req.key, req.rangeEnd);
    const kvs: KeyValue[] = [];
    if (req.countOnly !== true) {
      this.scan(span, (head) => {
        const r = latest ? (head.version === 0 ? undefined : head) : head.at(rev);
        if (r !== undefined) kvs.push(r.toKeyValue(keysOnly));
        return kvs.length < limit;
      });
    }
    const count = latest ? this.liveCount(span) : this.countAt(span, rev, w);
    return { header: { revision: rev }, kvs, more: count > kvs.length && req.countOnly !== true, count };
  }

  /** Live keys in the span now. */
  private liveCount(span: KeySpan): number {
    if (span.empty) return 0;
    if (span.single) return this.live.has(span.start) ? 1 : 0;
    return countRange(this.live, span.start, span.end);
  }

  /** Live keys in the span at a past revision. */
  private countAt(span: KeySpan, rev: number, w: WriteBatch | undefined): number {
    const now = this.liveCount(span);
    if (this.rev - rev > now + 1024) {
      let n = 0;
      this.scan(span, (head) => void (head.at(rev) !== undefined && n++));
      return n;
    }
    // Start from the count now and undo the changes made after `rev`.
    const touched = new Set<string>();
    for (const rec of this.log.from(rev + 1)) {
      for (const c of rec.changes) if (inSpan(span, c.key)) touched.add(c.key);
    }
    if (w !== undefined) for (const c of w.changes) if (inSpan(span, c.key)) touched.add(c.key);
    let n = now;
    for (const key of touched) {
      const head = this.index.get(key);
      if (head === undefined) continue;
      n += (head.at(rev) !== undefined ? 1 : 0) - (head.version !== 0 ? 1 : 0);
    }
    return n;
  }

  /** Calls `visit` with each live key's newest version in the span (in key order). */
  forEachLive(span: KeySpan, visit: (r: Rev) => void): void {
    this.scan(span, (head) => {
      if (head.version !== 0) visit(head);
    });
  }

  /** Stores `req.value` itself (no copy): callers hand over a buffer nobody changes afterwards. */
  putIn(w: WriteBatch, req: PutRequest): Rev | undefined {
    const head = this.index.get(req.key);
    const live = head !== undefined && head.version !== 0 ? head : undefined;
    const next = new Rev(
      req.key,
      req.value,
      live ? live.createRevision : w.revision,
      w.revision,
      live ? live.version + 1 : 1,
      req.lease ?? 0,
      head,
    );
    this.index.set(req.key, next);
    if (live === undefined) this.live.set(req.key, undefined);
    w.changes.push(next);
    return live;
  }

  /** Returns the versions it deleted. */
  deleteIn(w: WriteBatch, req: DeleteRangeRequest): Rev[] {
    const victims: Rev[] = [];
    this.forEachLive(keySpan(req.key, req.rangeEnd), (r) => victims.push(r));
    for (const v of victims) {
      const t = new Rev(v.key, EMPTY_VALUE, 0, w.revision, 0, 0, v);
      this.index.set(v.key, t);
      this.live.delete(v.key);
      w.changes.push(t);
    }
    return victims;
  }

  // ---- internals

  /** The newest revision any key can have right now (a write in progress counts). */
  private headRevision(w: WriteBatch | undefined): number {
    return w !== undefined && w.changes.length > 0 ? w.revision : this.rev;
  }

  /** Visits the newest version of each key in the span, in key order, until `visit` returns false. */
  private scan(span: KeySpan, visit: (head: Rev) => boolean | void): void {
    if (span.empty) return;
    if (span.single) {
      const head = this.index.get(span.start);
      if (head !== undefined) visit(head);
      return;
    }
    let high = span.end;
    let includeHigh = false;
    if (high === undefined) {
      high = this.index.maxKey();
      includeHigh = true;
      if (high === undefined || high < span.start) return;
    }
    this.index.editRange(span.start, high, includeHigh, (_k, head) => (visit(head) === false ? { break: true } : undefined));
  }
}
