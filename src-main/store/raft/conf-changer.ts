/**
 * Applies one membership change to the tracker's configuration, or rebuilds the configuration
 * from a ConfState. Single-step (ConfChange v1) only: one voter at a time changes, so any two
 * consecutive majorities overlap and no joint consensus is needed.
 */
import { RaftError } from './errors';
import { Progress } from './progress';
import { describeConfig, type ProgressTracker, type TrackerConfig } from './tracker';
import type { ConfChange, ConfState, NodeId } from './types';

export interface ConfigAndProgress {
  readonly config: TrackerConfig;
  readonly progress: Map<NodeId, Progress>;
}

/**
 * The configuration after cc. Throws RaftError 'InvalidConfChange' (leaving the tracker
 * untouched) if the change would leave no voters.
 */
export function applyConfChangeToTracker(trk: ProgressTracker, lastIndex: number, cc: ConfChange): ConfigAndProgress {
  const voters = new Set(trk.config.voters);
  const learners = new Set(trk.config.learners);
  const progress = new Map(trk.progress);
  const id = cc.nodeId;
  // Applications zero the node id of a change they decided not to apply; treat it as a no-op.
  if (id === 0) return { config: trk.config, progress };
  const init = (isLearner: boolean): Progress => {
    // Probe from the last index: the new member most likely has nothing, and a reject tells us
    // where it stands. Marked active so that CheckQuorum does not count it as lost before it
    // had a chance to answer.
    const pr = new Progress(Math.max(lastIndex, 1), trk.maxInflight, trk.maxInflightBytes, isLearner);
    pr.recentActive = true;
    return pr;
  };
  switch (cc.type) {
    case 'ConfChangeAddNode': {
      learners.delete(id);
      voters.add(id);
      const pr = progress.get(id);
      if (pr) pr.isLearner = false;
      else progress.set(id, init(false));
      break;
    }
    case 'ConfChangeAddLearnerNode': {
      if (learners.has(id)) break;
      voters.delete(id);
      if (voters.size === 0) throw invalid(trk.config, cc, 'it would demote the last voter');
      learners.add(id);
      const pr = progress.get(id);
      if (pr) pr.isLearner = true;
      else progress.set(id, init(true));
      break;
    }
    case 'ConfChangeRemoveNode': {
      voters.delete(id);
      if (voters.size === 0 && trk.config.voters.size > 0) throw invalid(trk.config, cc, 'it would remove the last voter');
      learners.delete(id);
      progress.delete(id);
      break;
    }
  }
  return { config: { voters, learners }, progress };
}

function invalid(cfg: TrackerConfig, cc: ConfChange, why: string): RaftError {
  return new RaftError(
    'InvalidConfChange',
    `cannot apply ${cc.type} for node ${cc.nodeId} to configuration ${describeConfig(cfg)}: ${why}; add another voter first`,
  );
}

/** Rebuilds the configuration from scratch (on a fresh tracker): voters, then learners, one change at a time. */
export function restoreTracker(trk: ProgressTracker, lastIndex: number, cs: ConfState): ConfigAndProgress {
  let state: ConfigAndProgress = { config: trk.config, progress: trk.progress };
  const steps: ConfChange[] = [
    ...cs.voters.map((nodeId): ConfChange => ({ type: 'ConfChangeAddNode', nodeId })),
    ...cs.learners.map((nodeId): ConfChange => ({ type: 'ConfChangeAddLearnerNode', nodeId })),
  ];
  for (const cc of steps) {
    trk.config = state.config;
    trk.progress = state.progress;
    state = applyConfChangeToTracker(trk, lastIndex, cc);
  }
  return state;
}
