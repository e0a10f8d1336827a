/** Schemas of apps/v1 DaemonSet (one pod per node) and ControllerRevision (the revisions it and stateful sets keep). */
import { freeform, int32, int64, intOrString, listKind, object, objectMetaField, ref, refList, string, time, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: 'apps', version: 'v1', kind });

export const DAEMONSET_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.apps.v1.DaemonSet': object(
    'Runs a copy of a pod on every node that matches.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('apps.DaemonSetSpec', 'The desired state.'), default: {} },
      status: { ...ref('apps.DaemonSetStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('DaemonSet') },
  ),
  'io.k8s.api.apps.v1.DaemonSetList': listKind('apps.DaemonSet', gvk('DaemonSetList'), 'A list of daemon sets.'),
  'io.k8s.api.apps.v1.DaemonSetSpec': object(
    'The desired state of a daemon set.',
    {
      minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
      revisionHistoryLimit: int32('How many old revisions to keep. Defaults to 10.'),
      selector: ref('meta.LabelSelector', "Which pods belong to the daemon set; must match the template's labels and cannot change."),
      template: { ...ref('core.PodTemplateSpec', 'The pod to run on each node.'), default: {} },
      updateStrategy: { ...ref('apps.DaemonSetUpdateStrategy', 'How pods are replaced when the template changes.'), default: {} },
    },
    { required: ['selector', 'template'] },
  ),
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': object('How a daemon set replaces pods.', {
    rollingUpdate: ref('apps.RollingUpdateDaemonSet', 'Settings for RollingUpdate.'),
    type: string('OnDelete or RollingUpdate. Defaults to RollingUpdate.', ['OnDelete', 'RollingUpdate']),
  }),
  'io.k8s.api.apps.v1.RollingUpdateDaemonSet': object('Settings of a daemon set rolling update.', {
    maxSurge: intOrString('How many nodes, or what percentage, may run an extra new pod during the update. Defaults to 0.'),
    maxUnavailable: intOrString('How many nodes, or what percentage, may be without an available pod during the update. Defaults to 1.'),
  }),
  'io.k8s.api.apps.v1.DaemonSetStatus': object(
    'The observed state of a daemon set.',
    {
      collisionCount: int32('Hash collisions of the template, used to name revisions.'),
      conditions: refList('apps.DaemonSetCondition', 'Conditions of the daemon set.', { listType: 'map', mapKeys: ['type'], mergeKey: 'type', strategy: 'merge' }),
      currentNumberScheduled: int32('Nodes that run at least one daemon pod and should.'),
      desiredNumberScheduled: int32('Nodes that should run the daemon pod.'),
      numberAvailable: int32('Nodes whose daemon pod has been ready for at least minReadySeconds.'),
      numberMisscheduled: int32('Nodes that run the daemon pod but should not.'),
      numberReady: int32('Nodes whose daemon pod is ready.'),
      numberUnavailable: int32('Nodes that should run an available daemon pod and do not.'),
      observedGeneration: int64('The generation the controller last acted on.'),
      updatedNumberScheduled: int32('Nodes that run the current pod template.'),
    },
    { required: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'] },
  ),
  'io.k8s.api.apps.v1.DaemonSetCondition': object(
    'One aspect of the state of a daemon set.',
    {
      lastTransitionTime: time('When the condition last changed status.'),
      message: string('A human-readable explanation.'),
      reason: string('A CamelCase word for why the condition is in its state.'),
      status: string('True, False or Unknown.'),
      type: string('The condition type.'),
    },
    { required: ['type', 'status'] },
  ),
  'io.k8s.api.apps.v1.ControllerRevision': object(
    'An immutable snapshot of the state a controller (a daemon set, a stateful set) rolled out.',
    {
      ...typeMeta(),
      data: ref('io.k8s.apimachinery.pkg.runtime.RawExtension', 'The serialized state.'),
      metadata: objectMetaField(),
      revision: int64('The revision number of this state.'),
    },
    { required: ['revision'], gvk: gvk('ControllerRevision') },
  ),
  'io.k8s.api.apps.v1.ControllerRevisionList': listKind('apps.ControllerRevision', gvk('ControllerRevisionList'), 'A list of controller revisions.'),
  'io.k8s.apimachinery.pkg.runtime.RawExtension': freeform('An embedded object, kept as it was written.'),
};
