/**
 * For plugin tests: schedule a pod with a profile of just the given plugins and report, per node,
 * the filter verdict ("ok" or the reasons) and the weighted score.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { seededRand } from '../../common/rand';
import { scoreTable } from '../diagnosis';
import { Snapshot } from '../framework/snapshot';
import { createProfile, type PluginConfig } from '../profile';
import { schedulePod, type ScheduleResult } from '../schedule-pod';
import { makeNode, makePod, type NodeShorthand, type PodShorthand } from './objects';

export interface PluginRun {
  result: ScheduleResult;
  /** node → "ok" or "Reason, Reason" */
  filters: Record<string, string>;
  /** node → weighted score of each plugin, summed (only when more than one node was feasible) */
  scores: Record<string, number>;
}

function isPod(p: PodShorthand | Pod): p is Pod {
  return 'metadata' in p && typeof p.metadata === 'object';
}

export function runPlugins(plugins: readonly PluginConfig[], nodes: readonly NodeShorthand[], existing: readonly PodShorthand[], pod: PodShorthand | Pod): PluginRun {
  const snapshot = Snapshot.from(nodes.map(makeNode), existing.map(makePod));
  const profile = createProfile({ plugins });
  const p = isPod(pod) ? pod : makePod(pod);
  const result = schedulePod(p, snapshot, profile, seededRand(1));
  const filters: Record<string, string> = {};
  for (const f of result.diagnosis.filtered) filters[f.node] = f.plugin ? f.reasons.join(', ') : 'ok';
  const scores: Record<string, number> = {};
  for (const row of scoreTable(result.diagnosis)) scores[row.node] = row.total;
  return { result, filters, scores };
}
