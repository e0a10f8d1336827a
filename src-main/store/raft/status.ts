/** A read-only picture of a node, for dashboards, tests and `etcdctl endpoint status`. */
import type { Progress, ProgressState } from './progress';
import type { ConfState, NodeId, StateType } from './types';

export interface ProgressStatus {
  readonly match: number;
  readonly next: number;
  readonly state: ProgressState;
  readonly isLearner: boolean;
  readonly recentActive: boolean;
  readonly paused: boolean;
  readonly pendingSnapshot: number;
  readonly inflight: number;
  /** The one-line form used in logs: "StateReplicate match=5 next=6". */
  readonly text: string;
}

export interface Status {
  readonly id: NodeId;
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
  readonly applied: number;
  readonly lead: NodeId;
  readonly raftState: StateType;
  readonly leadTransferee: NodeId;
  readonly config: ConfState;
  /** Followers' progress; only the leader tracks it, so it is empty elsewhere. */
  readonly progress: ReadonlyMap<NodeId, ProgressStatus>;
}

export function progressStatus(pr: Progress): ProgressStatus {
  return {
    match: pr.match,
    next: pr.next,
    state: pr.state,
    isLearner: pr.isLearner,
    recentActive: pr.recentActive,
    paused: pr.isPaused(),
    pendingSnapshot: pr.pendingSnapshot,
    inflight: pr.inflights.count(),
    text: pr.toString(),
  };
}
