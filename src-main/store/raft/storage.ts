/**
 * The narrow read interface the Raft core needs from stable storage. The application writes to
 * its storage itself (after each Ready) and Raft only reads back what is durable.
 *
 * Indexes: the log holds entries firstIndex()..lastIndex(); the entry at firstIndex()-1 has been
 * compacted into the snapshot but its term stays readable, because appends must match it.
 */
import type { ConfState, Entry, HardState, Snapshot } from './types';

export interface InitialState {
  readonly hardState: HardState;
  readonly confState: ConfState;
}

export interface Storage {
  /** The persisted HardState and the membership as of the latest snapshot. */
  initialState(): InitialState;
  /**
   * Entries in [lo, hi), at most maxSize bytes but at least one entry if any is in range.
   * Throws RaftError 'Compacted' when lo is before firstIndex().
   */
  entries(lo: number, hi: number, maxSize: number): Entry[];
  /**
   * The term of entry i, for i in [firstIndex()-1, lastIndex()]. Throws RaftError 'Compacted'
   * below that range and 'Unavailable' above it.
   */
  term(i: number): number;
  lastIndex(): number;
  firstIndex(): number;
  /**
   * The most recent snapshot. May throw RaftError 'SnapshotTemporarilyUnavailable' while one is
   * being made; Raft then tries again later.
   */
  snapshot(): Snapshot;
}
