/**
 * The EndpointSlice controller: for each Service with a selector, one IPv4 EndpointSlice
 * (`<service>-<suffix>`, labelled with kubernetes.io/service-name and managed-by) listing its pods
 * with ready / serving / terminating conditions, node and zone, and the resolved ports.
 * (Upstream splits large services over several slices of at most 100 endpoints; here one slice
 * per port set.)
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import type { KubeObject } from '../../kube/object';
import { ENDPOINT_SLICES, NODES, PODS, SERVICES } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { newControllerRef } from '../common/controller-ref';
import { nodeNameOf } from '../common/pods';
import { QueueController } from '../common/queue-controller';
import { backends, resolvePort, serviceSelector, servicePorts } from '../common/service-backends';

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';

export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice-controller';
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly slices: Informer;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.services = informers.informer(SERVICES);
    this.pods = informers.informer(PODS);
    this.nodes = informers.informer(NODES);
    this.slices = informers.informer(ENDPOINT_SLICES);
    this.slices.addIndexer('service', (s) => [`${s.metadata.namespace ?? ''}/${s.metadata.labels?.[SERVICE_NAME] ?? ''}`]);
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(objectKey(s)), onUpdate: (_o, s) => this.enqueue(objectKey(s)), onDelete: (s) => this.enqueue(objectKey(s)) });
    const pod = (p: KubeObject): void => {
      for (const s of this.services.list()) if (s.metadata.namespace === p.metadata.namespace && serviceSelector(s)) this.enqueue(objectKey(s));
    };
    this.pods.addEventHandler({ onAdd: pod, onUpdate: (_o, p) => pod(p), onDelete: pod });
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(namespace, name);
    const existing = this.slices.byIndex('service', key).filter((s) => s.metadata.labels?.[MANAGED_BY] === CONTROLLER);
    if (!svc || !serviceSelector(svc)) {
      for (const s of existing) await this.client.delete(ENDPOINT_SLICES, namespace, s.metadata.name ?? '').catch(() => undefined);
      return;
    }
    const list = backends(svc, this.pods.list());
    const endpoints = list.map((b) => {
      const nodeName = nodeNameOf(b.pod);
      const zone = nodeName ? this.nodes.get('', nodeName)?.metadata.labels?.['topology.kubernetes.io/zone'] : undefined;
      return {
        addresses: [b.ip],
        conditions: { ready: b.ready, serving: b.ready || b.terminating, terminating: b.terminating },
        ...(nodeName ? { nodeName } : {}),
        ...(zone ? { zone } : {}),
        targetRef: { kind: 'Pod', namespace, name: b.pod.metadata.name, uid: b.pod.metadata.uid },
      };
    });
    const first = list[0]?.pod;
    const ports = servicePorts(svc).map((sp) => ({
      name: sp.name ?? '',
      port: first ? (resolvePort(first, sp) ?? null) : null,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    }));
    const slice = existing[0];
    const labels = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME]: name, [MANAGED_BY]: CONTROLLER };
    const body: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        ...(slice ? { name: slice.metadata.name, resourceVersion: slice.metadata.resourceVersion } : { generateName: `${name}-` }),
        namespace,
        labels,
        ownerReferences: [{ ...newControllerRef(svc, 'v1', 'Service') }],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    };
    if (slice && jsonEqual(slice.endpoints ?? [], endpoints) && jsonEqual(slice.ports ?? [], ports) && jsonEqual(slice.metadata.labels ?? {}, labels)) return;
    try {
      if (slice) await this.client.update(ENDPOINT_SLICES, body);
      else await this.client.create(ENDPOINT_SLICES, namespace, body);
      for (const extra of existing.slice(1)) await this.client.delete(ENDPOINT_SLICES, namespace, extra.metadata.name ?? '').catch(() => undefined);
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
      this.enqueue(key);
    }
  }
}
