/**
 * The DaemonSet controller: one pod per eligible node (nodeSelector, required node affinity and
 * NoSchedule/NoExecute taints the pod does not tolerate rule a node out), pinned to its node with
 * required node affinity on metadata.name as upstream does, with the daemon tolerations added;
 * RollingUpdate replaces pods of an older template hash at most maxUnavailable at a time; status
 * counts desired, current, ready, available, updated and misscheduled pods.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { podMatchesNode, type NodeSelectorRequirement } from '../../kube/node-affinity';
import type { KubeObject } from '../../kube/object';
import { DAEMON_SETS, NODES, PODS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { tolerationsFor, type Taint, type Toleration } from '../../kube/taints';
import { jsonEqual } from '../../kube/validation/object-meta';
import { controllerOf, enqueueControllerOf, newControllerRef } from '../common/controller-ref';
import { isPodActive, isPodAvailable, isPodReady, nodeNameOf } from '../common/pods';
import { QueueController } from '../common/queue-controller';
import { templateHash } from '../common/template-hash';

const REVISION_HASH = 'controller-revision-hash';
const TEMPLATE_GENERATION = 'pod-template-generation';

/** The tolerations every daemon pod gets (util.AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

interface DaemonSetSpec {
  selector?: { matchLabels?: Record<string, string> };
  minReadySeconds?: number;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string } };
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

/** Whether the daemon pod should run on this node (nodeShouldRunDaemonPod, simplified to its predicates). */
export function shouldRun(template: Record<string, unknown>, node: KubeObject): boolean {
  const spec = template as { tolerations?: Toleration[] };
  if (!podMatchesNode(template, node)) return false;
  const tolerations = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  return taints.every((t) => tolerationsFor(tolerations, t).length > 0);
}

export class DaemonSetController extends QueueController {
  readonly name = 'daemonset-controller';
  private readonly sets: Informer;
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.recorder = new EventRecorder(client, clock, 'daemonset-controller');
    this.sets = informers.informer(DAEMON_SETS);
    this.nodes = informers.informer(NODES);
    this.pods = informers.informer(PODS);
    this.pods.addIndexer('controller-uid', (p) => [controllerOf(p)?.uid ?? '']);
    const all = (): void => {
      for (const ds of this.sets.list()) this.enqueue(objectKey(ds));
    };
    this.sets.addEventHandler({ onAdd: (d) => this.enqueue(objectKey(d)), onUpdate: (_o, d) => this.enqueue(objectKey(d)) });
    this.nodes.addEventHandler({ onAdd: all, onUpdate: all, onDelete: all });
    this.pods.addEventHandler(enqueueControllerOf('DaemonSet', (key) => this.enqueue(key)));
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const ds = this.sets.get(namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const spec = (ds.spec ?? {}) as DaemonSetSpec;
    const template = spec.template ?? {};
    const hash = templateHash(template);
    const now = this.clock.now();
    const pods = this.pods.byIndex('controller-uid', ds.metadata.uid ?? '').filter(isPodActive);
    const byNode = new Map<string, KubeObject[]>();
    for (const p of pods) {
      const n = this.targetNode(p);
      let list = byNode.get(n);
      if (!list) byNode.set(n, (list = []));
      list.push(p);
    }
    let desired = 0;
    let misscheduled = 0;
    const toCreate: string[] = [];
    const toDelete: KubeObject[] = [];
    for (const node of this.nodes.list()) {
      const nodeName = node.metadata.name ?? '';
      const here = byNode.get(nodeName) ?? [];
      if (shouldRun(template.spec ?? {}, node)) {
        desired++;
        if (here.length === 0) toCreate.push(nodeName);
        else toDelete.push(...here.slice(1)); // duplicates: keep one
      } else if (here.length > 0) {
        misscheduled += here.length;
        toDelete.push(...here);
      }
    }
    for (const [n, list] of byNode) if (!this.nodes.get('', n)) toDelete.push(...list);
    // RollingUpdate: replace old-hash pods, keeping at most maxUnavailable unavailable.
    const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    if (rolling) {
      const maxUnavailable = typeof spec.updateStrategy?.rollingUpdate?.maxUnavailable === 'number' ? spec.updateStrategy.rollingUpdate.maxUnavailable : 1;
      const unavailable = pods.filter((p) => !isPodAvailable(p, spec.minReadySeconds ?? 0, now)).length + toCreate.length;
      let budget = Math.max(0, maxUnavailable - unavailable);
      for (const p of pods) {
        if (budget <= 0) break;
        if (p.metadata.labels?.[REVISION_HASH] !== hash && !toDelete.includes(p)) {
          toDelete.push(p);
          budget--;
        }
      }
    }
    for (const nodeName of toCreate) await this.createPod(ds, template, hash, nodeName);
    for (const p of toDelete) {
      await this.client.delete(PODS, p.metadata.namespace ?? '', p.metadata.name ?? '').then(
        () => this.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name ?? ''}`),
        () => undefined,
      );
    }
    const scheduled = pods.filter((p) => !toDelete.includes(p));
    const status = {
      currentNumberScheduled: scheduled.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: scheduled.filter(isPodReady).length,
      numberAvailable: scheduled.filter((p) => isPodAvailable(p, spec.minReadySeconds ?? 0, now)).length,
      numberUnavailable: Math.max(0, desired - scheduled.filter((p) => isPodAvailable(p, spec.minReadySeconds ?? 0, now)).length),
      updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.[REVISION_HASH] === hash).length,
      observedGeneration: ds.metadata.generation,
    };
    const clean = Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== 0 || k === 'currentNumberScheduled' || k === 'desiredNumberScheduled' || k === 'numberMisscheduled' || k === 'numberReady'));
    if (jsonEqual(clean, ds.status ?? {})) return;
    try {
      await this.client.update(DAEMON_SETS, { ...ds, status: clean }, { subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
      this.enqueue(key);
    }
  }

  /** The node a daemon pod is for: its nodeName, or the node its required affinity names. */
  private targetNode(p: KubeObject): string {
    const bound = nodeNameOf(p);
    if (bound) return bound;
    const terms = ((p.spec as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: NodeSelectorRequirement[] }[] } } } }).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms) ?? [];
    return terms[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0] ?? '';
  }

  private async createPod(ds: KubeObject, template: NonNullable<DaemonSetSpec['template']>, hash: string, nodeName: string): Promise<void> {
    const spec = structuredClone(template.spec ?? {}) as Record<string, unknown> & { tolerations?: Toleration[]; affinity?: Record<string, unknown> };
    const existing = spec.tolerations ?? [];
    spec.tolerations = [...existing, ...DAEMON_TOLERATIONS.filter((t) => !existing.some((e) => e.key === t.key && e.effect === t.effect))];
    spec.affinity = {
      ...(spec.affinity ?? {}),
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } },
    };
    const pod: KubeObject = {
      metadata: {
        generateName: `${ds.metadata.name ?? ''}-`,
        namespace: ds.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}), [REVISION_HASH]: hash, [TEMPLATE_GENERATION]: String(ds.metadata.generation ?? 1) },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
      },
      spec,
    };
    try {
      const created = await this.client.create(PODS, ds.metadata.namespace ?? '', pod);
      this.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
    } catch (e) {
      this.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${e instanceof StatusError ? e.status.message : String(e)}`);
    }
  }
}
