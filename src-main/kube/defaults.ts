/**
 * Server-side defaulting of objects before they are stored, for the kinds we serve: core/v1,
 * apps/v1, batch/v1 and discovery.k8s.io/v1 defaulters (SetDefaults_*), the visible effects of
 * decoding through the internal version (deprecated aliases kept in step, Secret stringData merged
 * into data, quantities made canonical), and the few values admission and the service registry
 * fill in on every cluster (pod priority, service IP families).
 */
import type { KubeObject } from './object';
import type { ResourceType } from './resource-type';
import { child, ensureObject, objectsIn, setDefault, setDefaultPointer } from './defaults/json';
import { defaultPod, defaultPodTemplate } from './defaults/pod-spec';
import { defaultResourceList } from './defaults/resource-list';
import { base64Encode } from './defaults/base64';
import { defaultDaemonSet, defaultStatefulSet } from './defaults/apps-workloads';
import { defaultCronJob, defaultJob } from './defaults/batch';
import { defaultEndpoints, defaultEndpointSlice } from './defaults/endpoints';
import { defaultSubjects } from './validation/rbac';

function defaultDeployment(obj: KubeObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefaultPointer(spec, 'replicas', 1);
  const strategy = ensureObject(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureObject(strategy, 'rollingUpdate');
    setDefaultPointer(rollingUpdate, 'maxUnavailable', '25%');
    setDefaultPointer(rollingUpdate, 'maxSurge', '25%');
  }
  setDefaultPointer(spec, 'revisionHistoryLimit', 10);
  setDefaultPointer(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(ensureObject(spec, 'template'));
}

function defaultReplicaSet(obj: KubeObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefaultPointer(spec, 'replicas', 1);
  defaultPodTemplate(ensureObject(spec, 'template'));
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function defaultService(obj: KubeObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = child(child(spec, 'sessionAffinityConfig'), 'clientIP');
    if (!clientIP || clientIP.timeoutSeconds === undefined || clientIP.timeoutSeconds === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  setDefault(spec, 'type', 'ClusterIP');
  for (const p of objectsIn(spec, 'ports')) {
    setDefault(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const type = spec.type;
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && stringArray(spec.externalIPs).length > 0);
  if (externallyAccessible) setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') setDefaultPointer(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefaultPointer(spec, 'allocateLoadBalancerNodePorts', true);
  // The v1 conversion keeps clusterIP and clusterIPs[0] in step.
  const ips = stringArray(spec.clusterIPs);
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && ips.length === 0) spec.clusterIPs = [spec.clusterIP];
  else if ((spec.clusterIP === undefined || spec.clusterIP === '') && ips.length > 0) spec.clusterIP = ips[0];
  // The service registry settles IP families on create; this cluster is IPv4 single-stack.
  if (type !== 'ExternalName') {
    const headlessWithoutSelector = spec.clusterIP === 'None' && Object.keys(child(spec, 'selector') ?? {}).length === 0;
    setDefaultPointer(spec, 'ipFamilyPolicy', headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack');
    if (stringArray(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4'];
  }
}

/** v1 → internal conversion: stringData overwrites data (base64-encoded) and is not stored. */
function defaultSecret(obj: KubeObject): void {
  setDefault(obj, 'type', 'Opaque');
  const stringData = child(obj, 'stringData');
  if (stringData) {
    if (Object.keys(stringData).length > 0) {
      const data = ensureObject(obj, 'data');
      for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') data[k] = base64Encode(v);
    }
    delete obj.stringData;
  }
}

function defaultNamespace(obj: KubeObject): void {
  const name = obj.metadata.name;
  if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  const spec = ensureObject(obj, 'spec');
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  setDefault(ensureObject(obj, 'status'), 'phase', 'Active');
}

function defaultNode(obj: KubeObject): void {
  const spec = ensureObject(obj, 'spec');
  // v1 keeps podCIDR and podCIDRs[0] in step.
  const cidrs = stringArray(spec.podCIDRs);
  if (typeof spec.podCIDR === 'string' && spec.podCIDR !== '' && cidrs.length === 0) spec.podCIDRs = [spec.podCIDR];
  else if (!spec.podCIDR && cidrs.length > 0) spec.podCIDR = cidrs[0];
  const status = child(obj, 'status');
  if (!status) return;
  defaultResourceList(child(status, 'capacity'));
  defaultResourceList(child(status, 'allocatable'));
  if (status.allocatable === undefined && child(status, 'capacity')) status.allocatable = { ...child(status, 'capacity') };
}

/** Fields v1 Events always serialize (they are not omitempty, or are structs). */
function defaultEvent(obj: KubeObject): void {
  ensureObject(obj, 'involvedObject');
  ensureObject(obj, 'source');
  for (const key of ['firstTimestamp', 'lastTimestamp', 'eventTime']) if (!(key in obj)) obj[key] = null;
  setDefault(obj, 'reportingComponent', '');
  setDefault(obj, 'reportingInstance', '');
}

const DEFAULTERS: Record<string, (obj: KubeObject) => void> = {
  '/Pod': (obj) => defaultPod(obj),
  '/Service': defaultService,
  '/Secret': defaultSecret,
  '/Namespace': defaultNamespace,
  '/Node': defaultNode,
  '/Event': defaultEvent,
  '/Endpoints': defaultEndpoints,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'discovery.k8s.io/EndpointSlice': defaultEndpointSlice,
  'rbac.authorization.k8s.io/RoleBinding': defaultSubjects,
  'rbac.authorization.k8s.io/ClusterRoleBinding': defaultSubjects,
};

/** Applies the defaults of `rt`'s kind to `obj`, in place (idempotent). */
export function applyDefaults(rt: ResourceType, obj: KubeObject): void {
  DEFAULTERS[`${rt.group}/${rt.kind}`]?.(obj);
}
