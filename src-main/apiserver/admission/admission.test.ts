import { describe, expect, it } from 'vitest';
import { seededRand } from '../../common/rand';
import type { KubeObject } from '../../kube/object';
import { addDefaultTolerations } from './default-toleration-seconds';
import { admitServiceAccount, SA_MOUNT_PATH } from './service-account';

const pod = (spec: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

describe('DefaultTolerationSeconds', () => {
  it('adds 300 s NoExecute tolerations for not-ready and unreachable', () => {
    const p = pod();
    addDefaultTolerations(p);
    expect((p.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('keeps a pod\'s own choice, and a toleration of everything covers both', () => {
    const own = pod({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] });
    addDefaultTolerations(own);
    expect((own.spec as { tolerations: { key: string; tolerationSeconds?: number }[] }).tolerations.map((t) => `${t.key}:${t.tolerationSeconds}`)).toEqual([
      'node.kubernetes.io/unreachable:10',
      'node.kubernetes.io/not-ready:300',
    ]);
    const all = pod({ tolerations: [{ operator: 'Exists' }] });
    addDefaultTolerations(all);
    expect((all.spec as { tolerations: unknown[] }).tolerations).toEqual([{ operator: 'Exists' }]);
  });
});

describe('ServiceAccount admission', () => {
  it('names the default service account and mounts the kube-api-access volume in every container', () => {
    const p = pod({ initContainers: [{ name: 'init', image: 'busybox' }] });
    admitServiceAccount(p, seededRand(1));
    const spec = p.spec as { serviceAccountName: string; serviceAccount: string; volumes: { name: string }[]; containers: { volumeMounts: unknown[] }[]; initContainers: { volumeMounts: unknown[] }[] };
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    expect(spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: spec.volumes[0].name, readOnly: true, mountPath: SA_MOUNT_PATH }]);
    expect(spec.initContainers[0].volumeMounts).toHaveLength(1);
  });

  it('does nothing more when automounting is off on the pod or the service account', () => {
    const off = pod({ automountServiceAccountToken: false });
    admitServiceAccount(off, seededRand(1));
    expect((off.spec as { volumes?: unknown }).volumes).toBeUndefined();
    const saOff = pod();
    admitServiceAccount(saOff, seededRand(1), false);
    expect((saOff.spec as { volumes?: unknown }).volumes).toBeUndefined();
  });
});
