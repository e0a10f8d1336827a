/** Owner references that mark a controller (metav1.GetControllerOf / NewControllerRef). */
import type { KubeObject, OwnerReference } from '../../kube/object';

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Whether `obj` is controlled by the owner with this uid. */
export function isControlledBy(obj: KubeObject, uid: string | undefined): boolean {
  return uid !== undefined && controllerOf(obj)?.uid === uid;
}

/** Informer handlers that enqueue `namespace/name` of the controller of kind `kind` on any change of a dependent. */
export function enqueueControllerOf(kind: string, enqueue: (key: string) => void): {
  onAdd(obj: KubeObject): void;
  onUpdate(old: KubeObject, obj: KubeObject): void;
  onDelete(obj: KubeObject): void;
} {
  const changed = (obj: KubeObject): void => {
    const ref = controllerOf(obj);
    if (ref?.kind === kind) enqueue(`${obj.metadata.namespace ?? ''}/${ref.name}`);
  };
  return { onAdd: changed, onUpdate: (_old, obj) => changed(obj), onDelete: changed };
}
