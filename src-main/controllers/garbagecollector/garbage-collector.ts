/**
 * The garbage collector: deletes objects whose owners are all gone (background cascading
 * deletion), drops references to owners that are gone when other owners remain, and serves the
 * two deletion finalizers: `foregroundDeletion` (delete the dependents first, then the owner)
 * and `orphan` (cut the dependents loose, then the owner goes).
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient, ResourceRef } from '../../client/cluster-client';
import { objectKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import type { KubeObject } from '../../kube/object';
import { EVENTS, RESOURCE_TYPES } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { QueueController } from '../common/queue-controller';

const OWNER_INDEX = 'owner-uid';
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

interface Node {
  rt: ResourceRef;
  informer: Informer;
}

export class GarbageCollector extends QueueController {
  readonly name = 'garbage-collector-controller';
  private readonly nodes: Node[] = [];
  /** uid → where the live object is; owners are looked up here. */
  private readonly byUid = new Map<string, { node: Node; key: string }>();

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    for (const rt of RESOURCE_TYPES) {
      if (rt === EVENTS || !rt.verbs.includes('list') || !rt.verbs.includes('watch')) continue;
      const informer = informers.informer(rt);
      const node = { rt, informer };
      this.nodes.push(node);
      informer.addIndexer(OWNER_INDEX, (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid));
      informer.addEventHandler({
        onAdd: (o) => this.seen(node, o),
        onUpdate: (_old, o) => this.seen(node, o),
        onDelete: (o) => this.gone(o),
      });
    }
  }

  private seen(node: Node, obj: KubeObject): void {
    const uid = obj.metadata.uid ?? '';
    this.byUid.set(uid, { node, key: objectKey(obj) });
    // Objects with owners are checked (their owner may be missing); deleting owners with a GC finalizer too.
    if ((obj.metadata.ownerReferences ?? []).length > 0) this.enqueue(`dependent|${uid}`);
    const fin = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && (fin.includes(FOREGROUND) || fin.includes(ORPHAN))) this.enqueue(`owner|${uid}`);
  }

  private gone(obj: KubeObject): void {
    const uid = obj.metadata.uid ?? '';
    this.byUid.delete(uid);
    for (const d of this.dependentsOf(uid)) this.enqueue(`dependent|${d.obj.metadata.uid ?? ''}`);
  }

  private dependentsOf(uid: string): { node: Node; obj: KubeObject }[] {
    const out: { node: Node; obj: KubeObject }[] = [];
    for (const node of this.nodes) for (const obj of node.informer.byIndex(OWNER_INDEX, uid)) out.push({ node, obj });
    return out;
  }

  private lookup(uid: string): { node: Node; obj: KubeObject } | undefined {
    const at = this.byUid.get(uid);
    const obj = at?.node.informer.getByKey(at.key);
    return at && obj && obj.metadata.uid === uid ? { node: at.node, obj } : undefined;
  }

  protected async reconcile(item: string): Promise<void> {
    const [kind, uid] = item.split('|');
    if (kind === 'owner') await this.processDeletingOwner(uid);
    else await this.processDependent(uid);
  }

  /** A dependent whose owners are all gone is deleted; references to gone owners are dropped. */
  private async processDependent(uid: string): Promise<void> {
    const self = this.lookup(uid);
    if (!self || self.obj.metadata.deletionTimestamp) return;
    const refs = self.obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const missing = [];
    for (const ref of refs) {
      const owner = this.lookup(ref.uid);
      if (owner) continue;
      // Not in the caches: ask the API (the informer may lag), by kind and name.
      const rt = RESOURCE_TYPES.find((r) => r.kind === ref.kind && (r.group ? `${r.group}/${r.version}` : r.version) === ref.apiVersion);
      if (rt) {
        try {
          const live = await this.client.get(rt, rt.namespaced ? (self.obj.metadata.namespace ?? '') : '', ref.name);
          if (live.metadata.uid === ref.uid) continue;
        } catch (e) {
          if (!(e instanceof StatusError && e.status.code === 404)) throw e;
        }
      }
      missing.push(ref);
    }
    if (missing.length === 0) return;
    const { rt } = self.node;
    const ns = self.obj.metadata.namespace ?? '';
    const name = self.obj.metadata.name ?? '';
    if (missing.length === refs.length) {
      await this.client.delete(rt, ns, name, { preconditions: { uid }, propagationPolicy: 'Background' }).catch(ignoreGone);
      return;
    }
    await this.client
      .patch(rt, ns, name, 'strategic', { metadata: { uid, ownerReferences: missing.map((r) => ({ $patch: 'delete', uid: r.uid })) } })
      .catch(ignoreGone);
  }

  /** An owner being deleted in the foreground or with orphaning. */
  private async processDeletingOwner(uid: string): Promise<void> {
    const self = this.lookup(uid);
    if (!self?.obj.metadata.deletionTimestamp) return;
    const fin = self.obj.metadata.finalizers ?? [];
    const dependents = this.dependentsOf(uid);
    if (fin.includes(ORPHAN)) {
      for (const d of dependents) {
        await this.client
          .patch(d.node.rt, d.obj.metadata.namespace ?? '', d.obj.metadata.name ?? '', 'strategic', {
            metadata: { uid: d.obj.metadata.uid, ownerReferences: [{ $patch: 'delete', uid }] },
          })
          .catch(ignoreGone);
      }
      await this.removeFinalizer(self, ORPHAN);
      return;
    }
    if (fin.includes(FOREGROUND)) {
      const blocking = dependents.filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion));
      for (const d of dependents) {
        if (d.obj.metadata.deletionTimestamp) continue;
        await this.client
          .delete(d.node.rt, d.obj.metadata.namespace ?? '', d.obj.metadata.name ?? '', { propagationPolicy: 'Foreground', preconditions: { uid: d.obj.metadata.uid } })
          .catch(ignoreGone);
      }
      if (blocking.length > 0) {
        this.enqueueAfter(`owner|${uid}`, 1000);
        return;
      }
      await this.removeFinalizer(self, FOREGROUND);
    }
  }

  private async removeFinalizer(self: { node: Node; obj: KubeObject }, finalizer: string): Promise<void> {
    const { rt } = self.node;
    const ns = self.obj.metadata.namespace ?? '';
    const name = self.obj.metadata.name ?? '';
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const live = await this.client.get(rt, ns, name);
        if (live.metadata.uid !== self.obj.metadata.uid) return;
        const finalizers = (live.metadata.finalizers ?? []).filter((f) => f !== finalizer);
        await this.client.update(rt, { ...live, metadata: { ...live.metadata, finalizers } });
        return;
      } catch (e) {
        if (e instanceof StatusError && e.status.code === 404) return;
        if (!(e instanceof StatusError && e.status.code === 409)) throw e;
      }
    }
  }
}

function ignoreGone(e: unknown): undefined {
  if (e instanceof StatusError && (e.status.code === 404 || e.status.code === 409)) return undefined;
  throw e;
}
