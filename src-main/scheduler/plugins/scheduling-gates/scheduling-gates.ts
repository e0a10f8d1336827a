/** SchedulingGates: a pod with spec.schedulingGates stays out of the active queue until they are removed. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PreEnqueuePlugin } from '../../framework/interface';
import { unresolvable, type MaybeStatus } from '../../framework/status';
import * as names from '../names';

export class SchedulingGates implements PreEnqueuePlugin {
  readonly name = names.SchedulingGates;

  preEnqueue(pod: Pod): MaybeStatus {
    const gates = pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return undefined;
    // Go prints a []string with %v as [a b].
    return unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }
}
