/**
 * The log as Raft sees it: durable entries from Storage followed by unstable ones, plus the
 * commit and applied indexes. Invariant: applied <= committed <= lastIndex().
 */
import { entriesSize, limitSize } from './entry-size';
import { errCompacted, errUnavailable, isRaftError } from './errors';
import type { RaftLogger } from './logger';
import type { Storage } from './storage';
import { Unstable } from './unstable';
import type { Entry, Snapshot } from './types';

export class RaftLog {
  readonly unstable: Unstable;
  committed: number;
  applied: number;

  constructor(
    readonly storage: Storage,
    private readonly logger: RaftLogger,
    /** Upper bound on the bytes of committed entries handed out in one Ready. */
    private readonly maxApplyingSize: number,
  ) {
    const first = storage.firstIndex();
    this.unstable = new Unstable(storage.lastIndex() + 1);
    // Everything up to the snapshot is committed and applied by definition.
    this.committed = first - 1;
    this.applied = first - 1;
  }

  toString(): string {
    return `committed=${this.committed}, applied=${this.applied}, unstable.offset=${this.unstable.offset}, len(unstable.Entries)=${this.unstable.entries.length}`;
  }

  /**
   * Appends a leader's entries that follow (prevIndex, prevTerm) if our log matches there.
   * Returns the index of the last new entry, or undefined on mismatch (the caller rejects).
   */
  maybeAppend(prevIndex: number, prevTerm: number, commit: number, ents: readonly Entry[]): number | undefined {
    if (!this.matchTerm(prevIndex, prevTerm)) return undefined;
    const lastNew = prevIndex + ents.length;
    const ci = this.findConflict(ents);
    if (ci !== 0) {
      if (ci <= this.committed) {
        throw new Error(`entry ${ci} conflicts with committed entry [committed(${this.committed})]`);
      }
      this.append(ents.slice(ci - (prevIndex + 1)));
    }
    // Only commit what we know matches the leader: a stale tail past lastNew may not.
    this.commitTo(Math.min(commit, lastNew));
    return lastNew;
  }

  append(ents: readonly Entry[]): number {
    if (ents.length === 0) return this.lastIndex();
    const after = ents[0].index - 1;
    if (after < this.committed) {
      throw new Error(`after(${after}) is out of range [committed(${this.committed})]`);
    }
    this.unstable.truncateAndAppend(ents);
    return this.lastIndex();
  }

  /**
   * The index of the first entry that is new or differs in term from ours, or 0 when all of
   * ents are already in the log (a duplicate or reordered MsgApp must not truncate anything).
   */
  findConflict(ents: readonly Entry[]): number {
    for (const e of ents) {
      if (!this.matchTerm(e.index, e.term)) {
        if (e.index <= this.lastIndex()) {
          this.logger.info(`found conflict at index ${e.index} [existing term: ${this.termOrZero(e.index)}, conflicting term: ${e.term}]`);
        }
        return e.index;
      }
    }
    return 0;
  }

  /**
   * The largest index <= index whose term is <= term, with that term: the best guess of where
   * two logs could still agree. Lets a leader skip a whole divergent term in one round trip
   * instead of probing entry by entry. An unknown (compacted) term is returned as 0.
   */
  findConflictByTerm(index: number, term: number): [number, number] {
    for (let i = index; i > 0; i--) {
      let ours: number;
      try {
        ours = this.term(i);
      } catch {
        return [i, 0];
      }
      if (ours <= term) return [i, ours];
    }
    return [0, 0];
  }

  hasNextUnstableEnts(): boolean {
    return this.unstable.entries.length > 0;
  }

  hasNextUnstableSnapshot(): boolean {
    return this.unstable.snapshot !== undefined;
  }

  /** Committed entries not yet handed to the application, size-limited. */
  nextCommittedEnts(): Entry[] {
    if (this.hasNextUnstableSnapshot()) return []; // apply the snapshot first
    const lo = this.applied + 1;
    const hi = this.committed + 1;
    return lo < hi ? this.slice(lo, hi, this.maxApplyingSize) : [];
  }

  hasNextCommittedEnts(): boolean {
    return !this.hasNextUnstableSnapshot() && this.applied < this.committed;
  }

  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }

  firstIndex(): number {
    return this.unstable.maybeFirstIndex() ?? this.storage.firstIndex();
  }

  lastIndex(): number {
    return this.unstable.maybeLastIndex() ?? this.storage.lastIndex();
  }

  commitTo(toCommit: number): void {
    if (this.committed >= toCommit) return; // never decrease commit
    if (this.lastIndex() < toCommit) {
      throw new Error(`tocommit(${toCommit}) is out of range [lastIndex(${this.lastIndex()})]. Was the raft log corrupted, truncated, or lost?`);
    }
    this.committed = toCommit;
  }

  appliedTo(i: number): void {
    if (i === 0) return;
    if (this.committed < i || i < this.applied) {
      throw new Error(`applied(${i}) is out of range [prevApplied(${this.applied}), committed(${this.committed})]`);
    }
    this.applied = i;
  }

  stableTo(index: number, term: number): void {
    this.unstable.stableTo(index, term);
  }

  stableSnapTo(index: number): void {
    this.unstable.stableSnapTo(index);
  }

  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  /**
   * The term of entry i. Valid for [firstIndex()-1, lastIndex()]; throws RaftError 'Compacted'
   * or 'Unavailable' outside it. The unstable log is checked first: it is authoritative for the
   * indexes it holds, even those storage still has an older version of.
   */
  term(i: number): number {
    const t = this.unstable.maybeTerm(i);
    if (t !== undefined) return t;
    // Checked here, not left to storage: storage may still hold entries the unstable tail has
    // replaced, or ones before an unstable snapshot.
    if (i + 1 < this.firstIndex()) throw errCompacted();
    if (i > this.lastIndex()) throw errUnavailable();
    return this.storage.term(i);
  }

  /** The term of entry i, or 0 if it is compacted or past the end. */
  termOrZero(i: number): number {
    try {
      return this.term(i);
    } catch (err) {
      if (isRaftError(err, 'Compacted') || isRaftError(err, 'Unavailable')) return 0;
      throw err;
    }
  }

  /** Entries from i on, at most maxSize bytes. Throws RaftError 'Compacted' when i is gone. */
  entries(i: number, maxSize: number): Entry[] {
    if (i > this.lastIndex()) return [];
    return this.slice(i, this.lastIndex() + 1, maxSize);
  }

  allEntries(): Entry[] {
    return this.entries(this.firstIndex(), Infinity);
  }

  /** Whether a candidate whose last entry is (lastIndex, term) is at least as up to date as us. */
  isUpToDate(lastIndex: number, term: number): boolean {
    const ourTerm = this.lastTerm();
    return term > ourTerm || (term === ourTerm && lastIndex >= this.lastIndex());
  }

  matchTerm(i: number, term: number): boolean {
    try {
      return this.term(i) === term;
    } catch {
      return false;
    }
  }

  /**
   * Commits up to maxIndex, but only if that entry is from `term` (the leader's term): Raft
   * never commits an older term's entry by counting replicas (Raft paper §5.4.2).
   */
  maybeCommit(maxIndex: number, term: number): boolean {
    if (maxIndex > this.committed && this.termOrZero(maxIndex) === term) {
      this.commitTo(maxIndex);
      return true;
    }
    return false;
  }

  restore(s: Snapshot): void {
    this.logger.info(`log [${this.toString()}] starts to restore snapshot [index: ${s.metadata.index}, term: ${s.metadata.term}]`);
    this.committed = s.metadata.index;
    this.unstable.restore(s);
  }

  /** Entries in [lo, hi) from storage and/or the unstable tail, at most maxSize bytes. */
  slice(lo: number, hi: number, maxSize: number): Entry[] {
    this.checkOutOfBounds(lo, hi);
    if (lo === hi) return [];
    const offset = this.unstable.offset;
    if (lo >= offset) return limitSize(this.unstable.slice(lo, hi), maxSize);
    const cut = Math.min(hi, offset);
    const stored = this.storage.entries(lo, cut, maxSize);
    if (hi <= offset || stored.length < cut - lo) return stored; // done, or the size limit was hit
    const size = entriesSize(stored);
    if (size >= maxSize) return stored;
    const rest = limitSize(this.unstable.slice(offset, hi), maxSize - size);
    // limitSize always keeps one entry; here that entry may not fit after the stored ones.
    if (rest.length === 1 && size + entriesSize(rest) > maxSize) return stored;
    return [...stored, ...rest];
  }

  private checkOutOfBounds(lo: number, hi: number): void {
    if (lo > hi) throw new Error(`invalid slice ${lo} > ${hi}`);
    const fi = this.firstIndex();
    if (lo < fi) throw errCompacted();
    const last = this.lastIndex();
    if (hi > last + 1) throw new Error(`slice[${lo},${hi}) out of bound [${fi},${last}]`);
  }
}
