/**
 * core/v1 Endpoints and discovery.k8s.io/v1 EndpointSlice validation: addresses that are real,
 * non-special IPs (or FQDNs for slices), and well-formed, named ports.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { JsonObject, KubeObject } from '../object';
import { duplicate, FieldPath, invalid, notSupported, required, tooMany, type FieldError } from '../field-error';
import { isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from '../names';
import { validateDNS1123Label } from './container';
import { num, objects, str } from './json-access';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** sets.List order (sorted). */
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const IP_EXAMPLE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** ValidateNonSpecialIP: endpoints may not point at unspecified, loopback or link-local addresses. */
function specialIPErrors(ip: string): string[] {
  if (!isIPv4(ip) && !isIPv6(ip)) return ['must be a valid IP address'];
  if (/^0+\.0+\.0+\.0+$/.test(ip) || /^[0:]+$/.test(ip)) return [`may not be unspecified (${ip})`];
  if (/^127\./.test(ip) || ip === '::1') return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (/^169\.254\./.test(ip) || /^fe[89ab][0-9a-f]:/i.test(ip)) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (/^224\.0\.0\./.test(ip) || /^ff02:/i.test(ip)) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}

function validateAddress(address: JsonObject, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const ip = str(address, 'ip');
  const ipPath = path.child('ip');
  if (!isIPv4(ip) && !isIPv6(ip)) errs.push(invalid(ipPath, ip, IP_EXAMPLE));
  const hostname = str(address, 'hostname');
  if (hostname !== '') errs.push(...validateDNS1123Label(hostname, path.child('hostname')));
  const nodeName = address.nodeName;
  if (typeof nodeName === 'string') for (const m of isDNS1123Subdomain(nodeName)) errs.push(invalid(path.child('nodeName'), nodeName, m));
  for (const m of specialIPErrors(ip)) errs.push(invalid(ipPath, ip, m));
  return errs;
}

function validateAppProtocol(port: JsonObject, path: FieldPath): FieldError[] {
  const appProtocol = port.appProtocol;
  return typeof appProtocol === 'string' ? isQualifiedName(appProtocol).map((m) => invalid(path.child('appProtocol'), appProtocol, m)) : [];
}

function validateProtocol(port: JsonObject, path: FieldPath): FieldError[] {
  const protocol = str(port, 'protocol');
  if (protocol === '') return [required(path.child('protocol'), '')];
  return PROTOCOLS.includes(protocol) ? [] : [notSupported(path.child('protocol'), protocol, PROTOCOLS)];
}

function validateEndpointPort(port: JsonObject, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port, 'name');
  if (requireName && name === '') errs.push(required(path.child('name'), ''));
  else if (name !== '') errs.push(...validateDNS1123Label(name, path.child('name')));
  const portNum = num(port, 'port') ?? 0;
  for (const m of isValidPortNum(portNum)) errs.push(invalid(path.child('port'), portNum, m));
  return [...errs, ...validateProtocol(port, path), ...validateAppProtocol(port, path)];
}

function validateSubsets(ep: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  objects(ep, 'subsets').forEach((ss, i) => {
    const p = FieldPath.root('subsets').index(i);
    const addresses = objects(ss, 'addresses');
    const notReady = objects(ss, 'notReadyAddresses');
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, p.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, p.child('notReadyAddresses').index(j))));
    const ports = objects(ss, 'ports');
    ports.forEach((port, j) => errs.push(...validateEndpointPort(port, ports.length > 1, p.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpointsCreate(ep: KubeObject): FieldError[] {
  return [...validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain), ...validateSubsets(ep)];
}

export function validateEndpointsUpdate(ep: KubeObject, old: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateSubsets(ep)];
}

function sliceAddressError(address: string, addressType: string): string[] {
  switch (addressType) {
    case 'IPv4':
      return isIPv4(address) ? [] : ['must be a valid IPv4 address'];
    case 'IPv6':
      return isIPv6(address) ? [] : ['must be a valid IPv6 address'];
    case 'FQDN':
      return isDNS1123Subdomain(address);
    default:
      return [];
  }
}

function validateSliceEndpoints(slice: KubeObject, addressType: string): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('endpoints');
  const endpoints = objects(slice, 'endpoints');
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany(path, endpoints.length, MAX_ENDPOINTS));
  endpoints.forEach((e, i) => {
    const p = path.index(i);
    const addressesPath = p.child('addresses');
    const addresses = Array.isArray(e.addresses) ? e.addresses.filter((a): a is string => typeof a === 'string') : [];
    if (addresses.length === 0) errs.push(required(addressesPath, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(addressesPath, addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => {
      for (const m of sliceAddressError(a, addressType)) errs.push(invalid(addressesPath.index(j), a, m));
    });
    const nodeName = e.nodeName;
    if (typeof nodeName === 'string') for (const m of isDNS1123Subdomain(nodeName)) errs.push(invalid(p.child('nodeName'), nodeName, m));
    const hostname = e.hostname;
    if (typeof hostname === 'string') errs.push(...validateDNS1123Label(hostname, p.child('hostname')));
  });
  return errs;
}

function validateSlicePorts(slice: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('ports');
  const ports = objects(slice, 'ports');
  if (ports.length > MAX_PORTS) errs.push(tooMany(path, ports.length, MAX_PORTS));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port, 'name');
    if (name !== '') errs.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    const portNum = num(port, 'port');
    if (portNum !== undefined) for (const m of isValidPortNum(portNum)) errs.push(invalid(p.child('port'), portNum, m));
    errs.push(...validateProtocol(port, p), ...validateAppProtocol(port, p));
  });
  return errs;
}

function validateSlice(slice: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const addressType = str(slice, 'addressType');
  if (addressType === '') errs.push(required(FieldPath.root('addressType'), ''));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported(FieldPath.root('addressType'), addressType, ADDRESS_TYPES));
  return [...errs, ...validateSliceEndpoints(slice, addressType), ...validateSlicePorts(slice)];
}

export function validateEndpointSliceCreate(slice: KubeObject): FieldError[] {
  return [...validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain), ...validateSlice(slice)];
}

/** The address type of a slice never changes. */
export function validateEndpointSliceUpdate(slice: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(slice.metadata, old.metadata), ...validateSlice(slice)];
  const addressType = str(slice, 'addressType');
  if (addressType !== str(old, 'addressType')) errs.push(invalid(FieldPath.root('addressType'), addressType, 'field is immutable'));
  return errs;
}

