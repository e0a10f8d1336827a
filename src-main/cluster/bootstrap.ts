/**
 * What a new cluster holds before anyone touches it: the four system namespaces, the
 * `kubernetes` service, a `default` ServiceAccount per namespace, and one Node per machine of the
 * topology, and the CoreDNS add-on. Idempotent: objects that exist are left alone.
 */
import { createHash } from 'node:crypto';
import type { RestClient } from '../client/rest-client';
import type { KubeObject } from '../kube/object';
import { StatusError } from '../kube/status';
import { coreDnsObjects } from './addons';
import { allNodes, nodeObject, type Topology } from './topology';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

async function ensure(client: RestClient, collection: string, obj: KubeObject): Promise<void> {
  // Look first: a create of something that exists can fail on other checks (a taken cluster IP)
  // before it would say AlreadyExists.
  try {
    await client.get(`${collection}/${obj.metadata.name ?? ''}`);
    return;
  } catch (e) {
    if (!(e instanceof StatusError && e.status.reason === 'NotFound')) throw e;
  }
  try {
    await client.create(collection, obj);
  } catch (e) {
    if (e instanceof StatusError && e.status.reason === 'AlreadyExists') return;
    throw e;
  }
}

export async function bootstrapCluster(client: RestClient, topology: Topology, clusterName: string, now: number): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await ensure(client, '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    });
  }
  await ensure(client, '/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
    },
  });
  for (const ns of SYSTEM_NAMESPACES) {
    await ensure(client, `/api/v1/namespaces/${ns}/serviceaccounts`, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: ns },
    });
  }
  for (const { collection, obj } of coreDnsObjects()) await ensure(client, collection, obj);
  const createdAt = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  for (const spec of allNodes(topology)) {
    const machineId = createHash('sha256').update(`${clusterName}/${spec.name}`).digest('hex').slice(0, 32);
    await ensure(client, '/api/v1/nodes', nodeObject(spec, createdAt, machineId));
  }
}
