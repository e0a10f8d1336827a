import { describe, expect, it } from 'vitest';
import { negotiateDiscovery, negotiateObjectShape } from './negotiate';

const KUBECTL_132_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const KUBECTL_128_DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('negotiateDiscovery', () => {
  it('answers v2 when offered, v2beta1 when only that is, legacy otherwise', () => {
    expect(negotiateDiscovery(KUBECTL_132_DISCOVERY)).toEqual({ kind: 'aggregated', version: 'v2' });
    expect(negotiateDiscovery(KUBECTL_128_DISCOVERY)).toEqual({ kind: 'aggregated', version: 'v2beta1' });
    expect(negotiateDiscovery('application/json, */*')).toEqual({ kind: 'legacy' });
    expect(negotiateDiscovery(undefined)).toEqual({ kind: 'legacy' });
    expect(negotiateDiscovery('application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io; charset=utf-8')).toEqual({
      kind: 'aggregated',
      version: 'v2',
    });
    expect(negotiateDiscovery('text/html')).toEqual({ kind: 'none' });
  });
});

describe('negotiateObjectShape', () => {
  it('recognises Table, metadata-only, JSON and protobuf-with-JSON', () => {
    expect(negotiateObjectShape(TABLE)).toEqual({ kind: 'table', version: 'v1' });
    expect(negotiateObjectShape('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json')).toEqual({
      kind: 'partial-object-metadata',
      list: true,
    });
    expect(negotiateObjectShape('application/json')).toEqual({ kind: 'json' });
    expect(negotiateObjectShape('application/vnd.kubernetes.protobuf,application/json')).toEqual({ kind: 'json' });
    expect(negotiateObjectShape(undefined)).toEqual({ kind: 'json' });
    expect(negotiateObjectShape('text/html')).toEqual({ kind: 'none' });
  });
});
