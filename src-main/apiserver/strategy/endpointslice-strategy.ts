/**
 * EndpointSlices have no status, yet track generation: it starts at 1 and goes up whenever
 * anything but metadata changes, or the labels do (they decide which service a slice serves).
 */
import type { KubeObject } from '../../kube/object';
import { jsonEqual } from '../../kube/validation/object-meta';
import { DefaultStrategy, type StrategyContext } from './strategy';

function withoutMetadata(obj: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, ...rest } = obj;
  return rest;
}

export class EndpointSliceStrategy extends DefaultStrategy {
  constructor() {
    super(false, true);
  }

  override prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    super.prepareForUpdate(obj, old, ctx);
    const oldGen = old.metadata.generation ?? 1;
    const changed = !jsonEqual(withoutMetadata(obj), withoutMetadata(old)) || !jsonEqual(obj.metadata.labels ?? {}, old.metadata.labels ?? {});
    obj.metadata.generation = changed ? oldGen + 1 : oldGen;
  }
}
