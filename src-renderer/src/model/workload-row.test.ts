import { describe, expect, it } from 'vitest';
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { deploymentRow, replicaSetRow, rolloutOf, workloadMatches } from './workload-row';

function deployment(status: DeploymentStatus, opts: { replicas?: number; generation?: number; paused?: boolean } = {}): Deployment {
  return {
    metadata: { name: 'web', namespace: 'default', generation: opts.generation ?? 1, creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: {
      replicas: opts.replicas ?? 3,
      paused: opts.paused,
      selector: {},
      template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } },
    },
    status: { observedGeneration: 1, ...status },
  };
}

const progressing = (reason: string, message = '') => ({ type: 'Progressing', status: reason === 'ProgressDeadlineExceeded' ? 'False' : 'True', reason, message });

type Case = [string, DeploymentStatus, { replicas?: number; generation?: number; paused?: boolean }, string, unknown];

describe('rolloutOf (kubectl rollout status)', () => {
  it.each<Case>([
    ['complete', { replicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [progressing('NewReplicaSetAvailable')] }, {}, 'complete', undefined],
    ['spec not observed yet', { replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, { generation: 2 }, 'progressing', { kind: 'observing' }],
    ['deadline exceeded', { replicas: 3, updatedReplicas: 1, conditions: [progressing('ProgressDeadlineExceeded')] }, {}, 'failed', { kind: 'deadline' }],
    ['new replicas being updated', { replicas: 3, updatedReplicas: 1 }, {}, 'progressing', { kind: 'updating', updated: 1, desired: 3 }],
    ['old replicas terminating', { replicas: 4, updatedReplicas: 3 }, {}, 'progressing', { kind: 'terminating', old: 1 }],
    ['updated not yet available', { replicas: 3, updatedReplicas: 3, availableReplicas: 2 }, {}, 'progressing', { kind: 'available', available: 2, updated: 3 }],
    ['paused half way', { replicas: 3, updatedReplicas: 1 }, { paused: true }, 'paused', { kind: 'paused' }],
    ['paused but done', { replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, { paused: true }, 'complete', undefined],
    ['scaled to zero', {}, { replicas: 0 }, 'complete', undefined],
  ])('%s', (_name, status, opts, state, wait) => {
    const r = rolloutOf(deployment(status, opts));
    expect(r.state).toBe(state);
    expect(r.wait).toEqual(wait);
  });

  it('keeps the Progressing condition reason and message', () => {
    const r = rolloutOf(deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [progressing('NewReplicaSetAvailable', 'ReplicaSet "web-1" has successfully progressed.')] }));
    expect(r).toMatchObject({ reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-1" has successfully progressed.' });
  });
});

describe('deploymentRow', () => {
  it('has kubectl get deploy -o wide columns', () => {
    const row = deploymentRow(deployment({ replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 }), 'uid-1');
    expect(row).toMatchObject({
      key: 'uid-1',
      name: 'web',
      namespace: 'default',
      ready: '2/3',
      desired: 3,
      readyReplicas: 2,
      upToDate: 3,
      available: 2,
      images: ['nginx:1.27', 'busybox'],
      created: Date.parse('2025-01-01T00:00:00Z'),
    });
  });

  it('defaults spec.replicas to 1 and missing status counts to 0', () => {
    const d: Deployment = { metadata: { name: 'x' }, spec: { selector: {}, template: {} } };
    expect(deploymentRow(d, 'k')).toMatchObject({ ready: '0/1', upToDate: 0, available: 0, images: [] });
  });
});

describe('replicaSetRow', () => {
  it('names its controller', () => {
    const rs: ReplicaSet = {
      metadata: {
        name: 'web-5d4f8',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u', controller: true }],
      },
      spec: { replicas: 2, selector: {}, template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(replicaSetRow(rs, 'k')).toMatchObject({ desired: 2, current: 2, ready: 1, owner: 'Deployment/web', images: ['nginx'] });
    expect(replicaSetRow({ metadata: { name: 'bare' }, spec: { selector: {} } }, 'k').owner).toBe('');
  });
});

describe('workloadMatches', () => {
  const row = { name: 'web', namespace: 'shop', images: ['registry.k8s.io/nginx:1.27'] };
  it.each([
    ['', true],
    ['we', true],
    ['sho', true],
    ['nginx', true],
    ['redis', false],
  ])('%s → %s', (needle, want) => expect(workloadMatches(row, needle)).toBe(want));
});
