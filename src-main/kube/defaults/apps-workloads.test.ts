import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { KubeObject } from '../object';
import { DAEMON_SETS, STATEFUL_SETS } from '../registry';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };

function defaulted(rt: typeof STATEFUL_SETS, spec: Record<string, unknown>): Record<string, unknown> {
  const obj: KubeObject = { metadata: { name: 'web' }, spec: structuredClone(spec) };
  applyDefaults(rt, obj);
  return obj.spec as Record<string, unknown>;
}

describe('StatefulSet defaults', () => {
  it('fills what SetDefaults_StatefulSet fills', () => {
    const spec = defaulted(STATEFUL_SETS, { selector: { matchLabels: { app: 'web' } }, template });
    expect(spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: { metadata: { creationTimestamp: null }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } },
    });
    expect((spec.updateStrategy as { rollingUpdate: object }).rollingUpdate).not.toHaveProperty('maxUnavailable');
  });

  const strategies: [string, unknown, unknown][] = [
    ['explicit RollingUpdate without settings stays bare', { type: 'RollingUpdate' }, { type: 'RollingUpdate' }],
    ['a given partition is kept', { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }],
    ['OnDelete gets nothing', { type: 'OnDelete' }, { type: 'OnDelete' }],
  ];
  it.each(strategies)('%s', (_n, given, want) => {
    expect(defaulted(STATEFUL_SETS, { template, updateStrategy: given }).updateStrategy).toEqual(want);
  });

  it('keeps explicit values and defaults claim templates', () => {
    const spec = defaulted(STATEFUL_SETS, {
      replicas: 0,
      podManagementPolicy: 'Parallel',
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
      template,
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    });
    expect(spec.replicas).toBe(0);
    expect(spec.podManagementPolicy).toBe('Parallel');
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
    expect(spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'www', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
  });
});

describe('DaemonSet defaults', () => {
  const cases: [string, unknown, unknown][] = [
    ['none given', undefined, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }],
    ['a surge given', { rollingUpdate: { maxSurge: '10%' } }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '10%' } }],
    ['OnDelete', { type: 'OnDelete' }, { type: 'OnDelete' }],
  ];
  it.each(cases)('updateStrategy: %s', (_n, given, want) => {
    const spec = defaulted(DAEMON_SETS, { template, ...(given ? { updateStrategy: given } : {}) });
    expect(spec.updateStrategy).toEqual(want);
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec).not.toHaveProperty('replicas');
  });
});
