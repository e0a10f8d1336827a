/**
 * The MsgApps sent to one follower in StateReplicate and not yet acknowledged, as the last
 * index of each. When maxInflightMsgs of them are out the leader stops sending entries to that
 * follower until acknowledgements free room, so a slow follower cannot make it buffer without
 * bound.
 */
export class Inflights {
  /** Last entry index of each in-flight message, oldest first. */
  private queue: number[] = [];
  private bytes = 0;
  private sizes: number[] = [];

  constructor(
    readonly size: number,
    /** 0 = no byte limit. */
    readonly maxBytes = 0,
  ) {}

  add(index: number, bytes: number): void {
    if (this.full()) throw new Error('cannot add into a full inflights');
    this.queue.push(index);
    this.sizes.push(bytes);
    this.bytes += bytes;
  }

  /** Frees every in-flight message whose last index is <= to (they have been acknowledged). */
  freeLE(to: number): void {
    let n = 0;
    while (n < this.queue.length && this.queue[n] <= to) {
      this.bytes -= this.sizes[n];
      n++;
    }
    if (n > 0) {
      this.queue = this.queue.slice(n);
      this.sizes = this.sizes.slice(n);
    }
  }

  full(): boolean {
    return this.queue.length >= this.size || (this.maxBytes > 0 && this.bytes >= this.maxBytes);
  }

  count(): number {
    return this.queue.length;
  }

  reset(): void {
    this.queue = [];
    this.sizes = [];
    this.bytes = 0;
  }
}
