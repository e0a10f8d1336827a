/**
 * Storage kept in memory: what tests use, and what an application uses as the in-memory index
 * of its write-ahead log. The application calls append / applySnapshot / setHardState with the
 * contents of each Ready before sending its messages, and compact after taking a snapshot.
 */
import { errCompacted, errSnapOutOfDate, errUnavailable } from './errors';
import { limitSize } from './entry-size';
import type { InitialState, Storage } from './storage';
import { EMPTY_HARD_STATE, EMPTY_SNAPSHOT, type ConfState, type Entry, type HardState, type Snapshot } from './types';

export class MemoryStorage implements Storage {
  private hardState: HardState = EMPTY_HARD_STATE;
  private snap: Snapshot = EMPTY_SNAPSHOT;
  /**
   * ents[0] is a placeholder for the last compacted entry (index and term only), so that its
   * term can be read and ents[i] sits at log index ents[0].index + i.
   */
  private ents: Entry[] = [{ term: 0, index: 0, type: 'EntryNormal', data: new Uint8Array(0) }];

  initialState(): InitialState {
    return { hardState: this.hardState, confState: this.snap.metadata.confState };
  }

  setHardState(hs: HardState): void {
    this.hardState = hs;
  }

  entries(lo: number, hi: number, maxSize: number): Entry[] {
    const offset = this.ents[0].index;
    if (lo <= offset) throw errCompacted();
    if (hi > this.lastIndex() + 1) {
      throw new Error(`entries' hi(${hi}) is out of bound lastindex(${this.lastIndex()})`);
    }
    if (this.ents.length === 1) throw errUnavailable();
    return limitSize(this.ents.slice(lo - offset, hi - offset), maxSize);
  }

  term(i: number): number {
    const offset = this.ents[0].index;
    if (i < offset) throw errCompacted();
    if (i - offset >= this.ents.length) throw errUnavailable();
    return this.ents[i - offset].term;
  }

  lastIndex(): number {
    return this.ents[0].index + this.ents.length - 1;
  }

  firstIndex(): number {
    return this.ents[0].index + 1;
  }

  snapshot(): Snapshot {
    return this.snap;
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  applySnapshot(snap: Snapshot): void {
    if (this.snap.metadata.index >= snap.metadata.index) throw errSnapOutOfDate();
    this.snap = snap;
    this.ents = [{ term: snap.metadata.term, index: snap.metadata.index, type: 'EntryNormal', data: new Uint8Array(0) }];
  }

  /**
   * Records a snapshot of the state machine as of applied index i (it does not drop entries;
   * call compact for that). confState is the membership as of i.
   */
  createSnapshot(i: number, confState: ConfState | undefined, data: Uint8Array): Snapshot {
    if (i <= this.snap.metadata.index) throw errSnapOutOfDate();
    const offset = this.ents[0].index;
    if (i > this.lastIndex()) throw new Error(`snapshot ${i} is out of bound lastindex(${this.lastIndex()})`);
    this.snap = {
      data,
      metadata: { index: i, term: this.ents[i - offset].term, confState: confState ?? this.snap.metadata.confState },
    };
    return this.snap;
  }

  /** Drops entries before compactIndex; the caller must not compact past its applied index. */
  compact(compactIndex: number): void {
    const offset = this.ents[0].index;
    if (compactIndex <= offset) throw errCompacted();
    if (compactIndex > this.lastIndex()) {
      throw new Error(`compact ${compactIndex} is out of bound lastindex(${this.lastIndex()})`);
    }
    const i = compactIndex - offset;
    const head: Entry = { term: this.ents[i].term, index: this.ents[i].index, type: 'EntryNormal', data: new Uint8Array(0) };
    this.ents = [head, ...this.ents.slice(i + 1)];
  }

  /**
   * Appends entries that follow on from the log, replacing any existing entries at the same
   * indexes (a new leader may overwrite an uncommitted tail).
   */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = entries[0].index + entries.length - 1;
    if (last < first) return; // everything is already compacted
    const ents = first > entries[0].index ? entries.slice(first - entries[0].index) : entries;
    const offset = ents[0].index - this.ents[0].index;
    if (this.ents.length < offset) {
      throw new Error(`missing log entry [last: ${this.lastIndex()}, append at: ${ents[0].index}]`);
    }
    this.ents = [...this.ents.slice(0, offset), ...ents];
  }
}
