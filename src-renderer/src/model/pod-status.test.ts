import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { podSummary, statusTone } from './pod-status';

const cs = (name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: 'img',
  imageID: '',
  ready: false,
  restartCount: 0,
  state,
  ...extra,
});
const running = (name = 'app', extra: Partial<ContainerStatus> = {}) =>
  cs(name, { running: { startedAt: '2026-01-01T00:00:00Z' } }, { ready: true, ...extra });

function mkPod(p: { phase?: string; reason?: string; containers?: ContainerStatus[]; init?: ContainerStatus[]; initSpec?: number; deleting?: boolean; conditions?: { type: string; status: string; reason?: string }[] }): Pod {
  const containers = p.containers ?? [];
  return {
    metadata: { name: 'p', deletionTimestamp: p.deleting ? '2026-01-01T00:00:00Z' : undefined },
    spec: {
      containers: containers.length ? containers.map((c) => ({ name: c.name })) : [{ name: 'app' }],
      initContainers: Array.from({ length: p.initSpec ?? p.init?.length ?? 0 }, (_, i) => ({ name: p.init?.[i]?.name ?? `init${i}` })),
    },
    status: { phase: p.phase, reason: p.reason, containerStatuses: p.containers, initContainerStatuses: p.init, conditions: p.conditions },
  };
}

describe('podSummary (kubectl printPod)', () => {
  const cases: [string, Pod, string, string][] = [
    ['running and ready', mkPod({ phase: 'Running', containers: [running()] }), 'Running', '1/1'],
    ['pending, not scheduled', mkPod({ phase: 'Pending' }), 'Pending', '0/1'],
    ['container creating', mkPod({ phase: 'Pending', containers: [cs('app', { waiting: { reason: 'ContainerCreating' } })] }), 'ContainerCreating', '0/1'],
    ['crash loop', mkPod({ phase: 'Running', containers: [cs('app', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 5 })] }), 'CrashLoopBackOff', '0/1'],
    ['image pull back-off', mkPod({ phase: 'Pending', containers: [cs('app', { waiting: { reason: 'ImagePullBackOff' } })] }), 'ImagePullBackOff', '0/1'],
    ['completed', mkPod({ phase: 'Succeeded', containers: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })] }), 'Completed', '0/1'],
    ['error exit', mkPod({ phase: 'Failed', containers: [cs('app', { terminated: { exitCode: 1, reason: 'Error' } })] }), 'Error', '0/1'],
    ['exit code without reason', mkPod({ phase: 'Failed', containers: [cs('app', { terminated: { exitCode: 137 } })] }), 'ExitCode:137', '0/1'],
    ['signal without reason', mkPod({ phase: 'Failed', containers: [cs('app', { terminated: { exitCode: 0, signal: 9 } })] }), 'Signal:9', '0/1'],
    ['evicted (pod reason)', mkPod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted', '0/1'],
    ['init container running', mkPod({ phase: 'Pending', init: [cs('init0', { running: { startedAt: 'x' } })], initSpec: 2 }), 'Init:0/2', '0/1'],
    ['init container crash loop', mkPod({ phase: 'Pending', init: [cs('init0', { waiting: { reason: 'CrashLoopBackOff' } })] }), 'Init:CrashLoopBackOff', '0/1'],
    ['init container failed', mkPod({ phase: 'Pending', init: [cs('init0', { terminated: { exitCode: 3 } })] }), 'Init:ExitCode:3', '0/1'],
    ['terminating', mkPod({ phase: 'Running', containers: [running()], deleting: true }), 'Terminating', '1/1'],
    ['deleted on a lost node', mkPod({ phase: 'Running', reason: 'NodeLost', containers: [running()], deleting: true }), 'Unknown', '1/1'],
    ['succeeded pod being deleted stays Completed', mkPod({ phase: 'Succeeded', containers: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })], deleting: true }), 'Completed', '0/1'],
    ['scheduling gated', mkPod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated', '0/1'],
    [
      'one of two done, one running, pod ready → Running',
      mkPod({
        phase: 'Running',
        containers: [running('a'), cs('b', { terminated: { exitCode: 0, reason: 'Completed' } })],
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
      'Running',
      '1/2',
    ],
  ];
  it.each(cases)('%s', (_name, pod, status, ready) => {
    const s = podSummary(pod);
    expect(s.status).toBe(status);
    expect(`${s.ready}/${s.total}`).toBe(ready);
  });

  it('sums restarts and finds the last termination', () => {
    const s = podSummary(
      mkPod({
        phase: 'Running',
        containers: [
          running('a', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:00Z' } } }),
          running('b', { restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T01:00:00Z' } } }),
        ],
      }),
    );
    expect(s.restarts).toBe(3);
    expect(s.lastRestart).toBe(Date.parse('2026-01-01T01:00:00Z'));
  });
});

describe('statusTone', () => {
  it.each([
    ['Running', 'success'],
    ['Pending', 'warning'],
    ['ContainerCreating', 'warning'],
    ['Terminating', 'warning'],
    ['Init:0/2', 'warning'],
    ['Failed', 'error'],
    ['CrashLoopBackOff', 'error'],
    ['ImagePullBackOff', 'error'],
    ['Error', 'error'],
    ['ExitCode:137', 'error'],
    ['Init:CrashLoopBackOff', 'error'],
    ['Init:ExitCode:1', 'error'],
    ['Succeeded', 'default'],
    ['Completed', 'default'],
    ['Unknown', 'default'],
  ])('%s → %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });
});
