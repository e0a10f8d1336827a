/**
 * API discovery: the aggregated documents (apidiscovery.k8s.io v2 and v2beta1) that kubectl 1.27+
 * asks for first, and the legacy APIVersions / APIGroupList / APIGroup / APIResourceList.
 */
import type { ResourceType } from '../../kube/resource-type';
import { RESOURCE_TYPES } from '../../kube/registry';

function gvOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Groups in preference order (core excluded), each with its versions in preference order. */
export function apiGroups(): { name: string; versions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const rt of RESOURCE_TYPES) {
    if (rt.group === '') continue;
    const versions = groups.get(rt.group) ?? [];
    if (!versions.includes(rt.version)) versions.push(rt.version);
    groups.set(rt.group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions }));
}

function resourcesOf(group: string, version: string): ResourceType[] {
  return RESOURCE_TYPES.filter((rt) => rt.group === group && rt.version === version);
}

function aggregatedResource(rt: ResourceType): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: rt.plural,
    responseKind: { group: rt.group, version: rt.version, kind: rt.kind },
    scope: rt.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: rt.singular,
    verbs: rt.verbs,
  };
  if (rt.shortNames.length > 0) entry.shortNames = rt.shortNames;
  if (rt.categories.length > 0) entry.categories = rt.categories;
  if (rt.subresources.length > 0) {
    entry.subresources = rt.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return entry;
}

function aggregatedGroup(name: string, versions: string[]): Record<string, unknown> {
  return {
    metadata: { name, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesOf(name, version).map(aggregatedResource),
      freshness: 'Current',
    })),
  };
}

export function aggregatedDiscovery(which: 'api' | 'apis', version: 'v2' | 'v2beta1'): unknown {
  const items = which === 'api' ? [aggregatedGroup('', ['v1'])] : apiGroups().map((g) => aggregatedGroup(g.name, g.versions));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function legacyApiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function legacyGroup(g: { name: string; versions: string[] }): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: gvOf(g.name, v), version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

export function legacyGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map(legacyGroup) };
}

export function legacyGroup1(name: string): unknown | undefined {
  const g = apiGroups().find((x) => x.name === name);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...legacyGroup(g) } : undefined;
}

export function apiResourceList(group: string, version: string): unknown | undefined {
  const types = resourcesOf(group, version);
  if (types.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const rt of types) {
    const entry: Record<string, unknown> = {
      name: rt.plural,
      singularName: rt.singular,
      namespaced: rt.namespaced,
      kind: rt.kind,
      verbs: rt.verbs,
    };
    if (rt.shortNames.length > 0) entry.shortNames = rt.shortNames;
    if (rt.categories.length > 0) entry.categories = rt.categories;
    resources.push(entry);
    for (const s of rt.subresources) {
      const sub: Record<string, unknown> = {
        name: `${rt.plural}/${s.name}`,
        singularName: '',
        namespaced: rt.namespaced,
        kind: s.kind,
        verbs: s.verbs,
      };
      if (s.group !== rt.group || s.version !== rt.version) {
        sub.group = s.group;
        sub.version = s.version;
      }
      resources.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gvOf(group, version), resources };
}
