/**
 * framework.Status: what a plugin says about a pod (and a node). The codes mean what upstream's do:
 * Unschedulable can be fixed by preemption, UnschedulableAndUnresolvable cannot, Skip tells the
 * framework to leave the plugin's later extension points out of this cycle.
 */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export class Status {
  /** The plugin that returned it, set by the framework. */
  plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable';
  }

  /** Status.Message: the reasons joined by ", ". */
  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(plugin: string): Status {
    this.plugin = plugin;
    return this;
  }
}

/** A plugin's answer: undefined is Success (as a nil *Status is upstream), to keep hot paths allocation-free. */
export type MaybeStatus = Status | undefined;

export const unschedulable = (...reasons: string[]): Status => new Status('Unschedulable', reasons);
export const unresolvable = (...reasons: string[]): Status => new Status('UnschedulableAndUnresolvable', reasons);
export const skip = (): Status => new Status('Skip');
export const errorStatus = (message: string): Status => new Status('Error', [message]);

export function isSuccess(s: MaybeStatus): boolean {
  return s === undefined || s.code === 'Success';
}
