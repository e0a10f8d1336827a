import type { RevisionRecord } from './rev';

/**
 * The changes of every revision since the compacted one, oldest first: the source of watch
 * history, snapshots and compaction. Revisions are strictly increasing; a queue with a moving
 * head so that dropping the oldest is cheap.
 */
export class RevLog {
  private items: RevisionRecord[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(rec: RevisionRecord): void {
    this.items.push(rec);
  }

  /** Index (into items) of the first record with revision >= rev. */
  private lowerBound(rev: number): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid].revision < rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The records with revision >= rev, oldest first. */
  *from(rev: number): IterableIterator<RevisionRecord> {
    for (let i = this.lowerBound(rev); i < this.items.length; i++) yield this.items[i];
  }

  /** Removes and returns the records with revision <= rev. */
  dropThrough(rev: number): RevisionRecord[] {
    const end = this.lowerBound(rev + 1);
    const dropped = this.items.slice(this.head, end);
    this.head = end;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return dropped;
  }

  /** A copy of all records (the records themselves are immutable). */
  toArray(): RevisionRecord[] {
    return this.items.slice(this.head);
  }
}
