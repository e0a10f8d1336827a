/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import type { CycleContext, FilterPlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import { toleratesAny } from '../helper/taints';
import * as names from '../names';

export const ERR_REASON_UNKNOWN_CONDITION = 'node(s) had unknown conditions';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export class NodeUnschedulable implements FilterPlugin {
  readonly name = names.NodeUnschedulable;

  filter(_ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    if (!node.node) return unresolvable(ERR_REASON_UNKNOWN_CONDITION);
    if (!node.node.spec?.unschedulable) return undefined;
    if (toleratesAny(pod.pod.spec?.tolerations ?? [], { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })) return undefined;
    return unresolvable(ERR_REASON_UNSCHEDULABLE);
  }
}
