/**
 * Strategic-merge-patch metadata: for each field of a built-in type, its `patchStrategy` and
 * `patchMergeKey` struct tags, exactly as in k8s.io/api and k8s.io/apimachinery v0.32
 * (core/v1, apps/v1, batch/v1, policy/v1, meta/v1 types.go). kube-apiserver reads these tags from
 * the Go types (strategicpatch.PatchMetaFromStruct); we keep only the fields that carry a tag and
 * the path of structs that leads to them. Every other field has no strategy: its lists are
 * replaced and its objects merged.
 *
 * Kinds not listed here (custom resources and the like) get metadata with no strategies at all,
 * so a strategic merge patch on them behaves like a JSON merge patch plus the directives.
 *
 * The `retainKeys` strategy is recorded for completeness; the server applies a `$retainKeys`
 * directive wherever it appears, whatever the tag says (only clients use the tag to emit it).
 */

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys';

/** What the metadata says about one field of an object. */
export interface FieldPatchMeta {
  /** The struct tag, split on commas: `merge`, `merge,retainKeys`, `retainKeys`, `replace`. */
  readonly strategies: readonly PatchStrategy[];
  /** patchMergeKey, or '' when the field has none. */
  readonly mergeKey: string;
  /** Metadata of the field's value: the object itself, or each item of a list. */
  readonly meta: PatchMeta;
}

/** Metadata of one object type, walked one field at a time. */
export interface PatchMeta {
  /** The Go kind of the type (`struct`), as upstream error messages name it. */
  readonly name: string;
  field(key: string): FieldPatchMeta;
}

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The strategy for merging a list or an object: the tag without `retainKeys`. */
export function mergeStrategy(field: FieldPatchMeta): 'merge' | 'replace' | '' {
  for (const s of field.strategies) if (s !== 'retainKeys') return s;
  return '';
}

interface FieldTag {
  /** patchStrategy tag. */
  readonly strategy?: string;
  /** patchMergeKey tag. */
  readonly key?: string;
  /** Name of the value's (or item's) type in TYPES, when that type has tagged fields. */
  readonly type?: string;
}

const OBJECT_META = { metadata: { type: 'ObjectMeta' } } as const;
const CONDITIONS = { conditions: { strategy: 'merge', key: 'type' } } as const;

/** Types with tagged fields, and the types on the way to them. Names as in Go. */
const TYPES: Readonly<Record<string, Readonly<Record<string, FieldTag>>>> = {
  ObjectMeta: {
    ownerReferences: { strategy: 'merge', key: 'uid' },
    finalizers: { strategy: 'merge' },
  },
  // core/v1
  Pod: { ...OBJECT_META, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplate: { ...OBJECT_META, template: { type: 'PodTemplateSpec' } },
  PodTemplateSpec: { ...OBJECT_META, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { strategy: 'merge,retainKeys', key: 'name', type: 'Volume' },
    initContainers: { strategy: 'merge', key: 'name', type: 'Container' },
    containers: { strategy: 'merge', key: 'name', type: 'Container' },
    // EphemeralContainer inlines EphemeralContainerCommon, whose tags are Container's.
    ephemeralContainers: { strategy: 'merge', key: 'name', type: 'Container' },
    imagePullSecrets: { strategy: 'merge', key: 'name' },
    hostAliases: { strategy: 'merge', key: 'ip' },
    topologySpreadConstraints: { strategy: 'merge', key: 'topologyKey' },
    schedulingGates: { strategy: 'merge', key: 'name' },
    resourceClaims: { strategy: 'merge,retainKeys', key: 'name' },
  },
  Container: {
    ports: { strategy: 'merge', key: 'containerPort' },
    env: { strategy: 'merge', key: 'name' },
    volumeMounts: { strategy: 'merge', key: 'mountPath' },
    volumeDevices: { strategy: 'merge', key: 'devicePath' },
  },
  // Volume inlines VolumeSource.
  Volume: { ephemeral: { type: 'EphemeralVolumeSource' } },
  EphemeralVolumeSource: { volumeClaimTemplate: { type: 'PersistentVolumeClaimTemplate' } },
  PersistentVolumeClaimTemplate: OBJECT_META,
  PodStatus: {
    ...CONDITIONS,
    hostIPs: { strategy: 'merge', key: 'ip' },
    podIPs: { strategy: 'merge', key: 'ip' },
    initContainerStatuses: { type: 'ContainerStatus' },
    containerStatuses: { type: 'ContainerStatus' },
    ephemeralContainerStatuses: { type: 'ContainerStatus' },
    resourceClaimStatuses: { strategy: 'merge,retainKeys', key: 'name' },
  },
  ContainerStatus: {
    volumeMounts: { strategy: 'merge', key: 'mountPath' },
    allocatedResourcesStatus: { strategy: 'merge', key: 'name' },
  },
  ReplicationController: { ...OBJECT_META, spec: { type: 'ReplicationControllerSpec' }, status: { type: 'WithConditions' } },
  ReplicationControllerSpec: { template: { type: 'PodTemplateSpec' } },
  Service: { ...OBJECT_META, spec: { type: 'ServiceSpec' }, status: { type: 'WithConditions' } },
  ServiceSpec: { ports: { strategy: 'merge', key: 'port' } },
  Node: { ...OBJECT_META, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  // taints have no tag: `kubectl taint` sends the whole list and it replaces.
  NodeSpec: { podCIDRs: { strategy: 'merge' } },
  NodeStatus: { ...CONDITIONS, addresses: { strategy: 'merge', key: 'type' } },
  // spec.finalizers of a Namespace has no tag (unlike metadata.finalizers).
  Namespace: { ...OBJECT_META, status: { type: 'WithConditions' } },
  ServiceAccount: { ...OBJECT_META, secrets: { strategy: 'merge', key: 'name' } },
  PersistentVolumeClaim: { ...OBJECT_META, status: { type: 'WithConditions' } },
  /** Any status whose only tagged field is conditions (merged by type). */
  WithConditions: CONDITIONS,
  /** Any kind whose only tagged fields are in metadata. */
  WithObjectMeta: OBJECT_META,
  // apps/v1
  Deployment: { ...OBJECT_META, spec: { type: 'DeploymentSpec' }, status: { type: 'WithConditions' } },
  DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { strategy: 'retainKeys' } },
  ReplicaSet: { ...OBJECT_META, spec: { type: 'WorkloadSpec' }, status: { type: 'WithConditions' } },
  DaemonSet: { ...OBJECT_META, spec: { type: 'WorkloadSpec' }, status: { type: 'WithConditions' } },
  StatefulSet: { ...OBJECT_META, spec: { type: 'StatefulSetSpec' }, status: { type: 'WithConditions' } },
  StatefulSetSpec: {
    template: { type: 'PodTemplateSpec' },
    volumeClaimTemplates: { type: 'PersistentVolumeClaim' },
  },
  /** ReplicaSetSpec, DaemonSetSpec, JobSpec: a pod template and nothing else tagged. */
  WorkloadSpec: { template: { type: 'PodTemplateSpec' } },
  // batch/v1
  Job: { ...OBJECT_META, spec: { type: 'WorkloadSpec' }, status: { type: 'WithConditions' } },
  CronJob: { ...OBJECT_META, spec: { type: 'CronJobSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  JobTemplateSpec: { ...OBJECT_META, spec: { type: 'WorkloadSpec' } },
  // policy/v1
  PodDisruptionBudget: { ...OBJECT_META, spec: { type: 'PodDisruptionBudgetSpec' }, status: { type: 'WithConditions' } },
  PodDisruptionBudgetSpec: { selector: { strategy: 'replace' } },
};

/** Built-in kinds by `group/version/kind` ('' is the core group), and the type describing each. */
const KINDS: Readonly<Record<string, string>> = {
  '/v1/Pod': 'Pod',
  '/v1/PodTemplate': 'PodTemplate',
  '/v1/ReplicationController': 'ReplicationController',
  '/v1/Service': 'Service',
  '/v1/Node': 'Node',
  '/v1/Namespace': 'Namespace',
  '/v1/ServiceAccount': 'ServiceAccount',
  '/v1/PersistentVolumeClaim': 'PersistentVolumeClaim',
  '/v1/ConfigMap': 'WithObjectMeta',
  '/v1/Secret': 'WithObjectMeta',
  '/v1/Event': 'WithObjectMeta',
  '/v1/Endpoints': 'WithObjectMeta',
  '/v1/PersistentVolume': 'WithObjectMeta',
  '/v1/LimitRange': 'WithObjectMeta',
  '/v1/ResourceQuota': 'WithObjectMeta',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/ReplicaSet': 'ReplicaSet',
  'apps/v1/DaemonSet': 'DaemonSet',
  'apps/v1/StatefulSet': 'StatefulSet',
  'apps/v1/ControllerRevision': 'WithObjectMeta',
  'batch/v1/Job': 'Job',
  'batch/v1/CronJob': 'CronJob',
  'policy/v1/PodDisruptionBudget': 'PodDisruptionBudget',
  'events.k8s.io/v1/Event': 'WithObjectMeta',
  'coordination.k8s.io/v1/Lease': 'WithObjectMeta',
  'autoscaling/v1/Scale': 'WithObjectMeta',
  'networking.k8s.io/v1/Ingress': 'WithObjectMeta',
  'networking.k8s.io/v1/NetworkPolicy': 'WithObjectMeta',
  'rbac.authorization.k8s.io/v1/Role': 'WithObjectMeta',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'WithObjectMeta',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'WithObjectMeta',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'WithObjectMeta',
};

/** Metadata with no strategies anywhere: what unknown kinds and untagged types get. */
export const NO_PATCH_META: PatchMeta = {
  name: 'struct',
  field: () => NO_FIELD_META,
};

const NO_FIELD_META: FieldPatchMeta = { strategies: [], mergeKey: '', meta: NO_PATCH_META };

class TablePatchMeta implements PatchMeta {
  readonly name = 'struct';

  constructor(private readonly fields: Readonly<Record<string, FieldTag>>) {}

  field(key: string): FieldPatchMeta {
    if (!Object.prototype.hasOwnProperty.call(this.fields, key)) return NO_FIELD_META;
    const tag = this.fields[key];
    return {
      strategies: tag.strategy ? (tag.strategy.split(',') as PatchStrategy[]) : [],
      mergeKey: tag.key ?? '',
      meta: tag.type ? typeMeta(tag.type) : NO_PATCH_META,
    };
  }
}

const cache = new Map<string, PatchMeta>();

function typeMeta(name: string): PatchMeta {
  let meta = cache.get(name);
  if (!meta) {
    const fields = TYPES[name];
    if (!fields) throw new Error(`patch-meta: no type ${name}`);
    meta = new TablePatchMeta(fields);
    cache.set(name, meta);
  }
  return meta;
}

/** The metadata of a kind's top-level object; NO_PATCH_META for kinds not built in. */
export function patchMetaFor(gvk: GroupVersionKind): PatchMeta {
  const type = KINDS[`${gvk.group}/${gvk.version}/${gvk.kind}`];
  return type ? typeMeta(type) : NO_PATCH_META;
}

/** Walks a path of field names, e.g. ['spec', 'template', 'spec', 'containers']; for tests and tools. */
export function lookupPath(meta: PatchMeta, path: readonly string[]): FieldPatchMeta {
  let field: FieldPatchMeta = { strategies: [], mergeKey: '', meta };
  for (const key of path) field = field.meta.field(key);
  return field;
}
