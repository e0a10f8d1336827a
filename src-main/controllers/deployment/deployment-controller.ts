/**
 * The Deployment controller: owns ReplicaSets by template hash and rolls from old to new with
 * RollingUpdate (maxSurge / maxUnavailable) or Recreate, scales proportionally, keeps revisions
 * (`kubectl rollout undo` re-uses an old ReplicaSet, which gets the next revision), prunes old
 * ReplicaSets past revisionHistoryLimit, and reports status with Available and Progressing.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { byNamespace, NAMESPACE_INDEX, objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { labelSelectorFromMeta, matchLabels } from '../../kube/labels';
import { metaTime as ts } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { controllerOf, newControllerRef } from '../common/controller-ref';
import { isPodActive } from '../common/pods';
import { QueueController } from '../common/queue-controller';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  POD_TEMPLATE_HASH,
  REVISION,
  REVISION_HISTORY,
  deploymentComplete,
  fenceposts,
  inheritedAnnotations,
  maxRevision,
  podTemplateHash,
  revisionOf,
  rsSpecReplicas,
  rsStatus,
  specOf,
  sumAvailable,
  sumSpec,
  templatesEqual,
} from './deployment-util';
import { calculateStatus, condition, setCondition, statusOf, syncProgressing } from './status';

const created = (o: KubeObject): number => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
const byAge = (a: KubeObject, b: KubeObject): number => created(a) - created(b) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');


export class DeploymentController extends QueueController {
  readonly name = 'deployment-controller';
  private readonly dInformer: Informer;
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.recorder = new EventRecorder(client, clock, 'deployment-controller');
    this.dInformer = informers.informer(DEPLOYMENTS);
    this.rsInformer = informers.informer(REPLICA_SETS);
    this.podInformer = informers.informer(PODS);
    for (const inf of [this.dInformer, this.rsInformer, this.podInformer]) inf.addIndexer(NAMESPACE_INDEX, byNamespace);
    this.dInformer.addEventHandler({
      onAdd: (d) => this.enqueue(objectKey(d)),
      onUpdate: (_o, d) => this.enqueue(objectKey(d)),
      onDelete: (d) => this.enqueue(objectKey(d)),
    });
    const rsChanged = (rs: KubeObject): void => this.enqueueOwnerOf(rs);
    this.rsInformer.addEventHandler({ onAdd: rsChanged, onUpdate: (_o, rs) => rsChanged(rs), onDelete: rsChanged });
    // Recreate waits for old pods to go away; a deleted pod may unblock it.
    this.podInformer.addEventHandler({
      onDelete: (pod) => {
        const ref = controllerOf(pod);
        if (!ref || ref.kind !== 'ReplicaSet') return;
        const rs = this.rsInformer.get(pod.metadata.namespace ?? '', ref.name);
        if (rs) this.enqueueOwnerOf(rs);
      },
    });
  }

  private enqueueOwnerOf(rs: KubeObject): void {
    const ref = controllerOf(rs);
    if (ref?.kind === 'Deployment') {
      this.enqueue(`${rs.metadata.namespace ?? ''}/${ref.name}`);
      return;
    }
    if (ref) return;
    for (const d of this.dInformer.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '')) {
      if (matchLabels(labelSelectorFromMeta(specOf(d).selector), rs.metadata.labels)) this.enqueue(objectKey(d));
    }
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const d = this.dInformer.get(namespace, name);
    if (!d) return;
    const spec = specOf(d);
    const rsList = await this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) {
      await this.syncStatusOnly(d, rsList);
      return;
    }
    if (spec.paused || this.isScalingEvent(d, rsList)) {
      await this.syncScale(d, rsList);
      return;
    }
    if (spec.strategy?.type === 'Recreate') await this.rolloutRecreate(d, rsList);
    else await this.rolloutRolling(d, rsList);
    const deadline = spec.progressDeadlineSeconds;
    if (deadline !== undefined && !deploymentComplete(d, statusOf(d))) this.enqueueAfter(key, deadline * 1000 + 1000);
  }

  /** ReplicaSets this Deployment controls, adopting matching orphans. */
  private async claimReplicaSets(d: KubeObject): Promise<KubeObject[]> {
    const selector = labelSelectorFromMeta(specOf(d).selector);
    const out: KubeObject[] = [];
    for (const rs of this.rsInformer.byIndex(NAMESPACE_INDEX, d.metadata.namespace ?? '')) {
      const ref = controllerOf(rs);
      if (ref) {
        if (ref.uid === d.metadata.uid) out.push(rs);
        continue;
      }
      if (d.metadata.deletionTimestamp || rs.metadata.deletionTimestamp || !matchLabels(selector, rs.metadata.labels)) continue;
      try {
        out.push(
          await this.client.patch(REPLICA_SETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '', 'strategic', {
            metadata: { ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')], uid: rs.metadata.uid },
          }),
        );
      } catch {
        // adopted by someone else, or gone
      }
    }
    return out;
  }

  private isScalingEvent(d: KubeObject, rsList: KubeObject[]): boolean {
    const replicas = specOf(d).replicas ?? 1;
    const { newRS, oldRSs } = this.split(d, rsList);
    for (const rs of [...(newRS ? [newRS] : []), ...oldRSs]) {
      if (rsSpecReplicas(rs) === 0) continue;
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
      if (desired !== undefined && Number(desired) !== replicas) return true;
    }
    return false;
  }

  /** The ReplicaSet running the current template (the oldest if several) and the others. */
  private split(d: KubeObject, rsList: KubeObject[]): { newRS?: KubeObject; oldRSs: KubeObject[] } {
    const sorted = [...rsList].sort(byAge);
    const template = specOf(d).template;
    const newRS = sorted.find((rs) => templatesEqual((rs.spec as { template?: typeof template } | undefined)?.template, template));
    return { newRS, oldRSs: sorted.filter((rs) => rs !== newRS) };
  }

  /** The new ReplicaSet, created (or its revision annotations brought up to date) when asked. */
  private async getNewReplicaSet(d: KubeObject, rsList: KubeObject[], oldRSs: KubeObject[], existing: KubeObject | undefined, create: boolean): Promise<KubeObject | undefined> {
    const newRevision = String(maxRevision(oldRSs) + 1);
    const replicas = specOf(d).replicas ?? 1;
    const { maxSurge } = fenceposts(d);
    if (existing) {
      const ann = existing.metadata.annotations ?? {};
      const wanted = this.rsAnnotations(d, existing, newRevision, rsSpecReplicas(existing), oldRSs);
      const changed = Object.entries(wanted).some(([k, v]) => ann[k] !== v);
      let rs = existing;
      if (changed) {
        rs = await this.client.update(REPLICA_SETS, { ...existing, metadata: { ...existing.metadata, annotations: { ...ann, ...wanted } } });
      }
      await this.setDeploymentRevision(d, revisionOf(rs));
      return rs;
    }
    if (!create) return undefined;
    const spec = specOf(d);
    const collisionCount = statusOf(d).collisionCount;
    const hash = podTemplateHash(spec.template, collisionCount);
    const template = structuredClone(spec.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const selector = structuredClone(spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const strategyReplicas = spec.strategy?.type === 'Recreate' ? 0 : this.newRSReplicas(d, rsList, undefined);
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name ?? ''}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(template.metadata.labels ?? {}) },
        annotations: {
          ...inheritedAnnotations(d),
          [DESIRED_REPLICAS]: String(replicas),
          [MAX_REPLICAS]: String(replicas + maxSurge),
          [REVISION]: newRevision,
        },
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
      },
      spec: { replicas: strategyReplicas, minReadySeconds: spec.minReadySeconds ?? 0, selector, template },
    };
    let createdRS: KubeObject;
    try {
      createdRS = await this.client.create(REPLICA_SETS, d.metadata.namespace ?? '', rs);
    } catch (e) {
      if (e instanceof StatusError && e.status.reason === 'AlreadyExists') {
        const other = await this.client.get(REPLICA_SETS, d.metadata.namespace ?? '', rs.metadata.name ?? '');
        if (controllerOf(other)?.uid === d.metadata.uid && templatesEqual((other.spec as { template?: typeof template }).template, spec.template)) return other;
        // A hash collision: bump collisionCount so the next sync picks another name.
        await this.writeStatus(d, { ...statusOf(d), collisionCount: (collisionCount ?? 0) + 1 });
      }
      throw e;
    }
    if (strategyReplicas > 0) {
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name ?? ''} from 0 to ${strategyReplicas}`);
    }
    const now = ts(this.clock.now());
    const status = structuredClone(statusOf(d));
    setCondition(status, condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set ${JSON.stringify(createdRS.metadata.name ?? '')}`, now));
    await this.writeStatus(d, status);
    await this.setDeploymentRevision(d, Number(newRevision));
    return createdRS;
  }

  private rsAnnotations(d: KubeObject, rs: KubeObject, newRevision: string, _replicas: number, _oldRSs: KubeObject[]): Record<string, string> {
    const out: Record<string, string> = { ...inheritedAnnotations(d) };
    const current = rs.metadata.annotations?.[REVISION];
    if (current !== undefined && Number(current) < Number(newRevision)) {
      out[REVISION] = newRevision;
      const history = rs.metadata.annotations?.[REVISION_HISTORY];
      out[REVISION_HISTORY] = history ? `${history},${current}` : current;
    } else if (current === undefined) {
      out[REVISION] = newRevision;
    }
    const replicas = specOf(d).replicas ?? 1;
    out[DESIRED_REPLICAS] = String(replicas);
    out[MAX_REPLICAS] = String(replicas + fenceposts(d).maxSurge);
    return out;
  }

  private async setDeploymentRevision(d: KubeObject, revision: number): Promise<void> {
    const current = d.metadata.annotations?.[REVISION];
    if (current === String(revision)) return;
    try {
      await this.client.patch(DEPLOYMENTS, d.metadata.namespace ?? '', d.metadata.name ?? '', 'merge', {
        metadata: { annotations: { [REVISION]: String(revision) } },
      });
    } catch (e) {
      if (!(e instanceof StatusError && e.status.code === 404)) throw e;
    }
  }

  /** NewRSNewReplicas for RollingUpdate: grow the new ReplicaSet as far as maxSurge allows. */
  private newRSReplicas(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject | undefined): number {
    const replicas = specOf(d).replicas ?? 1;
    const current = newRS ? rsSpecReplicas(newRS) : 0;
    const { maxSurge } = fenceposts(d);
    const total = sumSpec(allRSs);
    const maxTotal = replicas + maxSurge;
    if (total >= maxTotal) return current;
    return current + Math.max(0, Math.min(maxTotal - total, replicas - current));
  }

  private async scaleRS(d: KubeObject, rs: KubeObject, replicas: number): Promise<KubeObject> {
    const from = rsSpecReplicas(rs);
    const wanted = this.rsAnnotations(d, rs, rs.metadata.annotations?.[REVISION] ?? '1', replicas, []);
    delete wanted[REVISION];
    delete wanted[REVISION_HISTORY];
    const annotationsStale = Object.entries(wanted).some(([k, v]) => rs.metadata.annotations?.[k] !== v);
    if (from === replicas && !annotationsStale) return rs;
    const next = {
      ...rs,
      metadata: { ...rs.metadata, annotations: { ...(rs.metadata.annotations ?? {}), ...wanted } },
      spec: { ...(rs.spec as object), replicas },
    };
    const updated = await this.client.update(REPLICA_SETS, next);
    if (from !== replicas) {
      const dir = replicas > from ? 'up' : 'down';
      this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${dir} replica set ${rs.metadata.name ?? ''} from ${from} to ${replicas}`);
    }
    return updated;
  }

  private async rolloutRolling(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const split = this.split(d, rsList);
    let oldRSs = split.oldRSs;
    let newRS = await this.getNewReplicaSet(d, rsList, oldRSs, split.newRS, true);
    const all = (): KubeObject[] => [...oldRSs, ...(newRS ? [newRS] : [])];
    const replicas = specOf(d).replicas ?? 1;
    // Scale up the new ReplicaSet.
    if (newRS && rsSpecReplicas(newRS) !== replicas) {
      const target = rsSpecReplicas(newRS) > replicas ? replicas : this.newRSReplicas(d, all(), newRS);
      if (target !== rsSpecReplicas(newRS)) {
        newRS = await this.scaleRS(d, newRS, target);
        await this.syncRolloutStatus(d, all(), newRS);
        return;
      }
    }
    // Scale down old ReplicaSets as far as maxUnavailable allows.
    const { maxUnavailable } = fenceposts(d);
    const minAvailable = replicas - maxUnavailable;
    const oldActive = oldRSs.filter((rs) => rsSpecReplicas(rs) > 0);
    if (oldActive.length > 0 && newRS) {
      const newUnavailable = rsSpecReplicas(newRS) - (rsStatus(newRS).availableReplicas ?? 0);
      let maxScaledDown = sumSpec(all()) - minAvailable - newUnavailable;
      let scaled = 0;
      if (maxScaledDown > 0) {
        // First the old pods that are not available anyway (cleanupUnhealthyReplicas).
        for (const rs of [...oldActive].sort(byAge)) {
          if (maxScaledDown <= 0) break;
          const unhealthy = rsSpecReplicas(rs) - (rsStatus(rs).availableReplicas ?? 0);
          const n = Math.min(maxScaledDown, unhealthy);
          if (n <= 0) continue;
          const updated = await this.scaleRS(d, rs, rsSpecReplicas(rs) - n);
          oldRSs = oldRSs.map((x) => (x === rs ? updated : x));
          maxScaledDown -= n;
          scaled += n;
        }
        // Then available old pods, oldest ReplicaSet first, keeping minAvailable.
        const available = sumAvailable(all());
        let budget = Math.min(available - minAvailable, maxScaledDown);
        for (const rs of oldRSs.filter((x) => rsSpecReplicas(x) > 0).sort(byAge)) {
          if (budget <= 0) break;
          const n = Math.min(rsSpecReplicas(rs), budget);
          const updated = await this.scaleRS(d, rs, rsSpecReplicas(rs) - n);
          oldRSs = oldRSs.map((x) => (x === rs ? updated : x));
          budget -= n;
          scaled += n;
        }
      }
      if (scaled > 0) {
        await this.syncRolloutStatus(d, all(), newRS);
        return;
      }
    }
    if (deploymentComplete(d, statusOf(d))) await this.cleanup(d, oldRSs);
    await this.syncRolloutStatus(d, all(), newRS);
  }

  private async rolloutRecreate(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const split = this.split(d, rsList);
    let oldRSs = split.oldRSs;
    let newRS = await this.getNewReplicaSet(d, rsList, oldRSs, split.newRS, false);
    const all = (): KubeObject[] => [...oldRSs, ...(newRS ? [newRS] : [])];
    const active = oldRSs.filter((rs) => rsSpecReplicas(rs) > 0);
    if (active.length > 0) {
      for (const rs of active) {
        const updated = await this.scaleRS(d, rs, 0);
        oldRSs = oldRSs.map((x) => (x === rs ? updated : x));
      }
      await this.syncRolloutStatus(d, all(), newRS);
      return;
    }
    const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
    const oldPodsRunning = this.podInformer
      .byIndex(NAMESPACE_INDEX, d.metadata.namespace ?? '')
      .some((p) => oldUids.has(controllerOf(p)?.uid) && (isPodActive(p) || p.metadata.deletionTimestamp !== undefined));
    if (oldPodsRunning) {
      await this.syncRolloutStatus(d, all(), newRS);
      return;
    }
    if (!newRS) newRS = await this.getNewReplicaSet(d, rsList, oldRSs, undefined, true);
    if (newRS) newRS = await this.scaleRS(d, newRS, specOf(d).replicas ?? 1);
    if (deploymentComplete(d, statusOf(d))) await this.cleanup(d, oldRSs);
    await this.syncRolloutStatus(d, all(), newRS);
  }

  /** Paused deployments and scaling events: resize without rolling (proportional scaling). */
  private async syncScale(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const split = this.split(d, rsList);
    let oldRSs = split.oldRSs;
    let newRS = await this.getNewReplicaSet(d, rsList, oldRSs, split.newRS, false);
    const replicas = specOf(d).replicas ?? 1;
    const active = [...oldRSs, ...(newRS ? [newRS] : [])].filter((rs) => rsSpecReplicas(rs) > 0);
    const replace = (rs: KubeObject, updated: KubeObject): void => {
      if (rs === newRS) newRS = updated;
      else oldRSs = oldRSs.map((x) => (x === rs ? updated : x));
    };
    if (active.length === 0 && newRS) {
      replace(newRS, await this.scaleRS(d, newRS, replicas));
    } else if (active.length === 1) {
      replace(active[0], await this.scaleRS(d, active[0], replicas));
    } else if (active.length > 1) {
      // Spread the change over the active ReplicaSets in proportion to their size, largest first.
      const allowed = replicas + fenceposts(d).maxSurge;
      const total = sumSpec(active);
      const diff = allowed - total;
      const sorted = [...active].sort((a, b) => rsSpecReplicas(b) - rsSpecReplicas(a) || byAge(b, a));
      let added = 0;
      const targets = new Map<KubeObject, number>();
      for (const rs of sorted) {
        const share = total > 0 ? Math.trunc((rsSpecReplicas(rs) * diff) / total) : 0;
        targets.set(rs, rsSpecReplicas(rs) + share);
        added += share;
      }
      targets.set(sorted[0], Math.max(0, (targets.get(sorted[0]) ?? 0) + diff - added));
      for (const [rs, n] of targets) replace(rs, await this.scaleRS(d, rs, Math.max(0, n)));
    }
    if (specOf(d).paused) await this.cleanup(d, oldRSs);
    const all = [...oldRSs, ...(newRS ? [newRS] : [])];
    await this.syncRolloutStatus(d, all, newRS);
  }

  private async syncStatusOnly(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const { newRS, oldRSs } = this.split(d, rsList);
    await this.syncRolloutStatus(d, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  /** Deletes old, scaled-down ReplicaSets beyond revisionHistoryLimit, oldest first. */
  private async cleanup(d: KubeObject, oldRSs: KubeObject[]): Promise<void> {
    const limit = specOf(d).revisionHistoryLimit ?? 10;
    const idle = oldRSs.filter((rs) => rsSpecReplicas(rs) === 0 && (rsStatus(rs).replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp);
    if (idle.length <= limit) return;
    const victims = idle.sort((a, b) => revisionOf(a) - revisionOf(b) || byAge(a, b)).slice(0, idle.length - limit);
    for (const rs of victims) {
      await this.client.delete(REPLICA_SETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '').catch(() => undefined);
    }
  }

  private async syncRolloutStatus(d: KubeObject, allRSs: KubeObject[], newRS: KubeObject | undefined): Promise<void> {
    const now = this.clock.now();
    const next = calculateStatus(d, allRSs, newRS, ts(now));
    syncProgressing(d, next, newRS, now, ts(now));
    await this.writeStatus(d, next);
  }

  private async writeStatus(d: KubeObject, status: object): Promise<void> {
    const clean = Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined && v !== 0));
    if ((status as { observedGeneration?: number }).observedGeneration !== undefined) {
      clean.observedGeneration = (status as { observedGeneration?: number }).observedGeneration;
    }
    if (jsonEqual(clean, d.status ?? {})) return;
    try {
      const fresh = await this.client.get(DEPLOYMENTS, d.metadata.namespace ?? '', d.metadata.name ?? '');
      if (fresh.metadata.uid !== d.metadata.uid) return;
      const updated = await this.client.update(DEPLOYMENTS, { ...fresh, status: clean }, { subresource: 'status' });
      d.status = updated.status;
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 404 || e.status.code === 409))) throw e;
      this.enqueue(objectKey(d));
    }
  }
}
