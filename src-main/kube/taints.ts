/** Taints and tolerations (v1helper.TolerationsTolerateTaint and friends). */

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Whether one toleration tolerates one taint: effect (empty matches all), key (empty with Exists matches all), value. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  const op = t.operator || 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

/** The tolerations that tolerate `taint`. */
export function tolerationsFor(tolerations: readonly Toleration[], taint: Taint): Toleration[] {
  return tolerations.filter((t) => toleratesTaint(t, taint));
}
