/**
 * A rate-limited work queue with client-go's contract: an item is never processed by two workers
 * at once; adding an item that is already waiting does nothing; adding one that is being
 * processed queues it again for after done(). Failed items come back after an exponential delay
 * (5 ms doubling to 1000 s, client-go's per-item limiter) until forget().
 */
import type { Clock } from '../common/clock';

export class WorkQueue<T = string> {
  private readonly queue: T[] = [];
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly failures = new Map<T, number>();
  private readonly waiters: ((item: T | undefined) => void)[] = [];
  private shuttingDown = false;

  constructor(
    private readonly clock: Clock,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 1_000_000,
  ) {}

  add(item: T): void {
    if (this.shuttingDown || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(item);
      this.processing.add(item);
      waiter(item);
      return;
    }
    this.queue.push(item);
  }

  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    this.clock.setTimeout(() => this.add(item), delayMs);
  }

  /** Re-adds a failed item after its back-off. */
  addRateLimited(item: T): void {
    const n = this.failures.get(item) ?? 0;
    this.failures.set(item, n + 1);
    this.addAfter(item, Math.min(this.baseDelayMs * 2 ** n, this.maxDelayMs));
  }

  /** The item succeeded: its back-off starts over. */
  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }

  /** The next item to process, or undefined once the queue shuts down. */
  get(): Promise<T | undefined> {
    const item = this.queue.shift();
    if (item !== undefined) {
      this.dirty.delete(item);
      this.processing.add(item);
      return Promise.resolve(item);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Processing of `item` finished; if it was added meanwhile it goes back in the queue. */
  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) {
      this.dirty.delete(item);
      this.add(item);
    }
  }

  len(): number {
    return this.queue.length;
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}

/**
 * Runs `workers` loops that take keys from the queue and reconcile them: success forgets the
 * key's back-off; an error logs and requeues it rate-limited. Resolves when the queue shuts down.
 */
export async function runWorkers<T>(queue: WorkQueue<T>, workers: number, reconcile: (item: T) => Promise<void>, onError: (item: T, err: unknown) => void): Promise<void> {
  const loop = async (): Promise<void> => {
    for (;;) {
      const item = await queue.get();
      if (item === undefined) return;
      try {
        await reconcile(item);
        queue.forget(item);
      } catch (e) {
        onError(item, e);
        queue.addRateLimited(item);
      } finally {
        queue.done(item);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
}
