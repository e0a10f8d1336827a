/**
 * The one source of time for every component. Cores take a Clock as an argument and never read
 * the wall clock or start timers of their own, so tests step a FakeClock and get the same answer
 * every time. In the app it is real time times a speed factor.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, in cluster time. */
  now(): number;
  /** Runs fn once after ms of cluster time. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

/** Wall-clock time; timers are real timers that do not keep the process alive on their own. */
export class RealClock implements Clock {
  private next = 1;
  private readonly timers = new Map<number, ReturnType<typeof globalThis.setTimeout>>();

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    const t = globalThis.setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    (t as { unref?: () => void }).unref?.();
    this.timers.set(id, t);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const t = this.timers.get(handle.id);
    if (t !== undefined) globalThis.clearTimeout(t);
    this.timers.delete(handle.id);
  }
}

/** A clock that moves only when a test calls step() or set(). Timers fire in due order. */
export class FakeClock implements Clock {
  private time: number;
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Advances time by ms, firing every timer that falls due, in order of due time then creation. */
  step(ms: number): void {
    this.set(this.time + ms);
  }

  set(target: number): void {
    for (;;) {
      let dueId = -1;
      let dueAt = Infinity;
      for (const [id, t] of this.timers) {
        if (t.at <= target && (t.at < dueAt || (t.at === dueAt && id < dueId))) {
          dueId = id;
          dueAt = t.at;
        }
      }
      if (dueId < 0) break;
      const timer = this.timers.get(dueId)!;
      this.timers.delete(dueId);
      this.time = Math.max(this.time, timer.at);
      timer.fn();
    }
    this.time = Math.max(this.time, target);
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}
