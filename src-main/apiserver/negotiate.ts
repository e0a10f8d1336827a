/**
 * Content negotiation for what kube-apiserver can answer: plain JSON, a meta.k8s.io Table, an
 * aggregated discovery document (apidiscovery.k8s.io v2 or v2beta1), or PartialObjectMetadata.
 * Protobuf is never produced: every client that offers it also accepts JSON.
 */

export interface MediaRange {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header
    .split(',')
    .map((part) => {
      const [type, ...rawParams] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rawParams) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      }
      return { type: (type ?? '').toLowerCase(), params };
    })
    .filter((m) => m.type !== '');
}

function acceptsJsonType(type: string): boolean {
  return type === 'application/json' || type === '*/*' || type === 'application/*';
}

export type ResponseShape =
  | { kind: 'json' }
  | { kind: 'table'; version: 'v1' | 'v1beta1'; includeObject?: string }
  | { kind: 'partial-object-metadata'; list: boolean }
  | { kind: 'none' };

/** What shape a resource GET/LIST/WATCH should answer in, given the Accept header. */
export function negotiateObjectShape(accept: string | undefined): ResponseShape {
  const ranges = parseAccept(accept);
  for (const r of ranges) {
    if (r.params.as === 'Table' && r.params.g === 'meta.k8s.io' && (r.type === 'application/json' || r.type === 'application/yaml')) {
      if (r.params.v === 'v1' || r.params.v === 'v1beta1') return { kind: 'table', version: r.params.v };
      continue;
    }
    if ((r.params.as === 'PartialObjectMetadata' || r.params.as === 'PartialObjectMetadataList') && r.params.g === 'meta.k8s.io') {
      return { kind: 'partial-object-metadata', list: r.params.as === 'PartialObjectMetadataList' };
    }
    if (r.params.as) continue;
    if (acceptsJsonType(r.type) || r.type === 'application/vnd.kubernetes.protobuf' || r.type === 'application/yaml') {
      // Protobuf-only clients still accept JSON in practice (kubectl always lists it too);
      // answering JSON is what they handle.
      return { kind: 'json' };
    }
  }
  return ranges.length === 0 ? { kind: 'json' } : { kind: 'none' };
}

export type DiscoveryShape = { kind: 'aggregated'; version: 'v2' | 'v2beta1' } | { kind: 'legacy' } | { kind: 'none' };

/** /api and /apis: aggregated v2 when offered, v2beta1 when only that is offered, else legacy JSON. */
export function negotiateDiscovery(accept: string | undefined): DiscoveryShape {
  const ranges = parseAccept(accept);
  let legacy = false;
  let v2beta1 = false;
  for (const r of ranges) {
    if (r.params.g === 'apidiscovery.k8s.io' && r.params.as === 'APIGroupDiscoveryList' && r.type === 'application/json') {
      if (r.params.v === 'v2') return { kind: 'aggregated', version: 'v2' };
      if (r.params.v === 'v2beta1') v2beta1 = true;
      continue;
    }
    if (!r.params.as && (acceptsJsonType(r.type) || r.type === 'application/vnd.kubernetes.protobuf')) legacy = true;
  }
  if (v2beta1) return { kind: 'aggregated', version: 'v2beta1' };
  return legacy ? { kind: 'legacy' } : { kind: 'none' };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
