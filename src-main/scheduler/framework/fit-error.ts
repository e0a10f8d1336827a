/**
 * FitError.Error (framework/types.go): the FailedScheduling message. Reasons are counted over
 * nodes, each written "<count> <reason>", sorted as strings and joined by ", ":
 *   0/6 nodes are available: 3 Insufficient cpu, 3 node(s) had untolerated taint {...}. preemption: ...
 */
import type { NodeToStatus } from './node-to-status';

export const NO_NODE_AVAILABLE = (n: number): string => `0/${n} nodes are available`;

/** ErrNoNodesAvailable: the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface FitErrorParts {
  numAllNodes: number;
  statuses: NodeToStatus;
  /** A PreFilter rejection's message; the node statuses are then not counted. */
  preFilterMsg?: string;
  /** PostFilter's (preemption's) message, appended as is. */
  postFilterMsg?: string;
}

export function fitErrorMessage(f: FitErrorParts): string {
  let msg = `${NO_NODE_AVAILABLE(f.numAllNodes)}:`;
  if (f.preFilterMsg) {
    msg += ` ${f.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const [, s] of f.statuses.entries()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = f.numAllNodes - f.statuses.size;
    if (absent > 0) for (const r of f.statuses.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    // Go's sort.Strings compares bytes; JS's default sort compares UTF-16 units, the same for these ASCII strings.
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (f.postFilterMsg) msg += ` ${f.postFilterMsg}`;
  return msg;
}
