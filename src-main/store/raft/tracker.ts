/**
 * The leader's (and candidate's) bookkeeping about the cluster: the membership, a Progress per
 * member, and the votes received in the current election.
 */
import { Progress } from './progress';
import { committedIndex, voteResult, type VoteResult } from './quorum';
import type { ConfState, NodeId } from './types';

export interface TrackerConfig {
  readonly voters: ReadonlySet<NodeId>;
  readonly learners: ReadonlySet<NodeId>;
}

export function describeConfig(c: TrackerConfig): string {
  const ids = (s: ReadonlySet<NodeId>): string => [...s].sort((a, b) => a - b).join(' ');
  let out = `voters=(${ids(c.voters)})`;
  if (c.learners.size > 0) out += ` learners=(${ids(c.learners)})`;
  return out;
}

export class ProgressTracker {
  config: TrackerConfig = { voters: new Set(), learners: new Set() };
  progress = new Map<NodeId, Progress>();
  private votes = new Map<NodeId, boolean>();

  constructor(
    readonly maxInflight: number,
    readonly maxInflightBytes: number,
  ) {}

  confState(): ConfState {
    const sorted = (s: ReadonlySet<NodeId>): NodeId[] => [...s].sort((a, b) => a - b);
    return { voters: sorted(this.config.voters), learners: sorted(this.config.learners) };
  }

  /** Whether this is a single-voter cluster (then the leader decides alone). */
  isSingleton(): boolean {
    return this.config.voters.size === 1;
  }

  committed(): number {
    return committedIndex(this.config.voters, (id) => this.progress.get(id)?.match);
  }

  /** Visits members in id order, so anything they emit (messages) comes out deterministically. */
  visit(fn: (id: NodeId, pr: Progress) => void): void {
    for (const id of [...this.progress.keys()].sort((a, b) => a - b)) {
      const pr = this.progress.get(id);
      if (pr) fn(id, pr);
    }
  }

  /** Whether a quorum of voters has been heard from since the last check (CheckQuorum). */
  quorumActive(): boolean {
    const votes = new Map<NodeId, boolean>();
    this.visit((id, pr) => {
      if (!pr.isLearner) votes.set(id, pr.recentActive);
    });
    return voteResult(this.config.voters, votes) === 'VoteWon';
  }

  voterIds(): NodeId[] {
    return [...this.config.voters].sort((a, b) => a - b);
  }

  resetVotes(): void {
    this.votes = new Map();
  }

  /** Records a vote; the first answer from a node counts, repeats are ignored. */
  recordVote(id: NodeId, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  tallyVotes(): { granted: number; rejected: number; result: VoteResult } {
    let granted = 0;
    let rejected = 0;
    for (const [id, v] of this.votes) {
      if (!this.config.voters.has(id)) continue; // learners' votes do not count
      if (v) granted++;
      else rejected++;
    }
    return { granted, rejected, result: voteResult(this.config.voters, this.votes) };
  }
}
