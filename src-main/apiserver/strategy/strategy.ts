/**
 * Per-kind behaviour of the generic registry, after upstream's RESTCreateStrategy /
 * RESTUpdateStrategy / RESTGracefulDeleteStrategy: what the server fills in on create, what an
 * update through the main resource may not change, and how long a delete takes.
 */
import type { KubeObject } from '../../kube/object';
import type { ResourceType } from '../../kube/resource-type';
import type { Rand } from '../../common/rand';

export interface StrategyContext {
  now: number;
  rand: Rand;
  /** Lists objects of another resource (e.g. services, to allocate a free cluster IP). */
  listAll(plural: string, group: string): Promise<KubeObject[]>;
}

export interface Strategy {
  /** The resource has a status subresource: writes to the main resource keep the stored status. */
  readonly hasStatus: boolean;
  /** metadata.generation is set on create and bumped when the spec changes. */
  readonly tracksGeneration: boolean;
  prepareForCreate(obj: KubeObject, ctx: StrategyContext): void | Promise<void>;
  prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void | Promise<void>;
  /** Grace period for a delete; 0 deletes at once. `requested` is DeleteOptions.gracePeriodSeconds. */
  gracePeriodSeconds(obj: KubeObject, requested: number | undefined): number;
}

export function spec(obj: KubeObject): unknown {
  return obj.spec;
}

/** The behaviour shared by most kinds; specific strategies extend it. */
export class DefaultStrategy implements Strategy {
  constructor(
    readonly hasStatus: boolean,
    readonly tracksGeneration: boolean,
  ) {}

  prepareForCreate(obj: KubeObject, _ctx: StrategyContext): void {
    if (this.hasStatus) delete obj.status;
    if (this.tracksGeneration) obj.metadata.generation = 1;
  }

  prepareForUpdate(obj: KubeObject, old: KubeObject, _ctx: StrategyContext): void {
    if (this.hasStatus) {
      if (old.status === undefined) delete obj.status;
      else obj.status = old.status;
    }
    if (this.tracksGeneration) {
      const oldGen = old.metadata.generation ?? 1;
      obj.metadata.generation = JSON.stringify(obj.spec) !== JSON.stringify(old.spec) ? oldGen + 1 : oldGen;
    }
  }

  gracePeriodSeconds(_obj: KubeObject, _requested: number | undefined): number {
    return 0;
  }
}

/** Writes through the /status subresource: only status changes; everything else stays. */
export function prepareStatusUpdate(obj: KubeObject, old: KubeObject): KubeObject {
  const next = structuredClone(old);
  next.status = obj.status;
  next.metadata.resourceVersion = obj.metadata.resourceVersion;
  return next;
}

export function registryKey(rt: ResourceType): string {
  return `${rt.group}/${rt.plural}`;
}
