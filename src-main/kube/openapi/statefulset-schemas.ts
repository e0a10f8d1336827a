/** Schemas of apps/v1 StatefulSet: spec (claim templates, ordinals, retention policy), status. */
import { int32, int64, intOrString, listKind, object, objectMetaField, ref, refList, string, time, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: 'apps', version: 'v1', kind });

export const STATEFULSET_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.apps.v1.StatefulSet': object(
    'Pods with stable names and storage, created and replaced in order.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('apps.StatefulSetSpec', 'The desired state.'), default: {} },
      status: { ...ref('apps.StatefulSetStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('StatefulSet') },
  ),
  'io.k8s.api.apps.v1.StatefulSetList': listKind('apps.StatefulSet', gvk('StatefulSetList'), 'A list of stateful sets.'),
  'io.k8s.api.apps.v1.StatefulSetSpec': object(
    'The desired state of a stateful set.',
    {
      minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
      ordinals: ref('apps.StatefulSetOrdinals', 'How replica indexes are numbered.'),
      persistentVolumeClaimRetentionPolicy: ref('apps.StatefulSetPersistentVolumeClaimRetentionPolicy', 'What happens to claims from volumeClaimTemplates on delete and scale-down.'),
      podManagementPolicy: string('OrderedReady (one at a time, in order) or Parallel. Defaults to OrderedReady.', ['OrderedReady', 'Parallel']),
      replicas: int32('The number of pods. Defaults to 1.'),
      revisionHistoryLimit: int32('How many old revisions to keep. Defaults to 10.'),
      selector: ref('meta.LabelSelector', "Which pods belong to the stateful set; must match the template's labels."),
      serviceName: string('The headless service that gives the pods their network identity.'),
      template: { ...ref('core.PodTemplateSpec', 'The pods to create.'), default: {} },
      updateStrategy: { ...ref('apps.StatefulSetUpdateStrategy', 'How pods are replaced when the template changes.'), default: {} },
      volumeClaimTemplates: refList('core.PersistentVolumeClaim', 'Claims each pod gets, named <claim>-<pod>.', { listType: 'atomic' }),
    },
    { required: ['selector', 'template'] },
  ),
  'io.k8s.api.apps.v1.StatefulSetOrdinals': object('The numbering of replica indexes.', { start: int32('The index of the first replica. Defaults to 0.') }),
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': object('What happens to claims made from volumeClaimTemplates.', {
    whenDeleted: string('Retain or Delete, when the stateful set is deleted. Defaults to Retain.'),
    whenScaled: string('Retain or Delete, when replicas are removed by scaling down. Defaults to Retain.'),
  }),
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': object('How a stateful set replaces pods.', {
    rollingUpdate: ref('apps.RollingUpdateStatefulSetStrategy', 'Settings for RollingUpdate.'),
    type: string('OnDelete or RollingUpdate. Defaults to RollingUpdate.', ['OnDelete', 'RollingUpdate']),
  }),
  'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy': object('Settings of a stateful set rolling update.', {
    maxUnavailable: intOrString('How many pods, or what percentage, may be unavailable during the update. Defaults to 1.'),
    partition: int32('Only pods with an ordinal at or above this are updated. Defaults to 0.'),
  }),
  'io.k8s.api.apps.v1.StatefulSetStatus': object(
    'The observed state of a stateful set.',
    {
      availableReplicas: int32('Pods available for at least minReadySeconds.'),
      collisionCount: int32('Hash collisions of the template, used to name revisions.'),
      conditions: refList('apps.StatefulSetCondition', 'Conditions of the stateful set.', { listType: 'map', mapKeys: ['type'], mergeKey: 'type', strategy: 'merge' }),
      currentReplicas: int32('Pods created from the currentRevision.'),
      currentRevision: string('The revision the pods up to currentReplicas run.'),
      observedGeneration: int64('The generation the controller last acted on.'),
      readyReplicas: int32('Ready pods.'),
      replicas: int32('Pods the controller created.'),
      updateRevision: string('The revision new pods are created from.'),
      updatedReplicas: int32('Pods created from the updateRevision.'),
    },
    { required: ['replicas'] },
  ),
  'io.k8s.api.apps.v1.StatefulSetCondition': object(
    'One aspect of the state of a stateful set.',
    {
      lastTransitionTime: time('When the condition last changed status.'),
      message: string('A human-readable explanation.'),
      reason: string('A CamelCase word for why the condition is in its state.'),
      status: string('True, False or Unknown.'),
      type: string('The condition type.'),
    },
    { required: ['type', 'status'] },
  ),
};
