/**
 * Jobs: an empty status and generation 1 on create, and (unless the selector is manual) the
 * generated selector and pod labels, from the uid that is assigned before the strategy runs.
 */
import type { KubeObject } from '../../kube/object';
import { generateJobSelector } from '../../kube/job-selector';
import { emptyStatus, StatusResetStrategy } from './status-reset-strategy';
import type { StrategyContext } from './strategy';

export class JobStrategy extends StatusResetStrategy {
  constructor() {
    super(emptyStatus);
  }

  override prepareForCreate(obj: KubeObject, ctx: StrategyContext): void {
    super.prepareForCreate(obj, ctx);
    generateJobSelector(obj);
  }
}
