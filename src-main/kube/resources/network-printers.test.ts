import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object';
import { ENDPOINT_SLICES, ENDPOINTS, POD_DISRUPTION_BUDGETS } from '../registry';
import { toTable } from '../table';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const meta = { name: 'web', namespace: 'default', creationTimestamp: ago(30) };
const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('endpoints rows', () => {
  const cases: [string, unknown, string][] = [
    ['no subsets', undefined, '<none>'],
    ['one port', [{ addresses: addrs('10.244.1.5', '10.244.2.7'), ports: [{ port: 80 }] }], '10.244.1.5:80,10.244.2.7:80'],
    ['three shown, the rest counted', [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }, { port: 443 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more...'],
    ['headless without ports', [{ addresses: addrs('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    ['IPv6 in brackets', [{ addresses: addrs('fd00::1'), ports: [{ port: 8080 }] }], '[fd00::1]:8080'],
    ['only not-ready addresses', [{ notReadyAddresses: addrs('10.0.0.9'), ports: [{ port: 80 }] }], ''],
    ['across subsets', [{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }, { addresses: addrs('10.0.0.2', '10.0.0.3', '10.0.0.4'), ports: [{ port: 81 }] }], '10.0.0.1:80,10.0.0.2:81,10.0.0.3:81 + 1 more...'],
  ];
  it.each(cases)('%s', (_n, subsets, cell) => {
    const ep: KubeObject = { metadata: meta, ...(subsets ? { subsets } : {}) };
    expect(toTable(ENDPOINTS, [ep], NOW).rows[0].cells).toEqual(['web', cell, '30s']);
  });
});

describe('endpointslice rows', () => {
  const slice = (ports: unknown, endpoints: unknown): KubeObject => ({ metadata: { ...meta, name: 'web-abcde' }, addressType: 'IPv4', ports, endpoints });
  const cases: [string, KubeObject, unknown[]][] = [
    ['empty', slice(undefined, undefined), ['web-abcde', 'IPv4', '<unset>', '<unset>', '30s']],
    ['ports by number, name or all', slice([{ port: 80, name: 'http' }, { name: 'metrics' }, {}], [{ addresses: ['10.0.0.1'] }]), ['web-abcde', 'IPv4', '80,metrics,*', '10.0.0.1', '30s']],
    [
      'more than three',
      slice([{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }], [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }, { addresses: ['10.0.0.5'] }]),
      ['web-abcde', 'IPv4', '1,2,3 + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '30s'],
    ],
  ];
  it.each(cases)('%s', (_n, s, cells) => {
    expect(toTable(ENDPOINT_SLICES, [s], NOW).rows[0].cells).toEqual(cells);
  });
});

describe('poddisruptionbudget rows', () => {
  const pdb = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ metadata: meta, spec, status });
  const cases: [string, KubeObject, unknown[]][] = [
    ['min available', pdb({ minAvailable: 2 }, { disruptionsAllowed: 1 }), ['web', '2', 'N/A', 1, '30s']],
    ['max unavailable as a percentage', pdb({ maxUnavailable: '25%' }), ['web', 'N/A', '25%', 0, '30s']],
    ['neither', pdb({}), ['web', 'N/A', 'N/A', 0, '30s']],
  ];
  it.each(cases)('%s', (_n, p, cells) => {
    expect(toTable(POD_DISRUPTION_BUDGETS, [p], NOW).rows[0].cells).toEqual(cells);
  });

  it('has upstream columns', () => {
    expect(POD_DISRUPTION_BUDGETS.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Min Available', 'string'],
      ['Max Unavailable', 'string'],
      ['Allowed Disruptions', 'integer'],
      ['Age', 'string'],
    ]);
  });
});
