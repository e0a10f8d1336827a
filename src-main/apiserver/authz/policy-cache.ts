/**
 * The RBAC objects as the authorizer reads them, kept current from storage by list + watch (as
 * kube-apiserver's RBAC authorizer reads from informers). Aggregated ClusterRoles hold the rules
 * the aggregation controller wrote into them.
 */
import type { KubeObject } from '../../kube/object';
import type { ResourceType } from '../../kube/resource-type';
import type { ApiContext } from '../api-context';
import type { StorageEvent } from '../storage/resource-storage';
import type { RbacPolicy } from './rbac-authorizer';

export class PolicyCache implements RbacPolicy {
  private readonly roleMap = new Map<string, KubeObject>();
  private readonly clusterRoleMap = new Map<string, KubeObject>();
  private readonly crbMap = new Map<string, KubeObject>();
  private readonly rbByNs = new Map<string, Map<string, KubeObject>>();
  private readonly watchers: { cancel(): void }[] = [];

  constructor(
    private readonly ctx: ApiContext,
    private readonly types: { roles: ResourceType; clusterRoles: ResourceType; roleBindings: ResourceType; clusterRoleBindings: ResourceType },
  ) {}

  async start(): Promise<void> {
    const follow = async (rt: ResourceType, set: (o: KubeObject) => void, del: (o: KubeObject) => void): Promise<void> => {
      const storage = this.ctx.storage(rt);
      const list = await storage.list({});
      for (const o of list.items) set(o);
      this.watchers.push(
        storage.watch(undefined, list.revision + 1, (events: StorageEvent[]) => {
          for (const e of events) (e.type === 'DELETED' ? del : set)(e.object);
        }),
      );
    };
    const key = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
    await follow(this.types.roles, (o) => this.roleMap.set(key(o), o), (o) => this.roleMap.delete(key(o)));
    await follow(this.types.clusterRoles, (o) => this.clusterRoleMap.set(o.metadata.name ?? '', o), (o) => this.clusterRoleMap.delete(o.metadata.name ?? ''));
    await follow(this.types.clusterRoleBindings, (o) => this.crbMap.set(o.metadata.name ?? '', o), (o) => this.crbMap.delete(o.metadata.name ?? ''));
    const nsMap = (ns: string): Map<string, KubeObject> => {
      let m = this.rbByNs.get(ns);
      if (!m) this.rbByNs.set(ns, (m = new Map()));
      return m;
    };
    await follow(this.types.roleBindings, (o) => nsMap(o.metadata.namespace ?? '').set(o.metadata.name ?? '', o), (o) => nsMap(o.metadata.namespace ?? '').delete(o.metadata.name ?? ''));
  }

  stop(): void {
    for (const w of this.watchers.splice(0)) w.cancel();
  }

  get clusterRoles(): ReadonlyMap<string, KubeObject> {
    return this.clusterRoleMap;
  }

  get clusterRoleBindings(): readonly KubeObject[] {
    return [...this.crbMap.values()];
  }

  get roles(): ReadonlyMap<string, KubeObject> {
    return this.roleMap;
  }

  roleBindings(namespace: string): readonly KubeObject[] {
    return [...(this.rbByNs.get(namespace)?.values() ?? [])];
  }
}
