/** Schemas of core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice: the addresses behind services. */
import { boolean, int32, listKind, object, objectMetaField, ref, refList, string, stringList, stringMap, typeMeta, type Schema } from './schema-builders';

const coreGvk = (kind: string) => ({ group: '', version: 'v1', kind });
const discoveryGvk = (kind: string) => ({ group: 'discovery.k8s.io', version: 'v1', kind });

export const ENDPOINTS_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.core.v1.Endpoints': object(
    'The addresses and ports that implement a service.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      subsets: refList('core.EndpointSubset', 'Groups of addresses that share the same ports.', { listType: 'atomic' }),
    },
    { gvk: coreGvk('Endpoints') },
  ),
  'io.k8s.api.core.v1.EndpointsList': listKind('core.Endpoints', coreGvk('EndpointsList'), 'A list of endpoints.'),
  'io.k8s.api.core.v1.EndpointSubset': object('Addresses that all serve the same ports.', {
    addresses: refList('core.EndpointAddress', 'Addresses that are ready.', { listType: 'atomic' }),
    notReadyAddresses: refList('core.EndpointAddress', 'Addresses that are not ready yet.', { listType: 'atomic' }),
    ports: refList('core.EndpointPort', 'The ports the addresses serve.', { listType: 'atomic' }),
  }),
  'io.k8s.api.core.v1.EndpointAddress': object(
    'One endpoint address.',
    {
      hostname: string('The hostname of the endpoint.'),
      ip: string('The IP of the endpoint.'),
      nodeName: string('The node that hosts the endpoint.'),
      targetRef: ref('core.ObjectReference', 'The object (usually a pod) behind the endpoint.'),
    },
    { required: ['ip'], mapType: 'atomic' },
  ),
  'io.k8s.api.core.v1.EndpointPort': object(
    'A port an endpoint serves.',
    {
      appProtocol: string('The application protocol on the port.'),
      name: string("The port's name; must match the service port's."),
      port: int32('The port number.'),
      protocol: string('TCP, UDP or SCTP. Defaults to TCP.', ['SCTP', 'TCP', 'UDP']),
    },
    { required: ['port'], mapType: 'atomic' },
  ),
  'io.k8s.api.discovery.v1.EndpointSlice': object(
    'A slice of the endpoints of a service.',
    {
      ...typeMeta(),
      addressType: string('IPv4, IPv6 or FQDN.', ['FQDN', 'IPv4', 'IPv6']),
      endpoints: refList('discovery.Endpoint', 'The endpoints in the slice.', { listType: 'atomic' }),
      metadata: objectMetaField(),
      ports: refList('discovery.EndpointPort', 'The ports every endpoint in the slice serves.', { listType: 'atomic' }),
    },
    { required: ['addressType', 'endpoints'], gvk: discoveryGvk('EndpointSlice') },
  ),
  'io.k8s.api.discovery.v1.EndpointSliceList': listKind('discovery.EndpointSlice', discoveryGvk('EndpointSliceList'), 'A list of endpoint slices.'),
  'io.k8s.api.discovery.v1.Endpoint': object(
    'One backend of a service.',
    {
      addresses: stringList('The addresses of the endpoint.', { listType: 'set' }),
      conditions: { ...ref('discovery.EndpointConditions', 'Whether the endpoint is ready, serving, terminating.'), default: {} },
      deprecatedTopology: stringMap('Deprecated topology labels.'),
      hints: ref('discovery.EndpointHints', 'Hints for topology-aware routing.'),
      hostname: string('The hostname of the endpoint.'),
      nodeName: string('The node that hosts the endpoint.'),
      targetRef: ref('core.ObjectReference', 'The object (usually a pod) behind the endpoint.'),
      zone: string('The zone the endpoint is in.'),
    },
    { required: ['addresses'] },
  ),
  'io.k8s.api.discovery.v1.EndpointConditions': object('The state of an endpoint.', {
    ready: boolean('Whether the endpoint is ready for traffic.'),
    serving: boolean('Whether the endpoint can serve, even while terminating.'),
    terminating: boolean('Whether the endpoint is terminating.'),
  }),
  'io.k8s.api.discovery.v1.EndpointHints': object('Where traffic to an endpoint should come from.', {
    forZones: refList('discovery.ForZone', 'Zones that should use the endpoint.', { listType: 'atomic' }),
  }),
  'io.k8s.api.discovery.v1.ForZone': object('A zone.', { name: string('The zone name.') }, { required: ['name'] }),
  'io.k8s.api.discovery.v1.EndpointPort': object(
    'A port the endpoints of a slice serve.',
    {
      appProtocol: string('The application protocol on the port.'),
      name: string("The port's name; must match the service port's."),
      port: int32('The port number; unset means every port.'),
      protocol: string('TCP, UDP or SCTP. Defaults to TCP.', ['SCTP', 'TCP', 'UDP']),
    },
    { mapType: 'atomic' },
  ),
};
