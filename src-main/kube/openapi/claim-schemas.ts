/** Schemas of core/v1 PersistentVolumeClaim, as stateful set volumeClaimTemplates hold them. */
import { listKind, object, objectMetaField, quantityMap, ref, refList, string, stringList, stringMap, time, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: '', version: 'v1', kind });

export const CLAIM_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.core.v1.PersistentVolumeClaim': object(
    "A user's request for storage.",
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('core.PersistentVolumeClaimSpec', 'The storage asked for.'), default: {} },
      status: { ...ref('core.PersistentVolumeClaimStatus', 'The state of the claim. Read-only.'), default: {} },
    },
    { gvk: gvk('PersistentVolumeClaim') },
  ),
  'io.k8s.api.core.v1.PersistentVolumeClaimList': listKind('core.PersistentVolumeClaim', gvk('PersistentVolumeClaimList'), 'A list of persistent volume claims.'),
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': object('The storage a claim asks for.', {
    accessModes: stringList('ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
    dataSource: ref('core.TypedLocalObjectReference', 'A snapshot or claim to fill the new volume from.'),
    dataSourceRef: ref('core.TypedObjectReference', 'Any object (possibly in another namespace) to fill the new volume from.'),
    resources: { ...ref('core.VolumeResourceRequirements', 'The size asked for.'), default: {} },
    selector: ref('meta.LabelSelector', 'Labels a bound volume must have.'),
    storageClassName: string('The storage class to provision from.'),
    volumeAttributesClassName: string('The volume attributes class to apply.'),
    volumeMode: string('Filesystem or Block. Defaults to Filesystem.', ['Block', 'Filesystem']),
    volumeName: string('The persistent volume to bind to.'),
  }),
  'io.k8s.api.core.v1.VolumeResourceRequirements': object('The storage size a claim asks for.', {
    limits: quantityMap('The most storage allowed.'),
    requests: quantityMap('The least storage needed.'),
  }),
  'io.k8s.api.core.v1.TypedLocalObjectReference': object(
    'A reference to an object of a given kind in the same namespace.',
    { apiGroup: string('The group of the kind; empty for the core group.'), kind: string('The kind.'), name: string('The name.') },
    { required: ['kind', 'name'], mapType: 'atomic' },
  ),
  'io.k8s.api.core.v1.TypedObjectReference': object(
    'A reference to an object of a given kind, possibly in another namespace.',
    {
      apiGroup: string('The group of the kind; empty for the core group.'),
      kind: string('The kind.'),
      name: string('The name.'),
      namespace: string('The namespace; the claim’s own when empty.'),
    },
    { required: ['kind', 'name'] },
  ),
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': object('The state of a claim.', {
    accessModes: stringList('The access modes the bound volume has.'),
    allocatedResourceStatuses: { ...stringMap('Where each resize stands.'), 'x-kubernetes-map-type': 'granular' },
    allocatedResources: quantityMap('The sizes the system has allocated.'),
    capacity: quantityMap('The size of the bound volume.'),
    conditions: refList('core.PersistentVolumeClaimCondition', 'Conditions of the claim.', { listType: 'map', mapKeys: ['type'], mergeKey: 'type', strategy: 'merge' }),
    currentVolumeAttributesClassName: string('The volume attributes class in effect.'),
    modifyVolumeStatus: ref('core.ModifyVolumeStatus', 'Where a volume attributes change stands.'),
    phase: string('Pending, Bound or Lost.', ['Bound', 'Lost', 'Pending']),
  }),
  'io.k8s.api.core.v1.PersistentVolumeClaimCondition': object(
    'One aspect of the state of a claim.',
    {
      lastProbeTime: time('When the condition was last checked.'),
      lastTransitionTime: time('When the condition last changed status.'),
      message: string('A human-readable explanation.'),
      reason: string('A CamelCase word for why the condition is in its state.'),
      status: string('True, False or Unknown.'),
      type: string('The condition type.'),
    },
    { required: ['type', 'status'] },
  ),
  'io.k8s.api.core.v1.ModifyVolumeStatus': object(
    'Where a change of volume attributes class stands.',
    { status: string('Pending, InProgress or Infeasible.'), targetVolumeAttributesClassName: string('The class being applied.') },
    { required: ['status'] },
  ),
};
