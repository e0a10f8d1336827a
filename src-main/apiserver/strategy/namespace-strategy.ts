/** Namespaces: Active on create; deletion marks them Terminating until their finalizers run. */
import type { KubeObject } from '../../kube/object';
import { DefaultStrategy, type StrategyContext } from './strategy';

export class NamespaceStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override prepareForCreate(obj: KubeObject, ctx: StrategyContext): void {
    super.prepareForCreate(obj, ctx);
    obj.status = { phase: 'Active' };
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    if (!spec.finalizers) obj.spec = { ...spec, finalizers: ['kubernetes'] };
  }

  override prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    super.prepareForUpdate(obj, old, ctx);
    // spec.finalizers change only through /finalize.
    obj.spec = old.spec;
  }
}
