import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { KubeObject } from '../object';
import { ENDPOINT_SLICES, ENDPOINTS } from '../registry';

describe('Endpoints and EndpointSlice defaults', () => {
  it('Endpoints ports speak TCP unless told', () => {
    const ep: KubeObject = { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] };
    applyDefaults(ENDPOINTS, ep);
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }]);
  });

  it('slice ports get an empty name and TCP; endpoints always carry conditions', () => {
    const slice: KubeObject = { metadata: { name: 'web-x' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] };
    applyDefaults(ENDPOINT_SLICES, slice);
    expect(slice.ports).toEqual([
      { name: '', port: 80, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ]);
    expect(slice.endpoints).toEqual([{ addresses: ['10.0.0.1'], conditions: {} }]);
  });
});
