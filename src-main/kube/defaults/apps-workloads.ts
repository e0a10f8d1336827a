/** apps/v1 SetDefaults_StatefulSet and SetDefaults_DaemonSet, with the claim templates and pod templates they hold. */
import type { JsonObject } from '../object';
import { child, ensureObject, objectsIn, setDefault, setDefaultPointer } from './json';
import { defaultPodTemplate } from './pod-spec';
import { defaultResourceList } from './resource-list';

/** A PersistentVolumeClaim as a stateful set holds it: Filesystem mode, phase Pending, canonical sizes. */
function defaultClaimTemplate(claim: JsonObject): void {
  const metadata = ensureObject(claim, 'metadata');
  if (!('creationTimestamp' in metadata)) metadata.creationTimestamp = null;
  const spec = ensureObject(claim, 'spec');
  setDefaultPointer(spec, 'volumeMode', 'Filesystem');
  const resources = child(spec, 'resources');
  defaultResourceList(child(resources, 'limits'));
  defaultResourceList(child(resources, 'requests'));
  setDefault(ensureObject(claim, 'status'), 'phase', 'Pending');
}

export function defaultStatefulSet(obj: JsonObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensureObject(spec, 'updateStrategy');
  if (strategy.type === undefined || strategy.type === null || strategy.type === '') {
    strategy.type = 'RollingUpdate';
    ensureObject(strategy, 'rollingUpdate');
  }
  const rollingUpdate = child(strategy, 'rollingUpdate');
  if (strategy.type === 'RollingUpdate' && rollingUpdate) setDefaultPointer(rollingUpdate, 'partition', 0);
  const retention = ensureObject(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  setDefaultPointer(spec, 'replicas', 1);
  setDefaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensureObject(spec, 'template'));
  for (const claim of objectsIn(spec, 'volumeClaimTemplates')) defaultClaimTemplate(claim);
}

export function defaultDaemonSet(obj: JsonObject): void {
  const spec = ensureObject(obj, 'spec');
  const strategy = ensureObject(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = ensureObject(strategy, 'rollingUpdate');
    setDefaultPointer(rollingUpdate, 'maxUnavailable', 1);
    setDefaultPointer(rollingUpdate, 'maxSurge', 0);
  }
  setDefaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensureObject(spec, 'template'));
}
