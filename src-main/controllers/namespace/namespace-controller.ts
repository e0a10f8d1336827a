/**
 * The namespace controller: when a namespace is deleted it deletes everything in it, reports
 * progress in the namespace's deletion conditions, and once nothing is left removes the
 * `kubernetes` finalizer through /finalize so the API server can delete the namespace itself.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { objectKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { metaTime } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { NAMESPACES, RESOURCE_TYPES } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { QueueController } from '../common/queue-controller';

interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

const FINALIZER = 'kubernetes';

export class NamespaceController extends QueueController {
  readonly name = 'namespace-controller';
  private readonly informer: Informer;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.informer = informers.informer(NAMESPACES);
    const enqueue = (ns: KubeObject): void => {
      if (ns.metadata.deletionTimestamp) this.enqueue(objectKey(ns));
    };
    this.informer.addEventHandler({ onAdd: enqueue, onUpdate: (_o, ns) => enqueue(ns) });
  }

  protected async reconcile(name: string): Promise<void> {
    const ns = this.informer.get('', name);
    if (!ns?.metadata.deletionTimestamp) return;
    const finalizers = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!finalizers.includes(FINALIZER)) return;
    const remaining: { resource: string; count: number }[] = [];
    let waitSeconds = 0;
    const failures: string[] = [];
    for (const rt of RESOURCE_TYPES) {
      if (!rt.namespaced || !rt.verbs.includes('deletecollection')) continue;
      try {
        const list = await this.client.list(rt, { namespace: name });
        if (list.items.length === 0) continue;
        for (const obj of list.items) {
          if (obj.metadata.deletionTimestamp) continue;
          await this.client.delete(rt, name, obj.metadata.name ?? '').catch((e: unknown) => {
            if (!(e instanceof StatusError && e.status.code === 404)) throw e;
          });
        }
        const left = (await this.client.list(rt, { namespace: name })).items;
        if (left.length > 0) {
          // Upstream prints group-resources as `<resource>.<group>`, so core ones read `pods.`.
          remaining.push({ resource: `${rt.plural}.${rt.group}`, count: left.length });
          for (const o of left) waitSeconds = Math.max(waitSeconds, o.metadata.deletionGracePeriodSeconds ?? 0);
        }
      } catch (e) {
        failures.push(`${rt.plural}: ${e instanceof StatusError ? e.status.message : String(e)}`);
      }
    }
    await this.writeConditions(ns, remaining, failures);
    if (failures.length > 0) throw new Error(failures.join('; '));
    if (remaining.length > 0) {
      this.enqueueAfter(name, Math.max(1, waitSeconds) * 1000);
      return;
    }
    const fresh = await this.client.get(NAMESPACES, '', name);
    const spec = (fresh.spec ?? {}) as { finalizers?: string[] };
    await this.client.update(NAMESPACES, { ...fresh, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== FINALIZER) } }, { subresource: 'finalize' });
  }

  private async writeConditions(ns: KubeObject, remaining: { resource: string; count: number }[], failures: string[]): Promise<void> {
    const now = metaTime(this.clock.now());
    const wanted: NamespaceCondition[] = [
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      failures.length > 0
        ? { type: 'NamespaceDeletionContentFailure', status: 'True', reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join(', ')}` }
        : { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      remaining.length > 0
        ? {
            type: 'NamespaceContentRemaining',
            status: 'True',
            reason: 'SomeResourcesRemain',
            message: `Some resources are remaining: ${remaining.map((r) => `${r.resource} has ${r.count} resource instances`).sort().join(', ')}`,
          }
        : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
      { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ];
    const status = (ns.status ?? {}) as { phase?: string; conditions?: NamespaceCondition[] };
    const old = status.conditions ?? [];
    const conditions = wanted.map((c) => {
      const prior = old.find((o) => o.type === c.type);
      return { ...c, lastTransitionTime: prior && prior.status === c.status ? (prior.lastTransitionTime ?? now) : now };
    });
    if (JSON.stringify(conditions) === JSON.stringify(old)) return;
    try {
      await this.client.patch(NAMESPACES, '', ns.metadata.name ?? '', 'merge', { status: { conditions } }, { subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && e.status.code === 404)) throw e;
    }
  }
}
