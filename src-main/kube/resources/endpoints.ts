/** core/v1 endpoints: discovery data, the printer (ENDPOINTS as ip:port, three at most), fields. */
import type { KubeObject } from '../object';
import { arrayAt, numberAt, stringAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { listWithMore } from './list-cell';

/** net.JoinHostPort: IPv6 addresses go in brackets. */
function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Every address, once per port of its subset (bare IPs for subsets without ports). */
export function endpointsCell(ep: KubeObject): string {
  const subsets = arrayAt(ep, 'subsets');
  if (subsets.length === 0) return '<none>';
  const items: string[] = [];
  for (const ss of subsets) {
    const ips = arrayAt(ss, 'addresses').map((a) => stringAt(a, 'ip'));
    const ports = arrayAt(ss, 'ports');
    if (ports.length === 0) items.push(...ips);
    else for (const p of ports) items.push(...ips.map((ip) => hostPort(ip, numberAt(p, 'port') ?? 0)));
  }
  // Subsets with no addresses print as an empty cell, not `<none>`.
  return listWithMore(items, '');
}

export const ENDPOINTS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  listKind: 'EndpointsList',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'services/endpoints',
  columns: [nameColumn(), column('Endpoints', 'string', 'The addresses and ports that back the service.'), ageColumn()],
  row: (ep, now) => [ep.metadata.name ?? '', endpointsCell(ep), timestampSince(ep.metadata.creationTimestamp, now)],
  fields: (ep) => objectMetaFields(ep, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
