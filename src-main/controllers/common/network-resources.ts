/** Endpoints and EndpointSlices as the controllers address them (the registry entries once served). */
import type { ResourceRef } from '../../client/cluster-client';

export const ENDPOINTS: ResourceRef = { group: '', version: 'v1', plural: 'endpoints', kind: 'Endpoints', namespaced: true };
export const ENDPOINT_SLICES: ResourceRef = { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true };
