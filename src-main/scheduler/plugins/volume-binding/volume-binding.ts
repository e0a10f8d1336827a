/**
 * VolumeBinding — a placeholder until PersistentVolumeClaim binding exists in Kubedeck. Upstream
 * checks that the pod's PVCs are bound (or can be bound) to volumes reachable from the node; here
 * every node passes. It keeps its place in the profile so the filter order, the plugin list shown
 * to people and the skip behaviour (pods without PVCs skip it) match upstream.
 */
import type { CycleContext, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { skip, type MaybeStatus } from '../../framework/status';
import * as names from '../names';

export class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  readonly name = names.VolumeBinding;

  preFilter(_ctx: CycleContext, pod: PodInfo): PreFilterResult | undefined {
    const hasClaims = (pod.pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim !== undefined || v.ephemeral !== undefined);
    return hasClaims ? undefined : { status: skip() };
  }

  filter(_ctx: CycleContext, _pod: PodInfo, _node: NodeInfo): MaybeStatus {
    return undefined;
  }
}
