import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object';
import { CONTROLLER_REVISIONS, DAEMON_SETS, STATEFUL_SETS } from '../registry';
import { toTable } from '../table';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } };

function obj(spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(90), ...meta }, spec, status };
}

describe('statefulset rows', () => {
  const cases: [string, KubeObject, unknown[]][] = [
    ['fresh', obj({ replicas: 3, template }), ['web', '0/3', '90s', 'nginx,sidecar', 'nginx:1.27,busybox']],
    ['partly ready', obj({ replicas: 3, template }, { readyReplicas: 2, replicas: 3 }), ['web', '2/3', '90s', 'nginx,sidecar', 'nginx:1.27,busybox']],
    ['scaled to zero', obj({ replicas: 0, template }), ['web', '0/0', '90s', 'nginx,sidecar', 'nginx:1.27,busybox']],
  ];
  it.each(cases)('%s', (_n, sts, cells) => {
    expect(toTable(STATEFUL_SETS, [sts], NOW).rows[0].cells).toEqual(cells);
  });

  it('has the READY AGE columns, CONTAINERS IMAGES wide', () => {
    expect(STATEFUL_SETS.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Age', 0],
      ['Containers', 1],
      ['Images', 1],
    ]);
  });
});

describe('daemonset rows', () => {
  const spec = { selector: { matchLabels: { app: 'web' } }, template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } };
  const cases: [string, KubeObject, unknown[]][] = [
    ['fresh', obj(spec), ['web', 0, 0, 0, 0, 0, 'kubernetes.io/os=linux', '90s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web']],
    [
      'rolled out',
      obj(spec, { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 }),
      ['web', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '90s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web'],
    ],
    ['no node selector', obj({ ...spec, template }), ['web', 0, 0, 0, 0, 0, '<none>', '90s', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web']],
  ];
  it.each(cases)('%s', (_n, ds, cells) => {
    expect(toTable(DAEMON_SETS, [ds], NOW).rows[0].cells).toEqual(cells);
  });

  it('has upstream columns', () => {
    expect(DAEMON_SETS.columns.map((c) => c.name)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector']);
  });
});

describe('controllerrevision rows', () => {
  const rev = (ownerReferences: unknown[] | undefined): KubeObject => ({
    metadata: { name: 'web-5d8f', namespace: 'default', creationTimestamp: ago(3600), ownerReferences: ownerReferences as KubeObject['metadata']['ownerReferences'] },
    revision: 2,
  });
  const cases: [string, KubeObject, unknown[]][] = [
    ['owned by a stateful set', rev([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }]), ['web-5d8f', 'statefulset.apps/web', 2, '60m']],
    ['owned by a core kind', rev([{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }]), ['web-5d8f', 'pod/p', 2, '60m']],
    ['no controller', rev([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'x', uid: 'u' }]), ['web-5d8f', '<none>', 2, '60m']],
    ['no owners', rev(undefined), ['web-5d8f', '<none>', 2, '60m']],
  ];
  it.each(cases)('%s', (_n, r, cells) => {
    expect(toTable(CONTROLLER_REVISIONS, [r], NOW).rows[0].cells).toEqual(cells);
  });
});
