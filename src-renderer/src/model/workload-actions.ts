/**
 * The requests behind the Deployment actions, as kubectl makes them: `kubectl scale` patches the
 * scale subresource, `kubectl rollout restart` stamps the pod template with
 * kubectl.kubernetes.io/restartedAt (a changed template means a new ReplicaSet, so every pod is
 * replaced by the rolling update), `kubectl delete` deletes with background propagation.
 */

/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** Upper bound of the scale dialog; replicas is an int32, but a console user means far fewer. */
export const MAX_REPLICAS = 10_000;

export function deploymentPath(namespace: string, name: string): string {
  return `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}`;
}

export function scalePath(namespace: string, name: string): string {
  return `${deploymentPath(namespace, name)}/scale`;
}

/** The merge patch of the scale subresource that sets spec.replicas. */
export function scalePatch(replicas: number): { spec: { replicas: number } } {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, not ${replicas}`);
  return { spec: { replicas } };
}

/** RFC 3339 without fractions, as Go's time.RFC3339 prints it (in UTC: `2025-01-02T15:04:05Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The merge patch of `kubectl rollout restart` at time `now` (ms). */
export function restartPatch(now: number): { spec: { template: { metadata: { annotations: Record<string, string> } } } } {
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: rfc3339(now) } } } } };
}
