/**
 * Group commit: proposals become log entries, are made durable together, then applied in log
 * order, and only then answered. Everything proposed while a batch is being written and fsynced
 * goes into the next batch, so N concurrent writers cost about one fsync per round, not N.
 *
 * This is the seam Raft replaces: propose → (append to the log | replicate and commit) → apply
 * committed entries in order → answer.
 */
import type { ApplyResult } from './applier';
import type { WalEntry } from './wal/wal';

/** Where entries become durable. */
export interface LogStorage {
  readonly lastIndex: number;
  save(entries: readonly WalEntry[]): Promise<void>;
}

interface Proposal {
  data: Uint8Array;
  resolve: (r: ApplyResult) => void;
  reject: (e: unknown) => void;
}

export class CommitPipeline {
  private queue: Proposal[] = [];
  private flushing = false;
  private scheduled = false;
  private failure: unknown;
  private idleWaiters: (() => void)[] = [];
  private batchCount = 0;

  /**
   * `apply` runs for each durable entry in index order; `afterBatch` after each applied batch
   * (still synchronously, before any answer is observed).
   */
  constructor(
    private readonly log: LogStorage,
    private readonly apply: (e: WalEntry) => ApplyResult,
    private readonly afterBatch: () => void,
  ) {}

  /** Batches written so far. */
  get batches(): number {
    return this.batchCount;
  }

  /** Resolves with the entry's result once it is durable and applied. */
  propose(data: Uint8Array): Promise<ApplyResult> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<ApplyResult>((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or being written. */
  drained(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    // After the current turn, so that every proposal made in it joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0 && this.failure === undefined) {
      const batch = this.queue;
      this.queue = [];
      const first = this.log.lastIndex + 1;
      const entries = batch.map((p, i) => ({ index: first + i, data: p.data }));
      try {
        await this.log.save(entries);
      } catch (e) {
        this.failure = e;
        for (const p of batch) p.reject(e);
        for (const p of this.queue) p.reject(e);
        this.queue = [];
        break;
      }
      this.batchCount++;
      for (let i = 0; i < entries.length; i++) {
        let result: ApplyResult;
        try {
          result = this.apply(entries[i]);
        } catch (e) {
          result = { error: e instanceof Error ? e : new Error(String(e)) };
        }
        batch[i].resolve(result);
      }
      this.afterBatch();
    }
    this.flushing = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
