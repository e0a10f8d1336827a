/**
 * The Endpoints controller: for each Service with a selector, an Endpoints object of the same
 * name listing its pods' IPs (ready ones under `addresses`, the others under
 * `notReadyAddresses`) per port, as `kubectl get endpoints` shows them.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import type { KubeObject } from '../../kube/object';
import { ENDPOINTS, PODS, SERVICES } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { nodeNameOf } from '../common/pods';
import { QueueController } from '../common/queue-controller';
import { backends, resolvePort, serviceSelector, servicePorts } from '../common/service-backends';

const TRIGGER = 'endpoints.kubernetes.io/last-change-trigger-time';

export class EndpointsController extends QueueController {
  readonly name = 'endpoints-controller';
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly endpoints: Informer;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.services = informers.informer(SERVICES);
    this.pods = informers.informer(PODS);
    this.endpoints = informers.informer(ENDPOINTS);
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(objectKey(s)), onUpdate: (_o, s) => this.enqueue(objectKey(s)), onDelete: (s) => this.enqueue(objectKey(s)) });
    const pod = (p: KubeObject): void => {
      for (const s of this.services.list()) if (s.metadata.namespace === p.metadata.namespace && serviceSelector(s)) this.enqueue(objectKey(s));
    };
    this.pods.addEventHandler({ onAdd: pod, onUpdate: (_o, p) => pod(p), onDelete: pod });
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(namespace, name);
    const existing = this.endpoints.get(namespace, name);
    if (!svc || !serviceSelector(svc)) {
      // Endpoints of a deleted service go; selector-less services keep hand-written Endpoints.
      if (!svc && existing) await this.client.delete(ENDPOINTS, namespace, name).catch(() => undefined);
      return;
    }
    const subsets = new Map<string, { addresses: unknown[]; notReadyAddresses: unknown[]; ports: unknown[] }>();
    for (const b of backends(svc, this.pods.list())) {
      const ports = servicePorts(svc)
        .map((sp) => ({ name: sp.name, port: resolvePort(b.pod, sp), protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) }))
        .filter((p) => p.port !== undefined)
        .map((p) => (p.name ? p : { port: p.port, protocol: p.protocol }));
      const portKey = JSON.stringify(ports);
      let subset = subsets.get(portKey);
      if (!subset) subsets.set(portKey, (subset = { addresses: [], notReadyAddresses: [], ports }));
      const address = {
        ip: b.ip,
        nodeName: nodeNameOf(b.pod) || undefined,
        targetRef: { kind: 'Pod', namespace, name: b.pod.metadata.name, uid: b.pod.metadata.uid },
      };
      (b.ready ? subset.addresses : subset.notReadyAddresses).push(address);
    }
    const wanted = [...subsets.values()].map((s) => ({
      ...(s.addresses.length > 0 ? { addresses: s.addresses } : {}),
      ...(s.notReadyAddresses.length > 0 ? { notReadyAddresses: s.notReadyAddresses } : {}),
      ports: s.ports,
    }));
    const labels = { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    const clean = JSON.parse(JSON.stringify(wanted)) as unknown[];
    if (existing && jsonEqual(existing.subsets ?? [], clean) && jsonEqual(existing.metadata.labels ?? {}, labels)) return;
    const body: KubeObject = {
      metadata: {
        name,
        namespace,
        labels,
        annotations: { [TRIGGER]: new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') },
        ...(existing ? { resourceVersion: existing.metadata.resourceVersion } : {}),
      },
      ...(clean.length > 0 ? { subsets: clean } : {}),
    };
    try {
      if (existing) await this.client.update(ENDPOINTS, body);
      else await this.client.create(ENDPOINTS, namespace, body);
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404 || e.status.reason === 'AlreadyExists'))) throw e;
      this.enqueue(key);
    }
  }
}
