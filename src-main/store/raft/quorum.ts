/**
 * Majority arithmetic over a set of voters: which index a majority has reached, and whether a
 * vote is won, lost or still open. Learners never appear here.
 */
import type { NodeId } from './types';

export type VoteResult = 'VotePending' | 'VoteLost' | 'VoteWon';

/**
 * The largest index that a majority of voters have acknowledged. With no voters every index
 * counts as committed (Infinity), which maybeCommit then ignores because no entry has that index.
 */
export function committedIndex(voters: ReadonlySet<NodeId>, matchOf: (id: NodeId) => number | undefined): number {
  if (voters.size === 0) return Infinity;
  const acked = [...voters].map((id) => matchOf(id) ?? 0).sort((a, b) => b - a);
  return acked[Math.floor(voters.size / 2)];
}

/** Tallies yes/no votes; voters that have not answered may still swing it. */
export function voteResult(voters: ReadonlySet<NodeId>, votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  if (voters.size === 0) return 'VoteWon'; // an empty configuration agrees with anything
  let yes = 0;
  let missing = 0;
  for (const id of voters) {
    const v = votes.get(id);
    if (v === undefined) missing++;
    else if (v) yes++;
  }
  const q = Math.floor(voters.size / 2) + 1;
  if (yes >= q) return 'VoteWon';
  if (yes + missing >= q) return 'VotePending';
  return 'VoteLost';
}
