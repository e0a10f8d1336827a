/**
 * Defaults of a PodSpec wherever it appears (pods and pod templates), following core/v1's
 * SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Volume, SetDefaults_Probe, ... and the
 * generated defaulters that call them.
 */
import type { JsonObject } from '../object';
import { child, ensureObject, objectsIn, setDefault, setDefaultPointer } from './json';
import { defaultResourceList } from './resource-list';

/** 0644: the file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_MODE = 420;

/** The tag `parsers.ParseImageName` finds: after the last ':' past the last '/', `latest` when none, '' with a digest. */
export function imageTag(image: string): string {
  if (image === '') return '';
  const at = image.indexOf('@');
  if (at >= 0) {
    const name = image.slice(0, at);
    const colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  }
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : 'latest';
}

function defaultHTTPGet(handler: JsonObject | undefined): void {
  const httpGet = child(handler, 'httpGet');
  if (!httpGet) return;
  setDefault(httpGet, 'path', '/');
  setDefault(httpGet, 'scheme', 'HTTP');
}

function defaultProbe(probe: JsonObject | undefined): void {
  if (!probe) return;
  for (const [key, value] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const) {
    if (probe[key] === undefined || probe[key] === null || probe[key] === 0) probe[key] = value;
  }
  defaultHTTPGet(probe);
  const grpc = child(probe, 'grpc');
  if (grpc) setDefaultPointer(grpc, 'service', '');
}

function defaultFieldRef(holder: JsonObject | undefined): void {
  const fieldRef = child(holder, 'fieldRef');
  if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
}

function defaultContainer(c: JsonObject): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') {
    c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of objectsIn(c, 'ports')) setDefault(p, 'protocol', 'TCP');
  for (const e of objectsIn(c, 'env')) defaultFieldRef(child(e, 'valueFrom'));
  // Resources is a struct in Go: it always serializes, as `{}` when empty.
  const resources = ensureObject(c, 'resources');
  defaultResourceList(child(resources, 'limits'));
  defaultResourceList(child(resources, 'requests'));
  defaultProbe(child(c, 'livenessProbe'));
  defaultProbe(child(c, 'readinessProbe'));
  defaultProbe(child(c, 'startupProbe'));
  const lifecycle = child(c, 'lifecycle');
  defaultHTTPGet(child(lifecycle, 'postStart'));
  defaultHTTPGet(child(lifecycle, 'preStop'));
}

/** Volume source fields; a volume with none of them becomes an emptyDir. */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

function defaultVolume(v: JsonObject): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  const hostPath = child(v, 'hostPath');
  if (hostPath) setDefaultPointer(hostPath, 'type', '');
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = child(v, key);
    if (src) setDefaultPointer(src, 'defaultMode', DEFAULT_MODE);
  }
  for (const item of objectsIn(child(v, 'downwardAPI'), 'items')) defaultFieldRef(item);
  for (const source of objectsIn(child(v, 'projected'), 'sources')) {
    for (const item of objectsIn(child(source, 'downwardAPI'), 'items')) defaultFieldRef(item);
    const token = child(source, 'serviceAccountToken');
    if (token) setDefaultPointer(token, 'expirationSeconds', 3600);
  }
  const iscsi = child(v, 'iscsi');
  if (iscsi) setDefault(iscsi, 'iscsiInterface', 'default');
  const rbd = child(v, 'rbd');
  if (rbd) {
    setDefault(rbd, 'pool', 'rbd');
    setDefault(rbd, 'user', 'admin');
    setDefault(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = child(v, 'azureDisk');
  if (azureDisk) {
    setDefaultPointer(azureDisk, 'cachingMode', 'ReadWrite');
    setDefaultPointer(azureDisk, 'kind', 'Shared');
    setDefaultPointer(azureDisk, 'fsType', 'ext4');
    setDefaultPointer(azureDisk, 'readOnly', false);
  }
  const scaleIO = child(v, 'scaleIO');
  if (scaleIO) {
    setDefault(scaleIO, 'storageMode', 'ThinProvisioned');
    setDefault(scaleIO, 'fsType', 'xfs');
  }
  const claimSpec = child(child(child(v, 'ephemeral'), 'volumeClaimTemplate'), 'spec');
  if (claimSpec) {
    setDefaultPointer(claimSpec, 'volumeMode', 'Filesystem');
    const resources = child(claimSpec, 'resources');
    defaultResourceList(child(resources, 'limits'));
    defaultResourceList(child(resources, 'requests'));
  }
}

/** SetDefaults_PodSpec and everything below it; `spec` is changed in place. */
export function defaultPodSpec(spec: JsonObject): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefaultPointer(spec, 'securityContext', {});
  setDefaultPointer(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  // serviceAccount is the deprecated alias the v1 conversion keeps equal to serviceAccountName.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') spec.serviceAccountName = spec.serviceAccount;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName;
  for (const v of objectsIn(spec, 'volumes')) defaultVolume(v);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) for (const c of objectsIn(spec, key)) defaultContainer(c);
  defaultResourceList(child(spec, 'overhead'));
}

/** Priorities of the built-in PriorityClasses, as the Priority admission plugin resolves them. */
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/**
 * What a Pod gets beyond a PodSpec: SetDefaults_Pod (requests default to limits, service links
 * on, host ports under host networking) and the Priority admission plugin's priority and
 * preemption policy.
 */
export function defaultPod(pod: JsonObject): void {
  const spec = ensureObject(pod, 'spec');
  for (const key of ['containers', 'initContainers']) {
    for (const c of objectsIn(spec, key)) {
      const resources = child(c, 'resources');
      const limits = child(resources, 'limits');
      if (!resources || !limits) continue;
      const requests = ensureObject(resources, 'requests');
      for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
    }
  }
  setDefaultPointer(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers']) {
      for (const c of objectsIn(spec, key)) {
        for (const p of objectsIn(c, 'ports')) if (!p.hostPort) p.hostPort = p.containerPort;
      }
    }
  }
  defaultPodSpec(spec);
  if (spec.priority === undefined || spec.priority === null) {
    const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
    if (className === '' || className in SYSTEM_PRIORITIES) spec.priority = SYSTEM_PRIORITIES[className] ?? 0;
  }
  setDefaultPointer(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

/** A pod template: PodSpec defaults, and the `creationTimestamp: null` every stored template shows. */
export function defaultPodTemplate(template: JsonObject): void {
  const metadata = ensureObject(template, 'metadata');
  if (!('creationTimestamp' in metadata)) metadata.creationTimestamp = null;
  defaultPodSpec(ensureObject(template, 'spec'));
}
