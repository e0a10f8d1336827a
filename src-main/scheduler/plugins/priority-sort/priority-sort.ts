/** PrioritySort: the active queue pops higher priority first, then the pod queued earlier. */
import type { QueuedPodView, QueueSortPlugin } from '../../framework/interface';
import * as names from '../names';

export class PrioritySort implements QueueSortPlugin {
  readonly name = names.PrioritySort;

  less(a: QueuedPodView, b: QueuedPodView): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}
