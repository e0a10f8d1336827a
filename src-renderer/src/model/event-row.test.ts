import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { byLastSeenDesc, eventMatches, eventRow } from './event-row';

const base: Event = {
  metadata: { name: 'web.1', namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z' },
  involvedObject: { kind: 'ReplicaSet', name: 'web-5d4f8', namespace: 'default' },
  type: 'Normal',
  reason: 'SuccessfulCreate',
  message: 'Created pod: web-5d4f8-abcde\n',
  source: { component: 'replicaset-controller' },
};

describe('eventRow', () => {
  it('shows the object as Kind/name and trims the message', () => {
    const r = eventRow({ ...base, firstTimestamp: '2025-01-01T00:00:01Z', lastTimestamp: '2025-01-01T00:00:05Z', count: 4 }, 'k1');
    expect(r).toMatchObject({
      object: 'ReplicaSet/web-5d4f8',
      message: 'Created pod: web-5d4f8-abcde',
      count: 4,
      source: 'replicaset-controller',
      firstSeen: Date.parse('2025-01-01T00:00:01Z'),
      lastSeen: Date.parse('2025-01-01T00:00:05Z'),
    });
  });

  it('prefers series.lastObservedTime and series.count (events.k8s.io writers)', () => {
    const r = eventRow(
      { ...base, eventTime: '2025-01-01T00:00:02.000000Z', series: { count: 7, lastObservedTime: '2025-01-01T00:01:00.000000Z' } },
      'k2',
    );
    expect(r.lastSeen).toBe(Date.parse('2025-01-01T00:01:00Z'));
    expect(r.firstSeen).toBe(Date.parse('2025-01-01T00:00:02Z'));
    expect(r.count).toBe(7);
  });

  it('falls back to the creation time and a count of 1', () => {
    const r = eventRow(base, 'k3');
    expect(r.lastSeen).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(r.count).toBe(1);
  });

  it('names the reporting host as kubectl does', () => {
    expect(eventRow({ ...base, source: { component: 'kubelet', host: 'worker-1' } }, 'k4').source).toBe('kubelet, worker-1');
  });
});

describe('byLastSeenDesc', () => {
  it('puts the newest first and timeless events last', () => {
    const rows = [
      eventRow({ ...base, lastTimestamp: '2025-01-01T00:00:01Z' }, 'a'),
      eventRow({ ...base, metadata: {}, lastTimestamp: undefined }, 'none'),
      eventRow({ ...base, lastTimestamp: '2025-01-01T00:00:09Z' }, 'b'),
    ];
    expect(rows.sort(byLastSeenDesc).map((r) => r.key)).toEqual(['b', 'a', 'none']);
  });
});

describe('eventMatches', () => {
  const warning = eventRow({ ...base, type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', involvedObject: { kind: 'Pod', name: 'broken' } }, 'w');
  it.each([
    [{ namespace: null, type: null, search: '' }, true],
    [{ namespace: 'default', type: 'Warning', search: '' }, true],
    [{ namespace: 'kube-system', type: null, search: '' }, false],
    [{ namespace: null, type: 'Normal', search: '' }, false],
    [{ namespace: null, type: null, search: 'errimage' }, true],
    [{ namespace: null, type: null, search: 'pod/broken' }, true],
    [{ namespace: null, type: null, search: 'nothing' }, false],
  ])('%o → %s', (f, want) => expect(eventMatches(warning, f)).toBe(want));
});
