/**
 * The taint eviction controller: pods on a node with NoExecute taints they do not tolerate are
 * deleted at once; pods tolerating them for tolerationSeconds are deleted when that time (from
 * the taint's timeAdded) runs out, unless the taint goes away first. Before deleting, the pod
 * gets a DisruptionTarget condition, as upstream does.
 */
import type { Clock, TimerHandle } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { metaTime } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { NODES, PODS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { tolerationsFor, type Taint, type Toleration } from '../../kube/taints';
import { nodeNameOf } from '../common/pods';
import { QueueController } from '../common/queue-controller';

const NODE_INDEX = 'node';

export class TaintEvictionController extends QueueController {
  readonly name = 'taint-eviction-controller';
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;
  /** Pending evictions by pod key, so a removed taint can cancel them. */
  private readonly scheduled = new Map<string, { at: number; timer: TimerHandle }>();

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.recorder = new EventRecorder(client, clock, 'taint-eviction-controller');
    this.nodes = informers.informer(NODES);
    this.pods = informers.informer(PODS);
    this.pods.addIndexer(NODE_INDEX, (p) => [nodeNameOf(p)]);
    const nodeChanged = (node: KubeObject): void => {
      for (const pod of this.pods.byIndex(NODE_INDEX, node.metadata.name ?? '')) this.enqueue(objectKey(pod));
    };
    this.nodes.addEventHandler({ onAdd: nodeChanged, onUpdate: (_o, n) => nodeChanged(n) });
    this.pods.addEventHandler({ onAdd: (p) => this.enqueue(objectKey(p)), onUpdate: (_o, p) => this.enqueue(objectKey(p)) });
  }

  override stop(): void {
    for (const s of this.scheduled.values()) this.clock.clearTimeout(s.timer);
    this.scheduled.clear();
    super.stop();
  }

  private cancel(key: string): void {
    const s = this.scheduled.get(key);
    if (s) this.clock.clearTimeout(s.timer);
    this.scheduled.delete(key);
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    const nodeName = pod ? nodeNameOf(pod) : '';
    if (!pod || !nodeName || pod.metadata.deletionTimestamp) {
      this.cancel(key);
      return;
    }
    const node = this.nodes.get('', nodeName);
    const taints = ((node?.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) {
      this.cancel(key);
      return;
    }
    const tolerations = ((pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'NoExecute');
    const now = this.clock.now();
    let deadline = Infinity;
    for (const taint of taints) {
      const matching = tolerationsFor(tolerations, taint);
      if (matching.length === 0) {
        deadline = now;
        break;
      }
      // The shortest tolerationSeconds among the matching tolerations; none set means forever.
      const seconds = Math.min(...matching.map((t) => (t.tolerationSeconds === undefined ? Infinity : Math.max(0, t.tolerationSeconds))));
      const added = Date.parse(taint.timeAdded ?? '') || now;
      deadline = Math.min(deadline, added + seconds * 1000);
    }
    if (deadline === Infinity) {
      this.cancel(key);
      return;
    }
    if (deadline <= now) {
      this.cancel(key);
      await this.evict(pod, now);
      return;
    }
    if (this.scheduled.get(key)?.at === deadline) return;
    this.cancel(key);
    const timer = this.clock.setTimeout(() => {
      this.scheduled.delete(key);
      this.enqueue(key);
    }, deadline - now);
    this.scheduled.set(key, { at: deadline, timer });
  }

  private async evict(pod: KubeObject, now: number): Promise<void> {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`);
    const conditions = [
      ...((pod.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: metaTime(now), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
    ];
    await this.client.patch(PODS, ns, name, 'merge', { metadata: { uid: pod.metadata.uid }, status: { conditions } }, { subresource: 'status' }).catch(() => undefined);
    try {
      await this.client.delete(PODS, ns, name, { preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 404 || e.status.code === 409))) throw e;
    }
  }
}
