/** core/v1 services: discovery data, the printer (CLUSTER-IP, EXTERNAL-IP, PORT(S)), fields. */
import type { KubeObject } from '../object';
import { arrayAt, numberAt, objectAt, stringAt, stringMapAt } from '../object';
import { formatLabels } from '../labels';
import { ALL_VERBS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';

function stringList(obj: unknown, key: string): string[] {
  return arrayAt(obj, key).filter((x): x is string => typeof x === 'string');
}

/** The service's cluster IPs as the internal version holds them (clusterIPs, else clusterIP). */
export function clusterIPs(svc: KubeObject): string[] {
  const spec = objectAt(svc, 'spec');
  const ips = stringList(spec, 'clusterIPs');
  if (ips.length > 0) return ips;
  const ip = stringAt(spec, 'clusterIP');
  return ip ? [ip] : [];
}

/** Load balancer ingress IPs (or hostnames), de-duplicated and sorted as a string set. */
function loadBalancerIPs(svc: KubeObject): string {
  const set = new Set<string>();
  for (const ing of arrayAt(objectAt(objectAt(svc, 'status'), 'loadBalancer'), 'ingress')) {
    const ip = stringAt(ing, 'ip');
    const host = stringAt(ing, 'hostname');
    if (ip) set.add(ip);
    else if (host) set.add(host);
  }
  return [...set].sort().join(',');
}

function externalIP(svc: KubeObject): string {
  const spec = objectAt(svc, 'spec');
  const externalIPs = stringList(spec, 'externalIPs');
  switch (stringAt(spec, 'type')) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(svc);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return stringAt(spec, 'externalName');
    default:
      return '<unknown>';
  }
}

function portsCell(svc: KubeObject): string {
  const pieces = arrayAt(objectAt(svc, 'spec'), 'ports').map((p) => {
    const port = numberAt(p, 'port') ?? 0;
    const nodePort = numberAt(p, 'nodePort') ?? 0;
    const protocol = stringAt(p, 'protocol');
    return nodePort > 0 ? `${port}:${nodePort}/${protocol}` : `${port}/${protocol}`;
  });
  return pieces.join(',') || '<none>';
}

function serviceRow(svc: KubeObject, now: number): unknown[] {
  const spec = objectAt(svc, 'spec');
  return [
    svc.metadata.name ?? '',
    stringAt(spec, 'type'),
    clusterIPs(svc)[0] ?? '<none>',
    externalIP(svc),
    portsCell(svc),
    timestampSince(svc.metadata.creationTimestamp, now),
    formatLabels(stringMapAt(spec, 'selector')),
  ];
}

export const SERVICES: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Service',
  listKind: 'ServiceList',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [
    { name: 'proxy', group: '', version: 'v1', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'status', group: '', version: 'v1', kind: 'Service', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'services/specs',
  columns: [
    nameColumn(),
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'The virtual IP the service has inside the cluster; None for a headless service.'),
    column('External-IP', 'string', 'Addresses outside the cluster that reach the service.'),
    column('Port(s)', 'string', 'The ports the service exposes, with node ports where allocated.'),
    ageColumn(),
    column('Selector', 'string', 'The labels of the pods the service sends traffic to.', 1),
  ],
  row: serviceRow,
  fields: (svc) => ({
    ...objectMetaFields(svc, true),
    'spec.clusterIP': stringAt(objectAt(svc, 'spec'), 'clusterIP'),
    'spec.type': stringAt(objectAt(svc, 'spec'), 'type'),
  }),
  fieldLabels: { supported: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'], custom: true },
};
