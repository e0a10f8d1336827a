/**
 * Static pods: pods the kubelet runs from manifest files rather than from the API. The kubelet
 * shows each as a mirror pod named `<name>-<node>`, annotated with the manifest's hash and owned
 * by the Node; a changed manifest replaces the mirror pod (the component restarts), a removed
 * one deletes it.
 */
import { metaTime } from '../kube/meta-time';
import type { KubeObject } from '../kube/object';
import { fakeDigest } from './images';

export const CONFIG_HASH = 'kubernetes.io/config.hash';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const CONFIG_SEEN = 'kubernetes.io/config.seen';
export const CONFIG_SOURCE = 'kubernetes.io/config.source';

export function manifestHash(manifest: KubeObject, nodeName: string): string {
  return fakeDigest(`${nodeName}/${JSON.stringify(manifest)}`).slice(0, 32);
}

export function mirrorPod(manifest: KubeObject, nodeName: string, nodeUid: string, now: number): KubeObject {
  const hash = manifestHash(manifest, nodeName);
  const meta = manifest.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${meta.name ?? ''}-${nodeName}`,
      namespace: meta.namespace || 'default',
      labels: { ...(meta.labels ?? {}) },
      annotations: {
        ...(meta.annotations ?? {}),
        [CONFIG_HASH]: hash,
        [CONFIG_MIRROR]: hash,
        [CONFIG_SEEN]: new Date(now).toISOString().replace('Z', '000000Z'),
        [CONFIG_SOURCE]: 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid, controller: true }],
    },
    spec: { ...structuredClone((manifest.spec ?? {}) as object), nodeName, tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] },
  };
}

export function isMirrorPod(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR] !== undefined;
}

/** When the kubelet first saw the manifest, for logs. */
export function seenAt(now: number): string {
  return metaTime(now);
}
