/** core/v1 SetDefaults_Endpoints and discovery.k8s.io/v1 SetDefaults_EndpointPort: ports speak TCP unless told. */
import type { JsonObject } from '../object';
import { ensureObject, objectsIn, setDefault, setDefaultPointer } from './json';

export function defaultEndpoints(obj: JsonObject): void {
  for (const subset of objectsIn(obj, 'subsets')) for (const port of objectsIn(subset, 'ports')) setDefault(port, 'protocol', 'TCP');
}

/** Slice ports: name is a *string that defaults to "", protocol to TCP. Conditions is a struct, always written. */
export function defaultEndpointSlice(obj: JsonObject): void {
  for (const endpoint of objectsIn(obj, 'endpoints')) ensureObject(endpoint, 'conditions');
  for (const port of objectsIn(obj, 'ports')) {
    setDefaultPointer(port, 'name', '');
    setDefaultPointer(port, 'protocol', 'TCP');
  }
}
