/**
 * ServiceAccount admission for pods: the `default` service account when none is named, and the
 * projected `kube-api-access-<suffix>` volume (token, kube-root-ca.crt, namespace) mounted in
 * every container at /var/run/secrets/kubernetes.io/serviceaccount, unless automounting is off.
 */
import type { Rand } from '../../common/rand';
import type { KubeObject } from '../../kube/object';

export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

interface Container {
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface PodSpec {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: { name: string; projected?: unknown }[];
  containers?: Container[];
  initContainers?: Container[];
}

export function admitServiceAccount(pod: KubeObject, rand: Rand, serviceAccountAutomount?: boolean): void {
  const spec = (pod.spec ?? {}) as PodSpec;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  pod.spec = spec;
  const automount = spec.automountServiceAccountToken ?? serviceAccountAutomount ?? true;
  if (!automount) return;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === SA_MOUNT_PATH))) return;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[rand.int(ALPHANUMS.length)];
  const name = `kube-api-access-${suffix}`;
  spec.volumes = [
    ...(spec.volumes ?? []),
    {
      name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
        defaultMode: 420,
      },
    },
  ];
  for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath: SA_MOUNT_PATH }];
}
