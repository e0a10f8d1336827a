/**
 * framework.NodeToStatus: why each node was rejected. Nodes not in the map share one "absent"
 * status — upstream's trick for a PreFilter rejection (every node gets the same status) and for
 * nodes a PreFilter result ruled out.
 */
import { Status } from './status';

export class NodeToStatus {
  private readonly map = new Map<string, Status>();
  absent: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, s: Status): void {
    this.map.set(node, s);
  }

  /** The node's status; the absent status for nodes not in the map. */
  get(node: string): Status {
    return this.map.get(node) ?? this.absent;
  }

  has(node: string): boolean {
    return this.map.has(node);
  }

  get size(): number {
    return this.map.size;
  }

  entries(): IterableIterator<[string, Status]> {
    return this.map.entries();
  }
}
