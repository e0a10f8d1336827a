/** Renders objects and lists in the shape the client negotiated: JSON, Table or metadata only. */
import type { KubeObject } from '../../kube/object';
import type { ResourceType } from '../../kube/resource-type';
import { toTable } from '../../kube/table';
import type { ResponseShape } from '../negotiate';

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function apiVersionOf(rt: ResourceType): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** Sets kind and apiVersion, which every object the server returns carries. */
export function withTypeMeta(rt: ResourceType, obj: KubeObject): KubeObject {
  return { apiVersion: apiVersionOf(rt), kind: rt.kind, ...obj };
}

function partial(obj: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function renderObject(rt: ResourceType, obj: KubeObject, shape: ResponseShape, now: number, includeObject?: string): unknown {
  if (shape.kind === 'table') {
    return toTable(rt, [withTypeMeta(rt, obj)], now, {
      includeObject: asInclude(includeObject),
      resourceVersion: obj.metadata.resourceVersion,
    });
  }
  if (shape.kind === 'partial-object-metadata') return partial(obj);
  return withTypeMeta(rt, obj);
}

export function renderList(rt: ResourceType, items: KubeObject[], meta: ListMeta, shape: ResponseShape, now: number, includeObject?: string): unknown {
  const metadata: Record<string, unknown> = { resourceVersion: meta.resourceVersion };
  if (meta.continue) metadata.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  if (shape.kind === 'table') {
    return toTable(
      rt,
      items.map((o) => withTypeMeta(rt, o)),
      now,
      {
        includeObject: asInclude(includeObject),
        resourceVersion: meta.resourceVersion,
        continue: meta.continue,
        remainingItemCount: meta.remainingItemCount,
      },
    );
  }
  if (shape.kind === 'partial-object-metadata') {
    return { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map(partial) };
  }
  return { kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata, items: items.map((o) => withTypeMeta(rt, o)) };
}

function asInclude(v: string | undefined): 'None' | 'Metadata' | 'Object' | undefined {
  return v === 'None' || v === 'Metadata' || v === 'Object' ? v : undefined;
}
