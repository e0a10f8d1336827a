import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { KubeObject } from '../object';
import { ENDPOINT_SLICES, ENDPOINTS, POD_DISRUPTION_BUDGETS } from '../registry';
import type { ResourceType } from '../resource-type';
import { invalid } from '../status';
import { validateCreate, validateUpdate } from '../validation';

function message(rt: ResourceType, obj: KubeObject, old?: KubeObject): string {
  const o = structuredClone(obj);
  applyDefaults(rt, o);
  const errs = old ? validateUpdate(rt, o, old) : validateCreate(rt, o);
  return errs.length === 0 ? '' : (invalid({ group: rt.group, kind: rt.kind }, o.metadata.name ?? '', errs).status.message ?? '');
}

const meta = { name: 'web', namespace: 'default' };
const stored = { ...meta, uid: 'u1', resourceVersion: '5', creationTimestamp: '2026-01-01T00:00:00Z' };

describe('Endpoints validation', () => {
  const ep = (subsets: unknown[]): KubeObject => ({ metadata: meta, subsets });
  const cases: [string, KubeObject, string][] = [
    ['valid', ep([{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }]), ''],
    ['no addresses', ep([{ ports: [{ port: 80 }] }]), 'Endpoints "web" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'],
    [
      'a bad IP',
      ep([{ addresses: [{ ip: 'ten' }] }]),
      'Endpoints "web" is invalid: [subsets[0].addresses[0].ip: Invalid value: "ten": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), subsets[0].addresses[0].ip: Invalid value: "ten": must be a valid IP address]',
    ],
    ['loopback', ep([{ addresses: [{ ip: '127.0.0.1' }] }]), 'Endpoints "web" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['unnamed ports when there are several', ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 443, name: 'https' }] }]), 'Endpoints "web" is invalid: subsets[0].ports[0].name: Required value'],
    [
      'port out of range and bad protocol',
      ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 70000, protocol: 'ICMP' }] }]),
      'Endpoints "web" is invalid: [subsets[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, subsets[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"]',
    ],
  ];
  it.each(cases)('%s', (_n, obj, want) => {
    expect(message(ENDPOINTS, obj)).toBe(want);
  });
});

describe('EndpointSlice validation', () => {
  const slice = (extra: Record<string, unknown>): KubeObject => ({ metadata: meta, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80 }], ...extra });
  const cases: [string, KubeObject, string][] = [
    ['valid', slice({}), ''],
    ['no address type', slice({ addressType: undefined }), 'EndpointSlice.discovery.k8s.io "web" is invalid: addressType: Required value'],
    ['unknown address type', slice({ addressType: 'IPX' }), 'EndpointSlice.discovery.k8s.io "web" is invalid: addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6"'],
    ['an IPv6 address in an IPv4 slice', slice({ endpoints: [{ addresses: ['fd00::1'] }] }), 'EndpointSlice.discovery.k8s.io "web" is invalid: endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address'],
    ['an endpoint without addresses', slice({ endpoints: [{ addresses: [] }] }), 'EndpointSlice.discovery.k8s.io "web" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address'],
    ['duplicate port names', slice({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] }), 'EndpointSlice.discovery.k8s.io "web" is invalid: ports[1].name: Duplicate value: "http"'],
  ];
  it.each(cases)('%s', (_n, obj, want) => {
    expect(message(ENDPOINT_SLICES, obj)).toBe(want);
  });
});

describe('PodDisruptionBudget validation', () => {
  const pdb = (spec: Record<string, unknown>, m: Record<string, unknown> = meta): KubeObject => ({ metadata: m, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
  const cases: [string, KubeObject, string][] = [
    ['min available', pdb({ minAvailable: 1 }), ''],
    ['max unavailable as a percentage', pdb({ maxUnavailable: '50%' }), ''],
    [
      'both',
      pdb({ minAvailable: 1, maxUnavailable: 1 }),
      'PodDisruptionBudget.policy "web" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000000000), Selector:(*v1.LabelSelector)(0xc000000000), MaxUnavailable:(*intstr.IntOrString)(0xc000000000), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
    ],
    ['negative', pdb({ minAvailable: -1 }), 'PodDisruptionBudget.policy "web" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    ['over 100%', pdb({ maxUnavailable: '120%' }), 'PodDisruptionBudget.policy "web" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%'],
    ['eviction policy', pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }), 'PodDisruptionBudget.policy "web" is invalid: spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"'],
  ];
  it.each(cases)('create: %s', (_n, obj, want) => {
    expect(message(POD_DISRUPTION_BUDGETS, obj)).toBe(want);
  });

  it('update: the spec may change', () => {
    expect(message(POD_DISRUPTION_BUDGETS, pdb({ minAvailable: 3 }, stored), pdb({ minAvailable: 1 }, stored))).toBe('');
  });
});
