/**
 * The leader's view of one follower's log, and how it sends to it:
 *
 * - StateProbe: we do not know where the follower's log ends; send one MsgApp per heartbeat
 *   interval and wait for the answer (accept or reject with a hint) before sending more.
 * - StateReplicate: the follower is known to be in step; stream entries optimistically, up to
 *   maxInflightMsgs unacknowledged messages.
 * - StateSnapshot: the entries it needs are compacted; a snapshot is on its way and nothing
 *   else is sent until the follower reports back.
 */
import { Inflights } from './inflights';

export type ProgressState = 'StateProbe' | 'StateReplicate' | 'StateSnapshot';

export class Progress {
  /** Highest index known to be replicated on the follower. */
  match = 0;
  /** Next index to send. match < next always. */
  next: number;
  /** The highest commit index sent to the follower (to know when to tell it about new ones). */
  sentCommit = 0;
  state: ProgressState = 'StateProbe';
  /** In StateSnapshot, the index of the snapshot sent. */
  pendingSnapshot = 0;
  /** Whether we heard from the follower since the last CheckQuorum. */
  recentActive = false;
  /** In StateProbe: a MsgApp is out; in StateReplicate: inflights is full. */
  msgAppFlowPaused = false;
  readonly inflights: Inflights;

  constructor(
    next: number,
    maxInflight: number,
    maxInflightBytes: number,
    public isLearner: boolean,
  ) {
    this.next = next;
    this.inflights = new Inflights(maxInflight, maxInflightBytes);
  }

  private resetState(state: ProgressState): void {
    this.msgAppFlowPaused = false;
    this.pendingSnapshot = 0;
    this.state = state;
    this.inflights.reset();
  }

  becomeProbe(): void {
    // After a snapshot the follower has at least the snapshot's entries, so probe from there.
    const pending = this.state === 'StateSnapshot' ? this.pendingSnapshot : 0;
    this.resetState('StateProbe');
    this.next = Math.max(this.match + 1, pending + 1);
    this.sentCommit = Math.min(this.sentCommit, this.next - 1);
  }

  becomeReplicate(): void {
    this.resetState('StateReplicate');
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState('StateSnapshot');
    this.pendingSnapshot = snapshotIndex;
    this.next = snapshotIndex + 1;
    this.sentCommit = snapshotIndex;
  }

  /** Records a MsgApp of `entries` entries (and `bytes` payload) sent from this.next on. */
  sentEntries(entries: number, bytes: number): void {
    if (this.state === 'StateReplicate') {
      if (entries > 0) {
        this.next += entries;
        this.inflights.add(this.next - 1, bytes);
      }
      this.msgAppFlowPaused = this.inflights.full();
    } else if (this.state === 'StateProbe') {
      if (entries > 0) this.msgAppFlowPaused = true;
    } else {
      throw new Error(`sending append in unhandled state ${this.state}`);
    }
  }

  /** Whether sending `index` as the commit index would tell the follower something new. */
  canBumpCommit(index: number): boolean {
    // The follower can only commit what it has, so a commit index past next-1 is no news.
    return index > this.sentCommit && this.sentCommit < this.next - 1;
  }

  /** A MsgAppResp acknowledged n. Returns false if it is old news (reordered or duplicated). */
  maybeUpdate(n: number): boolean {
    if (n <= this.match) return false;
    this.match = n;
    this.next = Math.max(this.next, n + 1);
    this.msgAppFlowPaused = false;
    return true;
  }

  /**
   * The follower rejected a MsgApp at index `rejected`, hinting that its log could match at
   * `matchHint`. Returns false if the rejection is stale and must be ignored.
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === 'StateReplicate') {
      // A rejection at or below match is from an earlier round: we know better already.
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      this.sentCommit = Math.min(this.sentCommit, this.next - 1);
      return true;
    }
    // In probe state only the rejection of the one outstanding probe counts.
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1);
    this.sentCommit = Math.min(this.sentCommit, this.next - 1);
    this.msgAppFlowPaused = false;
    return true;
  }

  isPaused(): boolean {
    return this.state === 'StateSnapshot' || this.msgAppFlowPaused;
  }

  toString(): string {
    let s = `${this.state} match=${this.match} next=${this.next}`;
    if (this.isLearner) s += ' learner';
    if (this.isPaused()) s += ' paused';
    if (this.pendingSnapshot > 0) s += ` pendingSnap=${this.pendingSnapshot}`;
    if (!this.recentActive) s += ' inactive';
    const n = this.inflights.count();
    if (n > 0) s += ` inflight=${n}${this.inflights.full() ? '[full]' : ''}`;
    return s;
  }
}
