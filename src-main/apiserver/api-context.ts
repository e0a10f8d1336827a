/** What every request handler of the API server shares: the store, time, randomness, registries. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import type { KubeObject } from '../kube/object';
import { findResource } from '../kube/registry';
import type { ResourceType } from '../kube/resource-type';
import type { KV } from '../store/kv';
import type { NodeConnector } from './node-connector';
import type { Authorizer } from './authz/authorizer';
import type { RbacPolicy } from './authz/rbac-authorizer';
import type { ServiceAccountTokens } from './service-account-tokens';
import { ResourceStorage } from './storage/resource-storage';
import { strategyFor, type Strategy, type StrategyContext } from './strategy';

export class ApiContext {
  /** The namespaces resource, which NamespaceLifecycle admission reads on every namespaced create. */
  readonly namespaces: ResourceType = findResource('', 'v1', 'namespaces') as ResourceType;
  /** ServiceAccount admission reads the pod's service account. */
  readonly serviceAccounts: ResourceType = findResource('', 'v1', 'serviceaccounts') as ResourceType;
  readonly pods: ResourceType = findResource('', 'v1', 'pods') as ResourceType;
  /** Signs and checks service-account tokens (sa.key / sa.pub), when the cluster gave its keys. */
  tokens: ServiceAccountTokens | undefined;
  private readonly storages = new Map<string, ResourceStorage>();
  private readonly strategies = new Map<string, Strategy>();
  /** The kubelets, once the cluster runtime has started them. */
  nodes: NodeConnector | undefined;
  /** Authorization, once the RBAC policy is loaded; without it every authenticated request is allowed. */
  authorizer: { chain: Authorizer; policy: RbacPolicy } | undefined;

  constructor(
    readonly kv: KV,
    readonly clock: Clock,
    readonly rand: Rand,
    readonly newUid: () => string = randomUUID,
  ) {}

  storage(rt: ResourceType): ResourceStorage {
    const key = `${rt.group}/${rt.plural}`;
    let s = this.storages.get(key);
    if (!s) {
      s = new ResourceStorage(this.kv, rt);
      this.storages.set(key, s);
    }
    return s;
  }

  strategy(rt: ResourceType): Strategy {
    const key = `${rt.group}/${rt.plural}`;
    let s = this.strategies.get(key);
    if (!s) {
      s = strategyFor(rt);
      this.strategies.set(key, s);
    }
    return s;
  }

  strategyContext(): StrategyContext {
    return {
      now: this.clock.now(),
      rand: this.rand,
      listAll: async (plural: string, group: string): Promise<KubeObject[]> => {
        const rt = findResource(group, group === '' ? 'v1' : 'v1', plural);
        if (!rt) return [];
        return (await this.storage(rt).list({})).items;
      },
    };
  }

  /** RFC 3339 at second precision, as metav1.Time serializes. */
  timestamp(): string {
    return new Date(Math.floor(this.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
}
