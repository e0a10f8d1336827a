/** discovery.k8s.io/v1 endpointslices: discovery data, the printer (ADDRESSTYPE, PORTS, ENDPOINTS), fields. */
import type { KubeObject } from '../object';
import { arrayAt, numberAt, stringAt } from '../object';
import { ALL_VERBS, DEFAULT_FIELD_LABELS, objectMetaFields, type ResourceType } from '../resource-type';
import { ageColumn, column, nameColumn, timestampSince } from '../table';
import { listWithMore } from './list-cell';

/** Each port's number, else its name, else `*` (all ports). */
function portsCell(slice: KubeObject): string {
  const ports = arrayAt(slice, 'ports').map((p) => {
    const port = numberAt(p, 'port');
    if (port !== undefined) return String(port);
    return typeof (p as { name?: unknown }).name === 'string' ? stringAt(p, 'name') : '*';
  });
  return listWithMore(ports, '<unset>');
}

function endpointsCell(slice: KubeObject): string {
  const addresses = arrayAt(slice, 'endpoints').flatMap((e) => arrayAt(e, 'addresses').filter((a): a is string => typeof a === 'string'));
  return listWithMore(addresses, '<unset>');
}

export const ENDPOINT_SLICES: ResourceType = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  listKind: 'EndpointSliceList',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ALL_VERBS,
  subresources: [],
  storageKey: 'endpointslices',
  columns: [
    nameColumn(),
    column('AddressType', 'string', 'The kind of addresses the slice holds: IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'The ports every endpoint of the slice serves.'),
    column('Endpoints', 'string', 'The addresses of the endpoints in the slice.'),
    ageColumn(),
  ],
  row: (slice, now) => [slice.metadata.name ?? '', stringAt(slice, 'addressType'), portsCell(slice), endpointsCell(slice), timestampSince(slice.metadata.creationTimestamp, now)],
  fields: (slice) => objectMetaFields(slice, true),
  fieldLabels: DEFAULT_FIELD_LABELS,
};
