/**
 * Kinds whose strategy starts every new object with an empty status (the Go zero value, so
 * counters that are not omitempty show as 0) and bumps metadata.generation when the spec changes:
 * StatefulSet, CronJob, PodDisruptionBudget, and the base of DaemonSet and Job.
 */
import type { JsonObject, KubeObject } from '../../kube/object';
import { jsonEqual } from '../../kube/validation/object-meta';
import { DefaultStrategy, type StrategyContext } from './strategy';

export class StatusResetStrategy extends DefaultStrategy {
  /** `emptyStatus` is the kind's status struct as Go serializes its zero value. */
  constructor(private readonly emptyStatus: () => JsonObject) {
    super(true, true);
  }

  override prepareForCreate(obj: KubeObject, ctx: StrategyContext): void {
    super.prepareForCreate(obj, ctx);
    obj.status = this.emptyStatus();
  }

  override prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    super.prepareForUpdate(obj, old, ctx);
    const oldGen = old.metadata.generation ?? 1;
    obj.metadata.generation = jsonEqual(obj.spec ?? null, old.spec ?? null) ? oldGen : oldGen + 1;
  }
}

/** Zero-valued StatefulSetStatus: replicas and availableReplicas are always written. */
export const emptyStatefulSetStatus = (): JsonObject => ({ availableReplicas: 0, replicas: 0 });

/** Zero-valued PodDisruptionBudgetStatus: its four counters are always written. */
export const emptyPodDisruptionBudgetStatus = (): JsonObject => ({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });

/** Every field of JobStatus and CronJobStatus is omitempty. */
export const emptyStatus = (): JsonObject => ({});
