/**
 * The ClusterRole aggregation controller: a ClusterRole with an aggregationRule gets, as its
 * rules, the rules of every ClusterRole its label selectors match (so `view` flows into `edit`
 * and `edit` into `admin`), kept in step when the parts change.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import type { Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { labelSelectorFromMeta, matchLabels } from '../../kube/labels';
import type { KubeObject } from '../../kube/object';
import { CLUSTER_ROLES } from '../../kube/resources/rbac';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { QueueController } from '../common/queue-controller';

interface AggregationRule {
  clusterRoleSelectors?: Parameters<typeof labelSelectorFromMeta>[0][];
}

const ruleOf = (r: KubeObject): AggregationRule | undefined => r.aggregationRule as AggregationRule | undefined;
const isAggregated = (r: KubeObject): boolean => (ruleOf(r)?.clusterRoleSelectors ?? []).length > 0;

export class ClusterRoleAggregationController extends QueueController {
  readonly name = 'clusterrole-aggregation-controller';
  private readonly roles: Informer;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.roles = informers.informer(CLUSTER_ROLES);
    // Any change may feed an aggregated role: recheck all of them (there are few).
    const changed = (): void => {
      for (const r of this.roles.list()) if (isAggregated(r)) this.enqueue(r.metadata.name ?? '');
    };
    this.roles.addEventHandler({ onAdd: changed, onUpdate: changed, onDelete: changed });
  }

  protected async reconcile(name: string): Promise<void> {
    const role = this.roles.get('', name);
    if (!role || !isAggregated(role)) return;
    const selectors = (ruleOf(role)?.clusterRoleSelectors ?? []).map(labelSelectorFromMeta);
    const rules: unknown[] = [];
    const parts = this.roles
      .list()
      .filter((r) => r.metadata.name !== name && selectors.some((s) => matchLabels(s, r.metadata.labels)))
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    for (const part of parts) {
      for (const rule of (part.rules as unknown[] | undefined) ?? []) if (!rules.some((r) => jsonEqual(r, rule))) rules.push(rule);
    }
    if (jsonEqual(rules, role.rules ?? [])) return;
    try {
      await this.client.update(CLUSTER_ROLES, { ...role, rules });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
      this.enqueue(name);
    }
  }
}
