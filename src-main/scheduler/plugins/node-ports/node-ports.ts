/** NodePorts: a pod asking for host ports fits only nodes where none of them is taken. */
import type { CycleContext, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { skip, unschedulable, type MaybeStatus } from '../../framework/status';
import * as names from '../names';

export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = names.NodePorts;

  preFilter(_ctx: CycleContext, pod: PodInfo): PreFilterResult | undefined {
    return pod.hostPorts.length === 0 ? { status: skip() } : undefined;
  }

  filter(_ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    if (node.usedPorts.size === 0) return undefined;
    for (const p of pod.hostPorts) if (node.usedPorts.conflicts(p)) return unschedulable(ERR_REASON);
    return undefined;
  }
}
