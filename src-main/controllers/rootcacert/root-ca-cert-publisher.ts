/**
 * The root CA certificate publisher: a `kube-root-ca.crt` ConfigMap with the cluster CA in every
 * namespace, so pods can verify the API server (it backs the kube-api-access projected volume).
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import type { Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import type { KubeObject } from '../../kube/object';
import { CONFIG_MAPS, NAMESPACES } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { QueueController } from '../common/queue-controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION = 'kubernetes.io/description';
const DESCRIPTION_TEXT =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCACertPublisher extends QueueController {
  readonly name = 'root-ca-certificate-publisher-controller';
  private readonly namespaces: Informer;
  private readonly configMaps: Informer;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
    private readonly caPem: string,
  ) {
    super(clock);
    this.namespaces = informers.informer(NAMESPACES);
    this.configMaps = informers.informer(CONFIG_MAPS, { fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}` });
    const ns = (n: KubeObject): void => this.enqueue(n.metadata.name ?? '');
    this.namespaces.addEventHandler({ onAdd: ns, onUpdate: (_o, n) => ns(n) });
    const cm = (c: KubeObject): void => this.enqueue(c.metadata.namespace ?? '');
    this.configMaps.addEventHandler({ onUpdate: (_o, c) => cm(c), onDelete: cm });
  }

  protected async reconcile(namespace: string): Promise<void> {
    const ns = this.namespaces.get('', namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const data = { 'ca.crt': this.caPem };
    const existing = this.configMaps.get(namespace, ROOT_CA_CONFIGMAP);
    try {
      if (!existing) {
        await this.client.create(CONFIG_MAPS, namespace, { metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION]: DESCRIPTION_TEXT } }, data });
      } else if ((existing.data as Record<string, string> | undefined)?.['ca.crt'] !== this.caPem) {
        await this.client.update(CONFIG_MAPS, { ...existing, data });
      }
    } catch (e) {
      if (e instanceof StatusError && (e.status.reason === 'AlreadyExists' || e.status.code === 403 || e.status.code === 404 || e.status.code === 409)) return;
      throw e;
    }
  }
}
