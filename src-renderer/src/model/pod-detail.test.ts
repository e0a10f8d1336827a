import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { containerRows, controllerOf, defaultContainer, qosClass } from './pod-detail';

const withContainers = (...containers: Container[]): Pod => ({ metadata: { name: 'p' }, spec: { containers } });

describe('qosClass', () => {
  it('takes status.qosClass when the server set it', () => {
    expect(qosClass({ ...withContainers({ name: 'a' }), status: { qosClass: 'Guaranteed' } })).toBe('Guaranteed');
  });

  it.each([
    ['no requests or limits', [{ name: 'a' }], 'BestEffort'],
    ['limits only (requests default to them)', [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }], 'Guaranteed'],
    ['requests equal limits', [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }], 'Guaranteed'],
    ['requests below limits', [{ name: 'a', resources: { requests: { cpu: '500m' }, limits: { cpu: '1', memory: '1Gi' } } }], 'Burstable'],
    ['one container without limits', [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }, { name: 'b' }], 'Burstable'],
  ] as [string, Container[], string][])('%s → %s', (_name, containers, want) => {
    expect(qosClass(withContainers(...containers))).toBe(want);
  });
});

describe('containerRows', () => {
  const pod: Pod = {
    metadata: { name: 'p' },
    spec: {
      initContainers: [{ name: 'setup', image: 'busybox' }, { name: 'proxy', image: 'envoy', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'nginx' }, { name: 'new', image: 'redis' }],
    },
    status: {
      initContainerStatuses: [
        { name: 'setup', image: 'docker.io/library/busybox:latest', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2025-01-01T00:00:01Z' } } },
      ],
      containerStatuses: [
        {
          name: 'app',
          image: 'docker.io/library/nginx:latest',
          imageID: '',
          ready: true,
          restartCount: 2,
          state: { running: { startedAt: '2025-01-01T00:00:05Z' } },
          lastState: { terminated: { exitCode: 1 } },
        },
      ],
    },
  };

  it('lists init, sidecar and app containers with their states', () => {
    const rows = containerRows(pod);
    expect(rows.map((r) => [r.name, r.kind, r.state, r.reason])).toEqual([
      ['setup', 'init', 'Terminated', 'Completed'],
      ['proxy', 'sidecar', '', ''],
      ['app', 'app', 'Running', ''],
      ['new', 'app', '', ''],
    ]);
    expect(rows[0]).toMatchObject({ exitCode: 0, since: Date.parse('2025-01-01T00:00:01Z'), image: 'docker.io/library/busybox:latest' });
    expect(rows[2]).toMatchObject({ ready: true, restarts: 2, hasPrevious: true, since: Date.parse('2025-01-01T00:00:05Z') });
    expect(rows[3]).toMatchObject({ image: 'redis', hasPrevious: false, restarts: 0 });
  });

  it('picks the default container: the annotation, else the first app container', () => {
    expect(defaultContainer(pod)).toBe('app');
    const annotated = { ...pod, metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'new' } } };
    expect(defaultContainer(annotated)).toBe('new');
    expect(defaultContainer({ ...pod, metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'nope' } } })).toBe('app');
  });
});

describe('controllerOf', () => {
  it('names the controlling owner', () => {
    const pod: Pod = { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }] } };
    expect(controllerOf(pod)).toBe('ReplicaSet/web-1');
    expect(controllerOf({ metadata: {} })).toBe('');
  });
});
