/**
 * The ReplicaSet controller: keeps spec.replicas active pods matching the selector, adopting
 * orphans and releasing pods that stopped matching, creating in slow-start batches and deleting
 * the least valuable pods first; reports replicas, fullyLabeled, ready and available counts.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { byNamespace, NAMESPACE_INDEX, objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { labelSelectorFromMeta, matchLabels, type LabelSelector } from '../../kube/labels';
import { metaTime as ts } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { PODS, REPLICA_SETS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { controllerOf, newControllerRef } from '../common/controller-ref';
import { Expectations } from '../common/expectations';
import { isPodActive, isPodAvailable, isPodReady } from '../common/pods';
import { QueueController } from '../common/queue-controller';
import { podsToDelete } from './pods-to-delete';

/** kube-controller-manager's burstReplicas: at most this many creations or deletions per sync. */
const BURST_REPLICAS = 500;

interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: Parameters<typeof labelSelectorFromMeta>[0];
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }; spec?: unknown };
}

interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
}

export class ReplicaSetController extends QueueController {
  readonly name = 'replicaset-controller';
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly expectations: Expectations;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.expectations = new Expectations(clock);
    this.recorder = new EventRecorder(client, clock, 'replicaset-controller');
    this.rsInformer = informers.informer(REPLICA_SETS);
    this.podInformer = informers.informer(PODS);
    this.rsInformer.addIndexer(NAMESPACE_INDEX, byNamespace);
    this.podInformer.addIndexer(NAMESPACE_INDEX, byNamespace);
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(objectKey(rs)),
      onUpdate: (_old, rs) => this.enqueue(objectKey(rs)),
      onDelete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.enqueue(objectKey(rs));
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.podChanged(pod, 'add'),
      onUpdate: (old, pod) => {
        this.podChanged(pod, 'update');
        const oldRef = controllerOf(old);
        if (oldRef && oldRef.uid !== controllerOf(pod)?.uid) this.enqueueOwner(old);
      },
      onDelete: (pod) => this.podChanged(pod, 'delete'),
    });
  }

  private ownerKey(pod: KubeObject): string | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.rsInformer.get(pod.metadata.namespace ?? '', ref.name);
    return rs && rs.metadata.uid === ref.uid ? objectKey(rs) : undefined;
  }

  private enqueueOwner(pod: KubeObject): void {
    const key = this.ownerKey(pod);
    if (key) this.enqueue(key);
  }

  private podChanged(pod: KubeObject, what: 'add' | 'update' | 'delete'): void {
    const key = this.ownerKey(pod);
    if (key) {
      if (what === 'add') this.expectations.creationObserved(key);
      if (what === 'delete') this.expectations.deletionObserved(key);
      this.enqueue(key);
      return;
    }
    if (controllerOf(pod) || what === 'delete') return;
    // An orphan: every ReplicaSet that selects it may adopt it.
    for (const rs of this.rsInformer.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '')) {
      if (matchLabels(selectorOf(rs), pod.metadata.labels)) this.enqueue(objectKey(rs));
    }
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const rs = this.rsInformer.get(namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const spec = (rs.spec ?? {}) as ReplicaSetSpec;
    const selector = selectorOf(rs);
    const pods = await this.claimPods(rs, selector);
    const active = pods.filter(isPodActive);
    let failure: unknown;
    if (this.expectations.satisfied(key) && !rs.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(rs, key, active, spec.replicas ?? 1);
      } catch (e) {
        failure = e;
      }
    }
    await this.updateStatus(rs, active, failure);
    const minReady = spec.minReadySeconds ?? 0;
    if (minReady > 0 && active.some((p) => isPodReady(p) && !isPodAvailable(p, minReady, this.clock.now()))) {
      this.enqueueAfter(key, minReady * 1000);
    }
    if (failure) throw failure;
  }

  /** The pods this ReplicaSet owns after adopting matching orphans and releasing non-matching pods. */
  private async claimPods(rs: KubeObject, selector: LabelSelector): Promise<KubeObject[]> {
    const owned: KubeObject[] = [];
    for (const pod of this.podInformer.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '')) {
      const ref = controllerOf(pod);
      const matches = matchLabels(selector, pod.metadata.labels);
      if (ref) {
        if (ref.uid !== rs.metadata.uid) continue;
        if (matches || rs.metadata.deletionTimestamp) {
          owned.push(pod);
          continue;
        }
        await this.patchOwner(pod, { $patch: 'delete', uid: rs.metadata.uid }).catch(() => undefined);
        continue;
      }
      if (!matches || pod.metadata.deletionTimestamp || rs.metadata.deletionTimestamp || !isPodActive(pod)) continue;
      try {
        const adopted = await this.patchOwner(pod, newControllerRef(rs, 'apps/v1', 'ReplicaSet'));
        owned.push(adopted);
      } catch {
        // Someone else adopted it or it is gone: leave it.
      }
    }
    return owned;
  }

  private patchOwner(pod: KubeObject, ref: object): Promise<KubeObject> {
    return this.client.patch(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'strategic', {
      metadata: { ownerReferences: [ref], uid: pod.metadata.uid },
    });
  }

  private async manageReplicas(rs: KubeObject, key: string, active: KubeObject[], replicas: number): Promise<void> {
    const diff = active.length - replicas;
    if (diff < 0) {
      const want = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expect(key, want, 0);
      const created = await slowStartBatch(want, 1, () => this.createPod(rs));
      if (created < want) {
        this.expectations.lowerCreations(key, want - created);
        throw new Error(`created ${created} of ${want} pods`);
      }
    } else if (diff > 0) {
      const victims = podsToDelete(active, active, Math.min(diff, BURST_REPLICAS));
      this.expectations.expect(key, 0, victims.length);
      const results = await Promise.allSettled(victims.map((p) => this.deletePod(rs, p)));
      const failed = results.filter((r) => r.status === 'rejected').length;
      if (failed > 0) {
        this.expectations.lowerDeletions(key, failed);
        throw new Error(`failed to delete ${failed} pods`);
      }
    }
  }

  private async createPod(rs: KubeObject): Promise<void> {
    const template = ((rs.spec ?? {}) as ReplicaSetSpec).template ?? {};
    const meta = template.metadata ?? {};
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name ?? ''}-`,
        namespace: rs.metadata.namespace,
        labels: { ...(meta.labels ?? {}) },
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
        ownerReferences: [newControllerRef(rs, 'apps/v1', 'ReplicaSet')],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    try {
      const created = await this.client.create(PODS, rs.metadata.namespace ?? '', pod);
      this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
    } catch (e) {
      const msg = e instanceof StatusError ? e.status.message : String(e);
      this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`);
      throw e;
    }
  }

  private async deletePod(rs: KubeObject, pod: KubeObject): Promise<void> {
    try {
      await this.client.delete(PODS, pod.metadata.namespace ?? '', pod.metadata.name ?? '');
      this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`);
    } catch (e) {
      if (e instanceof StatusError && e.status.code === 404) {
        this.expectations.deletionObserved(objectKey(rs));
        return;
      }
      const msg = e instanceof StatusError ? e.status.message : String(e);
      this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${msg}`);
      throw e;
    }
  }

  private async updateStatus(rs: KubeObject, active: KubeObject[], failure: unknown): Promise<void> {
    const spec = (rs.spec ?? {}) as ReplicaSetSpec;
    const templateLabels = spec.template?.metadata?.labels ?? {};
    const now = this.clock.now();
    const old = (rs.status ?? { replicas: 0 }) as ReplicaSetStatus;
    const next: ReplicaSetStatus = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((p) => isPodAvailable(p, spec.minReadySeconds ?? 0, now)).length,
      observedGeneration: rs.metadata.generation,
    };
    const failureCondition = old.conditions?.find((c) => c.type === 'ReplicaFailure');
    if (failure) {
      const reason = active.length < (spec.replicas ?? 1) ? 'FailedCreate' : 'FailedDelete';
      const message = failure instanceof StatusError ? failure.status.message : String(failure instanceof Error ? failure.message : failure);
      next.conditions = [
        failureCondition?.reason === reason ? failureCondition : { type: 'ReplicaFailure', status: 'True', lastTransitionTime: ts(now), reason, message },
      ];
    } else if (failureCondition && active.length === (spec.replicas ?? 1)) {
      next.conditions = undefined;
    } else if (old.conditions) {
      next.conditions = old.conditions;
    }
    for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (next[k] === 0) delete next[k];
    if (next.conditions === undefined) delete next.conditions;
    if (JSON.stringify(normalize(old)) === JSON.stringify(normalize(next))) return;
    try {
      await this.client.update(REPLICA_SETS, { ...rs, status: next }, { subresource: 'status' });
    } catch (e) {
      // A newer ReplicaSet is on its way through the informer; that sync writes the status.
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
    }
  }
}

function selectorOf(rs: KubeObject): LabelSelector {
  return labelSelectorFromMeta(((rs.spec ?? {}) as ReplicaSetSpec).selector);
}

function normalize(s: ReplicaSetStatus): unknown {
  const keys = Object.keys(s).sort() as (keyof ReplicaSetStatus)[];
  return keys.map((k) => [k, s[k]]);
}


/**
 * Runs `fn` count times in batches of 1, 2, 4, ... (controller.slowStartBatch), stopping after a
 * batch with a failure so a broken template does not fire hundreds of doomed requests.
 */
export async function slowStartBatch(count: number, initial: number, fn: () => Promise<void>): Promise<number> {
  let done = 0;
  let batch = Math.min(count, initial);
  while (batch > 0) {
    const results = await Promise.allSettled(Array.from({ length: batch }, fn));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    done += ok;
    if (ok < batch) return done;
    batch = Math.min(2 * batch, count - done);
  }
  return done;
}
