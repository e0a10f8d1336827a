/** NodeName: a pod that names a node (spec.nodeName) fits only that node. */
import type { CycleContext, FilterPlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import * as names from '../names';

export const ERR_REASON = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = names.NodeName;

  filter(_ctx: CycleContext, pod: PodInfo, node: NodeInfo): MaybeStatus {
    const want = pod.pod.spec?.nodeName;
    if (!want || want === node.name) return undefined;
    return unresolvable(ERR_REASON);
  }
}
