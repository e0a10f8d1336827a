/**
 * DaemonSets: a zero status and generation 1 on create; the template generation, which apps/v1
 * carries in the `deprecated.daemonset.template.generation` annotation, starts at 1 and goes up
 * by one whenever the pod template changes. Clients cannot set it.
 */
import type { JsonObject, KubeObject } from '../../kube/object';
import { isJsonObject } from '../../kube/object';
import { jsonEqual } from '../../kube/validation/object-meta';
import { StatusResetStrategy } from './status-reset-strategy';
import type { StrategyContext } from './strategy';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

const emptyDaemonSetStatus = (): JsonObject => ({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });

function templateGeneration(obj: KubeObject): number {
  const n = Number.parseInt(obj.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function setTemplateGeneration(obj: KubeObject, n: number): void {
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(n) };
}

function templateOf(obj: KubeObject): unknown {
  return isJsonObject(obj.spec) ? (obj.spec.template ?? null) : null;
}

export class DaemonSetStrategy extends StatusResetStrategy {
  constructor() {
    super(emptyDaemonSetStatus);
  }

  override prepareForCreate(obj: KubeObject, ctx: StrategyContext): void {
    super.prepareForCreate(obj, ctx);
    setTemplateGeneration(obj, 1);
  }

  override prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    super.prepareForUpdate(obj, old, ctx);
    const changed = !jsonEqual(templateOf(obj), templateOf(old));
    setTemplateGeneration(obj, templateGeneration(old) + (changed ? 1 : 0));
  }
}
