/** The service account controller: every active namespace has a `default` ServiceAccount. */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import type { Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import type { KubeObject } from '../../kube/object';
import { NAMESPACES, SERVICE_ACCOUNTS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { QueueController } from '../common/queue-controller';

export class ServiceAccountController extends QueueController {
  readonly name = 'serviceaccount-controller';
  private readonly namespaces: Informer;
  private readonly accounts: Informer;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.namespaces = informers.informer(NAMESPACES);
    this.accounts = informers.informer(SERVICE_ACCOUNTS);
    const ns = (n: KubeObject): void => this.enqueue(n.metadata.name ?? '');
    this.namespaces.addEventHandler({ onAdd: ns, onUpdate: (_o, n) => ns(n) });
    this.accounts.addEventHandler({ onDelete: (sa) => sa.metadata.name === 'default' && this.enqueue(sa.metadata.namespace ?? '') });
  }

  protected async reconcile(namespace: string): Promise<void> {
    const ns = this.namespaces.get('', namespace);
    if (!ns || ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') return;
    if (this.accounts.get(namespace, 'default')) return;
    try {
      await this.client.create(SERVICE_ACCOUNTS, namespace, { metadata: { name: 'default', namespace } });
    } catch (e) {
      if (e instanceof StatusError && (e.status.reason === 'AlreadyExists' || e.status.code === 403 || e.status.code === 404)) return;
      throw e;
    }
  }
}
