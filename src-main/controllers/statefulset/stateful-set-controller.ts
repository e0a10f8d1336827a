/**
 * The StatefulSet controller: pods with stable names `<set>-<ordinal>` (hostname and subdomain
 * from the set), created in order and each only once the ones before it are Running and Ready
 * (OrderedReady), or all at once (Parallel); scaled down from the highest ordinal; rolling
 * updates replace pods from the highest ordinal down to the partition, one at a time once the
 * replaced pod is ready again; status with current/update revisions.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import type { KubeObject } from '../../kube/object';
import { PODS, STATEFUL_SETS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { controllerOf, enqueueControllerOf, newControllerRef } from '../common/controller-ref';
import { isPodAvailable, isPodReady, podPhase } from '../common/pods';
import { QueueController } from '../common/queue-controller';
import { templateHash } from '../common/template-hash';

const REVISION_HASH = 'controller-revision-hash';
const POD_NAME = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX = 'apps.kubernetes.io/pod-index';

interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  minReadySeconds?: number;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  ordinals?: { start?: number };
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

const ordinalOf = (set: string, pod: KubeObject): number => {
  const m = new RegExp(`^${set.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
};
const runningAndReady = (p: KubeObject): boolean => podPhase(p) === 'Running' && isPodReady(p) && !p.metadata.deletionTimestamp;

export class StatefulSetController extends QueueController {
  readonly name = 'statefulset-controller';
  private readonly sets: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.recorder = new EventRecorder(client, clock, 'statefulset-controller');
    this.sets = informers.informer(STATEFUL_SETS);
    this.pods = informers.informer(PODS);
    this.pods.addIndexer('controller-uid', (p) => [controllerOf(p)?.uid ?? '']);
    this.sets.addEventHandler({ onAdd: (s) => this.enqueue(objectKey(s)), onUpdate: (_o, s) => this.enqueue(objectKey(s)) });
    this.pods.addEventHandler(enqueueControllerOf('StatefulSet', (key) => this.enqueue(key)));
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const set = this.sets.get(namespace, name);
    if (!set || set.metadata.deletionTimestamp) return;
    const spec = (set.spec ?? {}) as StatefulSetSpec;
    const replicas = spec.replicas ?? 1;
    const start = spec.ordinals?.start ?? 0;
    const updateRevision = `${name}-${templateHash(spec.template)}`;
    const parallel = spec.podManagementPolicy === 'Parallel';
    const pods = this.pods.byIndex('controller-uid', set.metadata.uid ?? '');
    const byOrdinal = new Map<number, KubeObject>();
    for (const p of pods) byOrdinal.set(ordinalOf(name, p), p);
    let acted = false;
    // Failed pods are replaced (deleted, then re-created under the same name).
    for (const p of pods) {
      if (podPhase(p) === 'Failed' && !p.metadata.deletionTimestamp) {
        await this.deletePod(set, p);
        acted = true;
      }
    }
    // Scale up, in order.
    for (let i = start; i < start + replicas && !acted; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        await this.createPod(set, spec, i, updateRevision);
        if (!parallel) acted = true;
        continue;
      }
      if (!parallel && !runningAndReady(p)) acted = true; // wait for this one before the next
    }
    // Scale down, from the highest ordinal, one at a time unless Parallel.
    if (!acted) {
      const extra = pods.filter((p) => ordinalOf(name, p) >= start + replicas || ordinalOf(name, p) < start).sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a));
      for (const p of extra) {
        if (p.metadata.deletionTimestamp) {
          if (!parallel) acted = true;
          break;
        }
        await this.deletePod(set, p);
        acted = true;
        if (!parallel) break;
      }
    }
    // Rolling update: highest ordinal first, down to the partition, one pod at a time.
    if (!acted && (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      for (let i = start + replicas - 1; i >= start + partition; i--) {
        const p = byOrdinal.get(i);
        if (!p) break;
        if (p.metadata.labels?.[REVISION_HASH] === updateRevision) {
          if (!runningAndReady(p)) break;
          continue;
        }
        if (!p.metadata.deletionTimestamp) await this.deletePod(set, p);
        break;
      }
    }
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const now = this.clock.now();
    const updated = live.filter((p) => p.metadata.labels?.[REVISION_HASH] === updateRevision).length;
    const oldStatus = (set.status ?? {}) as { currentRevision?: string; collisionCount?: number };
    const currentRevision = updated === replicas || !oldStatus.currentRevision ? updateRevision : oldStatus.currentRevision;
    const status: Record<string, unknown> = {
      observedGeneration: set.metadata.generation,
      replicas: live.length,
      readyReplicas: live.filter(isPodReady).length,
      currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_HASH] === currentRevision).length,
      updatedReplicas: updated,
      availableReplicas: live.filter((p) => isPodAvailable(p, spec.minReadySeconds ?? 0, now)).length,
      currentRevision,
      updateRevision,
      collisionCount: oldStatus.collisionCount ?? 0,
    };
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (status[k] === 0) delete status[k];
    if (jsonEqual(status, set.status ?? {})) return;
    try {
      await this.client.update(STATEFUL_SETS, { ...set, status }, { subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
      this.enqueue(key);
    }
  }

  private async createPod(set: KubeObject, spec: StatefulSetSpec, ordinal: number, revision: string): Promise<void> {
    const name = `${set.metadata.name ?? ''}-${ordinal}`;
    const template = spec.template ?? {};
    const podSpec = { ...structuredClone(template.spec ?? {}), hostname: name, ...(spec.serviceName ? { subdomain: spec.serviceName } : {}) };
    const pod: KubeObject = {
      metadata: {
        name,
        namespace: set.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}), [REVISION_HASH]: revision, [POD_NAME]: name, [POD_INDEX]: String(ordinal) },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
      },
      spec: podSpec,
    };
    try {
      await this.client.create(PODS, set.metadata.namespace ?? '', pod);
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name ?? ''} successful`);
    } catch (e) {
      if (e instanceof StatusError && e.status.reason === 'AlreadyExists') return;
      this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name ?? ''} failed error: ${e instanceof StatusError ? e.status.message : String(e)}`);
    }
  }

  private async deletePod(set: KubeObject, p: KubeObject): Promise<void> {
    try {
      await this.client.delete(PODS, p.metadata.namespace ?? '', p.metadata.name ?? '', { preconditions: { uid: p.metadata.uid } });
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} successful`);
    } catch {
      // already gone
    }
  }
}
