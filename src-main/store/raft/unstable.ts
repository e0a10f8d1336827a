/**
 * The part of the log Raft has accepted but the application has not yet persisted: an incoming
 * snapshot and/or entries from index `offset` on. Entries leave it when the application
 * confirms they are on disk (stableTo); a new leader's entries may replace part of it.
 */
import type { Entry, Snapshot } from './types';

export class Unstable {
  snapshot: Snapshot | undefined;
  entries: Entry[] = [];
  /** Log index of entries[0]. */
  offset: number;

  constructor(offset: number) {
    this.offset = offset;
  }

  /** The first index if there is an unstable snapshot (the log then starts right after it). */
  maybeFirstIndex(): number | undefined {
    return this.snapshot ? this.snapshot.metadata.index + 1 : undefined;
  }

  maybeLastIndex(): number | undefined {
    if (this.entries.length > 0) return this.offset + this.entries.length - 1;
    return this.snapshot ? this.snapshot.metadata.index : undefined;
  }

  maybeTerm(i: number): number | undefined {
    if (i < this.offset) {
      return this.snapshot && this.snapshot.metadata.index === i ? this.snapshot.metadata.term : undefined;
    }
    const last = this.maybeLastIndex();
    if (last === undefined || i > last) return undefined;
    return this.entries[i - this.offset].term;
  }

  /**
   * The application persisted entries up to (index, term). If the tail was replaced in the
   * meantime the term no longer matches, and the newer entries must stay unstable.
   */
  stableTo(index: number, term: number): void {
    const t = this.maybeTerm(index);
    if (t === undefined || index < this.offset || t !== term) return;
    this.entries = this.entries.slice(index + 1 - this.offset);
    this.offset = index + 1;
  }

  stableSnapTo(index: number): void {
    if (this.snapshot && this.snapshot.metadata.index === index) this.snapshot = undefined;
  }

  restore(s: Snapshot): void {
    this.offset = s.metadata.index + 1;
    this.entries = [];
    this.snapshot = s;
  }

  truncateAndAppend(ents: readonly Entry[]): void {
    const from = ents[0].index;
    if (from === this.offset + this.entries.length) {
      this.entries = [...this.entries, ...ents];
    } else if (from <= this.offset) {
      // The new entries replace everything unstable (and, once persisted, part of storage).
      this.entries = [...ents];
      this.offset = from;
    } else {
      this.entries = [...this.slice(this.offset, from), ...ents];
    }
  }

  slice(lo: number, hi: number): Entry[] {
    const upper = this.offset + this.entries.length;
    if (lo > hi || lo < this.offset || hi > upper) {
      throw new Error(`invalid unstable.slice ${lo} > ${hi} or out of bounds [${this.offset}, ${upper}]`);
    }
    return this.entries.slice(lo - this.offset, hi - this.offset);
  }
}
