/**
 * A single store member (etcd's `member/` folder): WAL + snapshots on disk, the MVCC keyspace in
 * memory. Writes go propose → WAL (group commit, fdatasync) → apply in log order → answer; reads
 * and read-only txns answer from memory at once. Every `snapshotCount` applied entries the whole
 * keyspace is written to `snap/`, a new WAL file is started and WAL files no kept snapshot needs
 * are deleted. Opening = newest valid snapshot + replay of the WAL after it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { applyRequest, type ApplyResult } from './applier';
import { encodeRequest, decodeRequest } from './codec/request-codec';
import { CommitPipeline } from './commit-pipeline';
import { ErrInvalidRequest, ErrStopped, MSG_REQUEST_TOO_LARGE } from './errors';
import type {
  CompactionResponse,
  DeleteRangeRequest,
  DeleteRangeResponse,
  KV,
  PutRequest,
  PutResponse,
  RangeRequest,
  RangeResponse,
  TxnRequest,
  TxnResponse,
  WatchListener,
  WatchRequest,
  Watcher,
} from './kv';
import { MvccStore } from './mvcc/mvcc-store';
import { WatchHub } from './mvcc/watch-hub';
import type { StoreRequest } from './request';
import { checkDeleteRange, checkPut, checkRange, checkTxn, isReadOnlyTxn } from './request-validation';
import { Snapshotter } from './snapshot/snapshotter';
import { Wal, type WalOptions, type WalRecovery } from './wal/wal';
import { encodeSnapshot } from './snapshot/snapshot-codec';

export interface StoreOptions {
  /** The member folder (…/var/lib/etcd/member); `wal/` and `snap/` are created inside. */
  dataDir: string;
  /** Applied entries between snapshots (etcd's --snapshot-count is 100,000). Default 10,000. */
  snapshotCount?: number;
  /** Snapshot files kept (the WAL is kept back to the oldest of them). Default 2. */
  maxSnapshots?: number;
  /** etcd's --max-request-bytes. Default 1.5 MiB. */
  maxRequestBytes?: number;
  /** Start a new WAL file past this size. Default 64 MiB. */
  walSegmentBytes?: number;
  /** Disk fault injection (tests, drills): called before each WAL fdatasync; an Error fails it. */
  walSyncFault?: WalOptions['syncFault'];
  /** Hears background problems: failed snapshots, skipped corrupt snapshots, throwing watch listeners. Default console.error. */
  onError?: (err: Error) => void;
}

export interface StoreStats {
  revision: number;
  compactRevision: number;
  /** Index of the last applied (= last durable) WAL entry. */
  appliedIndex: number;
  /** Index of the newest snapshot on disk (0: none). */
  snapshotIndex: number;
  snapshotsWritten: number;
  walFsyncs: number;
  walBatches: number;
  walFiles: string[];
  watchers: number;
  /** What opening found: entries replayed from the WAL, a torn tail cut off, the snapshot used. */
  recovery: WalRecovery & { snapshot?: string; skippedSnapshots: string[] };
}

export const DEFAULT_SNAPSHOT_COUNT = 10_000;
export const DEFAULT_MAX_SNAPSHOTS = 2;
export const DEFAULT_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;
const SNAPSHOT_TERM = 1;

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export class StoreMember implements KV {
  private readonly hub: WatchHub;
  private readonly pipeline: CommitPipeline;
  private applied: number;
  private snapIndex: number;
  /** Applied index at the last snapshot attempt (successful or not), to pace retries. */
  private snapAttemptIndex: number;
  private snapshotting: Promise<void> | undefined;
  private snapshotsWritten = 0;
  private deliveryScheduled = false;
  private closed = false;
  private readonly snapshotCount: number;
  private readonly maxSnapshots: number;
  private readonly maxRequestBytes: number;
  private readonly onError: (err: Error) => void;

  constructor(
    private readonly mvcc: MvccStore,
    private readonly wal: Wal,
    private readonly snapshotter: Snapshotter,
    snapshotIndex: number,
    private readonly recovery: StoreStats['recovery'],
    opts: StoreOptions,
  ) {
    this.snapshotCount = Math.max(1, opts.snapshotCount ?? DEFAULT_SNAPSHOT_COUNT);
    this.maxSnapshots = Math.max(1, opts.maxSnapshots ?? DEFAULT_MAX_SNAPSHOTS);
    this.maxRequestBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.onError = opts.onError ?? ((err) => console.error(err));
    this.applied = wal.lastIndex;
    this.snapIndex = snapshotIndex;
    this.snapAttemptIndex = snapshotIndex;
    this.hub = new WatchHub(mvcc, (err) => this.onError(new Error(`store: a watch listener threw: ${toError(err).message}`, { cause: err })));
    mvcc.onCommit = (rec) => this.hub.commit(rec);
    this.pipeline = new CommitPipeline(
      wal,
      (e) => {
        this.applied = e.index;
        return applyRequest(this.mvcc, decodeRequest(e.data));
      },
      () => this.afterBatch(),
    );
  }

  // ---- KV: reads

  async range(req: RangeRequest): Promise<RangeResponse> {
    this.checkOpen();
    checkRange(req);
    return this.mvcc.range(req);
  }

  currentRevision(): number {
    return this.mvcc.currentRevision;
  }

  compactRevision(): number {
    return this.mvcc.compactRevision;
  }

  watch(req: WatchRequest, listener: WatchListener): Watcher {
    this.checkOpen();
    const w = this.hub.watch(req, listener);
    this.scheduleDelivery();
    return w;
  }

  // ---- KV: writes

  async put(req: PutRequest): Promise<PutResponse> {
    checkPut(req);
    const r = await this.propose({ put: req });
    if ('put' in r) return r.put;
    throw this.unexpected(r);
  }

  async deleteRange(req: DeleteRangeRequest): Promise<DeleteRangeResponse> {
    checkDeleteRange(req);
    const r = await this.propose({ deleteRange: req });
    if ('deleteRange' in r) return r.deleteRange;
    throw this.unexpected(r);
  }

  async txn(req: TxnRequest): Promise<TxnResponse> {
    checkTxn(req);
    if (isReadOnlyTxn(req)) {
      this.checkOpen();
      return this.mvcc.txn(req);
    }
    const r = await this.propose({ txn: req });
    if ('txn' in r) return r.txn;
    throw this.unexpected(r);
  }

  async compact(revision: number): Promise<CompactionResponse> {
    const r = await this.propose({ compaction: { revision } });
    if ('compaction' in r) return r.compaction;
    throw this.unexpected(r);
  }

  // ---- lifecycle

  /** Resolves when no write is queued or in flight and no snapshot is being written. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.pipeline.drained();
      const s = this.snapshotting;
      if (s === undefined) return;
      await s;
    }
  }

  /** Finishes queued writes and the snapshot in progress, delivers pending watch events, closes the files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.whenIdle();
    this.hub.deliver();
    this.hub.cancelAll();
    await this.wal.close();
  }

  /** The whole keyspace with its history in the snapshot format (what etcd's Snapshot RPC streams). */
  exportSnapshot(): Iterable<Buffer> {
    return encodeSnapshot({ term: SNAPSHOT_TERM, index: this.applied }, this.mvcc.capture());
  }

  /**
   * Backend size as etcd reports it: bytes kept (live keys and history since the last
   * compaction) and bytes in use (live keys), each rounded up to 4 KiB pages, at least 20 KiB.
   */
  backendSize(): { size: number; inUse: number } {
    const state = this.mvcc.capture();
    const revBytes = (r: { key: string; value: Uint8Array }): number => r.key.length + r.value.length + 48;
    let live = 0;
    for (const r of state.base) live += revBytes(r);
    let history = live;
    for (const rec of state.log) for (const c of rec.changes) history += revBytes(c);
    const pages = (n: number): number => Math.max(20480, Math.ceil((n * 1.25) / 4096) * 4096);
    return { size: pages(history), inUse: Math.min(pages(live), pages(history)) };
  }

  stats(): StoreStats {
    return {
      revision: this.mvcc.currentRevision,
      compactRevision: this.mvcc.compactRevision,
      appliedIndex: this.applied,
      snapshotIndex: this.snapIndex,
      snapshotsWritten: this.snapshotsWritten,
      walFsyncs: this.wal.fsyncs,
      walBatches: this.pipeline.batches,
      walFiles: this.wal.fileNames,
      watchers: this.hub.size,
      recovery: this.recovery,
    };
  }

  // ---- internals

  private checkOpen(): void {
    if (this.closed) throw new ErrStopped();
  }

  private propose(req: StoreRequest): Promise<ApplyResult> {
    if (this.closed) return Promise.reject(new ErrStopped());
    const data = encodeRequest(req);
    if (data.length > this.maxRequestBytes) return Promise.reject(new ErrInvalidRequest(MSG_REQUEST_TOO_LARGE));
    return this.pipeline.propose(data);
  }

  private unexpected(r: ApplyResult): Error {
    return 'error' in r ? r.error : new Error(`store: unexpected apply result ${Object.keys(r).join(',')}`);
  }

  private afterBatch(): void {
    this.scheduleDelivery();
    if (this.snapshotting === undefined && this.applied - this.snapAttemptIndex >= this.snapshotCount) this.snapshot();
  }

  private scheduleDelivery(): void {
    if (this.deliveryScheduled || !this.hub.hasPending) return;
    this.deliveryScheduled = true;
    queueMicrotask(() => {
      this.deliveryScheduled = false;
      this.hub.deliver();
    });
  }

  /**
   * Captures the keyspace now (synchronously; the Revs are immutable, so later writes do not
   * disturb it), starts a new WAL file for the entries after it, and writes it in the background.
   */
  private snapshot(): void {
    const index = this.applied;
    const state = this.mvcc.capture();
    this.snapAttemptIndex = index;
    const cut = this.wal.cut();
    this.snapshotting = (async () => {
      try {
        await cut;
        await this.snapshotter.save({ term: SNAPSHOT_TERM, index }, state);
        this.snapIndex = index;
        this.snapshotsWritten++;
        const oldestKept = await this.snapshotter.purge(this.maxSnapshots);
        await this.wal.releaseTo(Math.min(oldestKept ?? index, index));
      } catch (e) {
        this.onError(new Error(`store: snapshot at index ${index} failed (${toError(e).message}); the WAL still holds every entry, the next snapshot is tried after ${this.snapshotCount} more`, { cause: e }));
      } finally {
        this.snapshotting = undefined;
      }
    })();
  }
}

/** Opens (or creates) the member in `opts.dataDir` and recovers its state. */
export async function openStore(opts: StoreOptions): Promise<StoreMember> {
  await mkdir(opts.dataDir, { recursive: true });
  const onError = opts.onError ?? ((err: Error) => console.error(err));
  const snapshotter = await Snapshotter.open(join(opts.dataDir, 'snap'));
  const { loaded, skipped } = await snapshotter.loadNewest();
  for (const s of skipped) onError(new Error(`store: skipped snapshot ${s.name}: ${s.error}`));
  const mvcc = loaded ? MvccStore.fromState(loaded.state) : new MvccStore();
  const afterIndex = loaded?.meta.index ?? 0;
  let opened: Awaited<ReturnType<typeof Wal.open>>;
  try {
    opened = await Wal.open(join(opts.dataDir, 'wal'), afterIndex, (e) => void applyRequest(mvcc, decodeRequest(e.data)), {
      segmentBytes: opts.walSegmentBytes,
      syncFault: opts.walSyncFault,
    });
  } catch (e) {
    const why = skipped.length > 0 ? ` (snapshots skipped as broken: ${skipped.map((s) => s.name).join(', ')})` : '';
    throw new Error(`store: cannot open the member in ${opts.dataDir}: ${toError(e).message}${why}`, { cause: e });
  }
  const { wal, recovery } = opened;
  if (recovery.tornBytes > 0) {
    onError(new Error(`store: cut a torn tail of ${recovery.tornBytes} bytes (${recovery.tornReason ?? 'invalid record'}) off the last WAL file in ${opts.dataDir}`));
  }
  return new StoreMember(mvcc, wal, snapshotter, afterIndex, { ...recovery, snapshot: loaded?.name, skippedSnapshots: skipped.map((s) => s.name) }, { ...opts, onError });
}
