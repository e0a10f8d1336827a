import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { age, humanDuration } from './duration';
import { GIB, parseQuantity } from './quantity';
import { nodeInternalIP, nodeRoles, nodeStatus } from './node-status';

describe('humanDuration (apimachinery HumanDuration)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [3 * m + 20 * s, '3m20s'],
    [5 * m, '5m'],
    [47 * m, '47m'],
    [3 * h + 5 * m, '3h5m'],
    [5 * h, '5h'],
    [30 * h, '30h'],
    [2 * d + 12 * h, '2d12h'],
    [3 * d, '3d'],
    [400 * d, '400d'],
    [3 * 365 * d + 12 * d, '3y12d'],
    [9 * 365 * d, '9y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('prints <unknown> without a timestamp', () => {
    expect(age(NaN, 0)).toBe('<unknown>');
  });
});

describe('parseQuantity', () => {
  it.each([
    ['4', 4],
    ['3500m', 3.5],
    ['250m', 0.25],
    ['16374784Ki', 16374784 * 1024],
    ['1.5Gi', 1.5 * GIB],
    ['2G', 2e9],
    ['2e3', 2000],
    ['100n', 1e-7],
  ])('%s', (q, want) => {
    expect(parseQuantity(q)).toBeCloseTo(want, 12);
  });

  it('is NaN for what is not a quantity', () => {
    expect(parseQuantity('')).toBeNaN();
    expect(parseQuantity('12X')).toBeNaN();
    expect(parseQuantity(undefined)).toBeNaN();
  });
});

describe('node columns (kubectl printNode)', () => {
  const node = (n: Partial<Node>): Node => ({ metadata: { name: 'n1' }, ...n });
  it('status from the Ready condition, plus SchedulingDisabled', () => {
    expect(nodeStatus(node({ status: { conditions: [{ type: 'Ready', status: 'True' }] } }))).toEqual(['Ready']);
    expect(nodeStatus(node({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }))).toEqual(['NotReady']);
    expect(nodeStatus(node({ spec: { unschedulable: true } }))).toEqual(['Unknown', 'SchedulingDisabled']);
  });

  it('roles from node-role.kubernetes.io/* and kubernetes.io/role, sorted', () => {
    const labels = {
      'node-role.kubernetes.io/worker': '',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/': '',
      'kubernetes.io/role': 'infra',
      'kubernetes.io/hostname': 'n1',
    };
    expect(nodeRoles(node({ metadata: { name: 'n1', labels } }))).toEqual(['control-plane', 'infra', 'worker']);
    expect(nodeRoles(node({}))).toEqual([]);
  });

  it('internal IP', () => {
    const addresses = [
      { type: 'Hostname', address: 'n1' },
      { type: 'InternalIP', address: '10.0.0.5' },
    ];
    expect(nodeInternalIP(node({ status: { addresses } }))).toBe('10.0.0.5');
  });
});
