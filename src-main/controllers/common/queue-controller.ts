/**
 * The skeleton every controller shares (sample-controller's shape): handlers put keys on a work
 * queue, workers reconcile keys one at a time per key, errors requeue with back-off, and a
 * reconcile may ask to be run again later (e.g. when a pod becomes available).
 */
import type { Clock } from '../../common/clock';
import { WorkQueue, runWorkers } from '../../client/work-queue';

export interface Controller {
  readonly name: string;
  /** Starts workers; resolves when stop() has drained them. */
  run(workers: number): Promise<void>;
  stop(): void;
}

export abstract class QueueController implements Controller {
  protected readonly queue: WorkQueue<string>;
  abstract readonly name: string;

  constructor(protected readonly clock: Clock) {
    this.queue = new WorkQueue<string>(clock);
  }

  protected abstract reconcile(key: string): Promise<void>;

  enqueue(key: string): void {
    this.queue.add(key);
  }

  enqueueAfter(key: string, ms: number): void {
    this.queue.addAfter(key, ms);
  }

  run(workers: number): Promise<void> {
    return runWorkers(this.queue, workers, (k) => this.reconcile(k), (k, e) => this.onError(k, e));
  }

  stop(): void {
    this.queue.shutDown();
  }

  protected onError(key: string, err: unknown): void {
    if (process.env.KUBEDECK_DEBUG) console.error(`${this.name}: ${key}:`, err);
  }
}
