/** Schemas of apps/v1 Deployment and ReplicaSet. */
import { boolean, freeform, int32, intOrString, listKind, object, objectMetaField, ref, string, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: 'apps', version: 'v1', kind });

export const APPS_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.apps.v1.Deployment': object(
    'Declarative updates for pods and replica sets.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('apps.DeploymentSpec', 'The desired state.'), default: {} },
      status: { ...ref('apps.DeploymentStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('Deployment') },
  ),
  'io.k8s.api.apps.v1.DeploymentList': listKind('apps.Deployment', gvk('DeploymentList'), 'A list of deployments.'),
  'io.k8s.api.apps.v1.DeploymentSpec': object(
    'The desired state of a deployment.',
    {
      minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
      paused: boolean('Whether rollouts are paused.'),
      progressDeadlineSeconds: int32('Seconds a rollout may make no progress before it is reported failed. Defaults to 600.'),
      replicas: int32('The number of pods. Defaults to 1.'),
      revisionHistoryLimit: int32('How many old replica sets to keep for rollback. Defaults to 10.'),
      selector: ref('meta.LabelSelector', "Which pods belong to the deployment; must match the template's labels and cannot change."),
      strategy: {
        ...ref('apps.DeploymentStrategy', 'How old pods are replaced by new ones.'),
        default: {},
        'x-kubernetes-patch-strategy': 'retainKeys',
      },
      template: { ...ref('core.PodTemplateSpec', 'The pods to create.'), default: {} },
    },
    { required: ['selector', 'template'] },
  ),
  'io.k8s.api.apps.v1.DeploymentStrategy': object('How a deployment replaces pods.', {
    rollingUpdate: ref('apps.RollingUpdateDeployment', 'Settings for RollingUpdate.'),
    type: string('Recreate or RollingUpdate. Defaults to RollingUpdate.', ['Recreate', 'RollingUpdate']),
  }),
  'io.k8s.api.apps.v1.RollingUpdateDeployment': object('Settings of a rolling update.', {
    maxSurge: intOrString('How many pods, or what percentage, above the desired number may exist during the update. Defaults to 25%.'),
    maxUnavailable: intOrString('How many pods, or what percentage, may be unavailable during the update. Defaults to 25%.'),
  }),
  'io.k8s.api.apps.v1.DeploymentStatus': object(
    'The observed state of a deployment.',
    {
      availableReplicas: int32('Pods available for at least minReadySeconds.'),
      collisionCount: int32('Hash collisions of the template, used to name replica sets.'),
      conditions: freeform('Available, Progressing, ReplicaFailure.'),
      observedGeneration: { type: 'integer', format: 'int64', description: 'The generation the controller last acted on.' },
      readyReplicas: int32('Ready pods.'),
      replicas: int32('All pods of the deployment.'),
      unavailableReplicas: int32('Pods that are not available.'),
      updatedReplicas: int32('Pods running the current template.'),
    },
    { preserveUnknown: true },
  ),
  'io.k8s.api.apps.v1.ReplicaSet': object(
    'Keeps a given number of identical pods running.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('apps.ReplicaSetSpec', 'The desired state.'), default: {} },
      status: { ...ref('apps.ReplicaSetStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('ReplicaSet') },
  ),
  'io.k8s.api.apps.v1.ReplicaSetList': listKind('apps.ReplicaSet', gvk('ReplicaSetList'), 'A list of replica sets.'),
  'io.k8s.api.apps.v1.ReplicaSetSpec': object(
    'The desired state of a replica set.',
    {
      minReadySeconds: int32('Seconds a new pod must be ready to count as available.'),
      replicas: int32('The number of pods. Defaults to 1.'),
      selector: ref('meta.LabelSelector', "Which pods belong to the replica set; must match the template's labels."),
      template: { ...ref('core.PodTemplateSpec', 'The pods to create.'), default: {} },
    },
    { required: ['selector'] },
  ),
  'io.k8s.api.apps.v1.ReplicaSetStatus': object(
    'The observed state of a replica set.',
    {
      availableReplicas: int32('Available pods.'),
      conditions: freeform('Conditions of the replica set.'),
      fullyLabeledReplicas: int32('Pods whose labels match the template.'),
      observedGeneration: { type: 'integer', format: 'int64', description: 'The generation the controller last acted on.' },
      readyReplicas: int32('Ready pods.'),
      replicas: int32('All pods of the replica set.'),
    },
    { required: ['replicas'], preserveUnknown: true },
  ),
};
