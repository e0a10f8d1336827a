/**
 * core/v1 validation for services, config maps, secrets, namespaces, nodes, service accounts and
 * events (core validation's ValidateService, ValidateConfigMap, ValidateSecret, ...).
 */
import type { JsonObject, KubeObject } from '../object';
import { duplicate, FieldPath, forbidden, invalid, notSupported, required, tooLong, type FieldError } from '../field-error';
import { goLiteral, goQuote } from '../go-format';
import { isConfigMapKey, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from '../names';
import { SUPPORTED_PORT_PROTOCOLS, validateDNS1123Label } from './container';
import { num, obj, objects, str, stringMap, strings } from './json-access';
import { jsonEqual, validateImmutable, validateLabelName, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

const SPEC = FieldPath.root('spec');
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const KUBELET_PORT = 10250;
/** core.MaxSecretSize: 1 MiB of data per Secret or ConfigMap. */
const MAX_SECRET_SIZE = 1024 * 1024;

// ---- services -----------------------------------------------------------------------------------

function isHeadless(spec: JsonObject | undefined): boolean {
  const ips = strings(spec, 'clusterIPs');
  return (ips[0] ?? str(spec, 'clusterIP')) === 'None';
}

function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function isValidIP(ip: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip)) return ip.split('.').every((o) => Number(o) <= 255);
  return /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':') && ip.split('::').length <= 2;
}

function validateServicePort(port: JsonObject, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port, 'name');
  if (requireName && name === '') errs.push(required(path.child('name'), ''));
  else if (name !== '') {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  const portNum = num(port, 'port') ?? 0;
  for (const m of isValidPortNum(portNum)) errs.push(invalid(path.child('port'), portNum, m));
  const protocol = str(port, 'protocol');
  if (protocol === '') errs.push(required(path.child('protocol'), ''));
  else if (!SUPPORTED_PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(path.child('protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  const target = port.targetPort;
  if (typeof target === 'number') for (const m of isValidPortNum(target)) errs.push(invalid(path.child('targetPort'), target, m));
  else if (typeof target === 'string') for (const m of isValidPortName(target)) errs.push(invalid(path.child('targetPort'), target, m));
  const appProtocol = port.appProtocol;
  if (typeof appProtocol === 'string') for (const m of isQualifiedName(appProtocol)) errs.push(invalid(path.child('appProtocol'), appProtocol, m));
  return errs;
}

function validateService(svc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const spec = obj(svc, 'spec');
  const type = str(spec, 'type');
  const ports = objects(spec, 'ports');
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required(SPEC.child('ports'), ''));
  switch (type) {
    case 'LoadBalancer':
      if (headless) errs.push(invalid(SPEC.child('clusterIPs').index(0), 'None', "may not be set to 'None' for LoadBalancer services"));
      ports.forEach((p, i) => {
        if (num(p, 'port') === KUBELET_PORT) errs.push(invalid(SPEC.child('ports').index(i), KUBELET_PORT, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      });
      break;
    case 'NodePort':
      if (headless) errs.push(invalid(SPEC.child('clusterIPs').index(0), 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (strings(spec, 'clusterIPs').length > 0) errs.push(forbidden(SPEC.child('clusterIPs'), 'may not be set for ExternalName services'));
      if (strings(spec, 'ipFamilies').length > 0) errs.push(forbidden(SPEC.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (spec?.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbidden(SPEC.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = str(spec, 'externalName').replace(/\.$/, '');
      if (cname !== '') for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(SPEC.child('externalName'), cname, m));
      else errs.push(required(SPEC.child('externalName'), ''));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, SPEC.child('ports').index(i))));
  errs.push(...validateLabels(stringMap(spec, 'selector'), SPEC.child('selector')));
  const affinity = str(spec, 'sessionAffinity');
  if (affinity === '') errs.push(required(SPEC.child('sessionAffinity'), ''));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported(SPEC.child('sessionAffinity'), affinity, SESSION_AFFINITIES));
  if (affinity === 'None' && obj(spec, 'sessionAffinityConfig')) errs.push(forbidden(SPEC.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  strings(spec, 'externalIPs').forEach((ip, i) => {
    if (!isValidIP(ip)) errs.push(invalid(SPEC.child('externalIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (type === '') errs.push(required(SPEC.child('type'), ''));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported(SPEC.child('type'), type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((num(p, 'nodePort') ?? 0) !== 0) errs.push(forbidden(SPEC.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const nodePort = num(p, 'nodePort') ?? 0;
    if (nodePort === 0) return;
    const key = `${str(p, 'protocol')}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(SPEC.child('ports').index(i).child('nodePort'), nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p, 'protocol')}/${num(p, 'port') ?? 0}`;
    if (seen.has(key)) errs.push(duplicate(SPEC.child('ports').index(i), goLiteral(goServicePortKey(str(p, 'protocol'), num(p, 'port') ?? 0))));
    seen.add(key);
  });
  return errs;
}

function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const spec = obj(svc, 'spec');
  const oldSpec = obj(old, 'spec');
  if (str(spec, 'type') !== 'ExternalName' && str(oldSpec, 'type') !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const ips = strings(spec, 'clusterIPs');
    const oldIPs = strings(oldSpec, 'clusterIPs');
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => {
        if (ip !== ips[i]) errs.push(invalid(SPEC.child('clusterIPs').index(i), ips, 'may not change once set'));
      });
    } else if (ips.length < oldIPs.length && ips.length === 0) {
      errs.push(invalid(SPEC.child('clusterIPs').index(0), ips, 'primary clusterIP can not be unset'));
    }
  }
  return [...errs, ...validateService(svc)];
}

// ---- config maps and secrets ----------------------------------------------------------------------

function dataSize(data: Record<string, string> | undefined, base64: boolean): number {
  let total = 0;
  for (const v of Object.values(data ?? {})) total += base64 ? Math.floor((v.replace(/=+$/, '').length * 3) / 4) : new TextEncoder().encode(v).length;
  return total;
}

function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  const data = stringMap(cm, 'data');
  const binary = stringMap(cm, 'binaryData');
  for (const key of Object.keys(data ?? {}).sort()) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(FieldPath.root('data').key(key), key, m));
    if (binary && key in binary) errs.push(invalid(FieldPath.root('data').key(key), key, 'duplicate of key present in binaryData'));
  }
  for (const key of Object.keys(binary ?? {}).sort()) for (const m of isConfigMapKey(key)) errs.push(invalid(FieldPath.root('binaryData').key(key), key, m));
  if (dataSize(data, false) + dataSize(binary, true) > MAX_SECRET_SIZE) errs.push(tooLong(FieldPath.root(''), MAX_SECRET_SIZE));
  return errs;
}

function immutableWhenSet(obj: KubeObject, old: KubeObject, keys: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden(FieldPath.root('immutable'), 'field is immutable when `immutable` is set'));
  for (const k of keys) if (!jsonEqual(obj[k] ?? null, old[k] ?? null)) errs.push(forbidden(FieldPath.root(k), 'field is immutable when `immutable` is set'));
  return errs;
}

function validateSecret(secret: KubeObject): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = FieldPath.root('data');
  const data = stringMap(secret, 'data') ?? {};
  for (const key of Object.keys(data).sort()) for (const m of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, m));
  if (dataSize(data, true) > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, MAX_SECRET_SIZE));
  const has = (k: string): boolean => k in data;
  switch (str(secret, 'type')) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name'), ''));
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required(dataPath.key('.dockercfg'), ''));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required(dataPath.key('.dockerconfigjson'), ''));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required(dataPath.key('username'), ''), required(dataPath.key('password'), ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required(dataPath.key('ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt'), ''));
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key'), ''));
      break;
  }
  return errs;
}

// ---- namespaces, nodes, service accounts, events --------------------------------------------------

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const path = FieldPath.root('spec', 'finalizers');
  for (const f of strings(obj(ns, 'spec'), 'finalizers')) {
    for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function goTaint(t: JsonObject): string {
  return `core.Taint{Key:${goQuote(str(t, 'key'))}, Value:${goQuote(str(t, 'value'))}, Effect:${goQuote(str(t, 'effect'))}, TimeAdded:(*v1.Time)(nil)}`;
}

function validateTaints(taints: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = path.index(i);
    const key = str(t, 'key');
    const effect = str(t, 'effect');
    errs.push(...validateLabelName(key, p.child('key')));
    const vErrs = isValidLabelValue(str(t, 'value'));
    if (vErrs.length > 0) errs.push(invalid(p.child('value'), str(t, 'value'), vErrs.join(';')));
    if (effect === '') errs.push(required(p.child('effect'), ''));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) errs.push(notSupported(p.child('effect'), effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push({ ...duplicate(p, goLiteral(goTaint(t))), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(key);
    unique.set(effect, keys);
  });
  return errs;
}

function validateNode(node: KubeObject): FieldError[] {
  return [...validateObjectMeta(node.metadata, false, nameIsDNSSubdomain), ...validateTaints(objects(obj(node, 'spec'), 'taints'), SPEC.child('taints'))];
}

function validateNodeUpdate(node: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(node.metadata, old.metadata), ...validateTaints(objects(obj(node, 'spec'), 'taints'), SPEC.child('taints'))];
  const oldCIDRs = strings(obj(old, 'spec'), 'podCIDRs');
  if (oldCIDRs.length > 0 && !jsonEqual(strings(obj(node, 'spec'), 'podCIDRs'), oldCIDRs)) {
    errs.push(forbidden(SPEC.child('podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
  }
  const oldProvider = str(obj(old, 'spec'), 'providerID');
  if (oldProvider !== '' && str(obj(node, 'spec'), 'providerID') !== oldProvider) {
    errs.push(forbidden(SPEC.child('providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}

/** legacyValidateEvent: all the v1 API checks (object meta is deliberately not validated for v1 events). */
function validateEvent(ev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = str(obj(ev, 'involvedObject'), 'namespace');
  const nsPath = FieldPath.root('involvedObject', 'namespace');
  const eventTime = ev.eventTime;
  if (eventTime === undefined || eventTime === null || eventTime === '') {
    if (involvedNs === '' ? ns !== '' && ns !== 'default' : ns !== involvedNs) errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    const controller = str(ev, 'reportingComponent');
    if (controller === '') errs.push(required(FieldPath.root('reportingComponent'), ''));
    for (const m of isQualifiedName(controller)) errs.push(invalid(FieldPath.root('reportingComponent'), controller, m));
    const instance = str(ev, 'reportingInstance');
    if (instance === '') errs.push(required(FieldPath.root('reportingInstance'), ''));
    if (instance.length > 128) errs.push(invalid(FieldPath.root('reportingInstance'), '', 'can have at most 128 characters'));
    const action = str(ev, 'action');
    if (action === '') errs.push(required(FieldPath.root('action'), ''));
    if (action.length > 128) errs.push(invalid(FieldPath.root('action'), '', 'can have at most 128 characters'));
    const reason = str(ev, 'reason');
    if (reason === '') errs.push(required(FieldPath.root('reason'), ''));
    if (reason.length > 128) errs.push(invalid(FieldPath.root('reason'), '', 'can have at most 128 characters'));
    if (str(ev, 'message').length > 1024) errs.push(invalid(FieldPath.root('message'), '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid(FieldPath.root('namespace'), ns, m));
  return errs;
}

// ---- entry points --------------------------------------------------------------------------------

export const CORE_CREATE: Record<string, (obj: KubeObject) => FieldError[]> = {
  Service: validateService,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  Namespace: validateNamespace,
  Node: validateNode,
  ServiceAccount: (sa) => validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain),
  Event: validateEvent,
};

export const CORE_UPDATE: Record<string, (obj: KubeObject, old: KubeObject) => FieldError[]> = {
  Service: validateServiceUpdate,
  ConfigMap: (cm, old) => [...validateObjectMetaUpdate(cm.metadata, old.metadata), ...immutableWhenSet(cm, old, ['data', 'binaryData']), ...validateConfigMap(cm)],
  Secret: (s, old) => [
    ...validateObjectMetaUpdate(s.metadata, old.metadata),
    ...validateImmutable(str(s, 'type'), str(old, 'type'), FieldPath.root('type')),
    ...immutableWhenSet(s, old, ['data']),
    ...validateSecret(s),
  ],
  Namespace: (ns, old) => [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...validateObjectMeta(ns.metadata, false, nameIsDNSLabel)],
  Node: validateNodeUpdate,
  ServiceAccount: (sa, old) => [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain)],
  Event: (ev, old) => [...validateObjectMetaUpdate(ev.metadata, old.metadata), ...validateEvent(ev)],
};
