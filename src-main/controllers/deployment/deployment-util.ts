/**
 * Deployment arithmetic and naming (k8s.io/kubernetes/pkg/controller/deployment/util): surge and
 * unavailability fenceposts, the pod-template-hash, revisions, and the replica-count annotations
 * the controller keeps on its ReplicaSets.
 */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../kube/object';
import { jsonEqual } from '../../kube/validation/object-meta';
import { templateHash } from '../common/template-hash';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
}

export interface DeploymentSpec {
  replicas?: number;
  minReadySeconds?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  selector?: MetaLabelSelector;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  template?: PodTemplate;
}

export interface ReplicaSetView {
  spec?: { replicas?: number; template?: PodTemplate; selector?: DeploymentSpec['selector'] };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
}

export const specOf = (d: KubeObject): DeploymentSpec => (d.spec ?? {}) as DeploymentSpec;
export const rsSpecReplicas = (rs: KubeObject): number => (rs as KubeObject & ReplicaSetView).spec?.replicas ?? 0;
export const rsStatus = (rs: KubeObject): NonNullable<ReplicaSetView['status']> => (rs as KubeObject & ReplicaSetView).status ?? {};
export const sumSpec = (list: readonly KubeObject[]): number => list.reduce((n, rs) => n + rsSpecReplicas(rs), 0);
export const sumActual = (list: readonly KubeObject[]): number => list.reduce((n, rs) => n + (rsStatus(rs).replicas ?? 0), 0);
export const sumReady = (list: readonly KubeObject[]): number => list.reduce((n, rs) => n + (rsStatus(rs).readyReplicas ?? 0), 0);
export const sumAvailable = (list: readonly KubeObject[]): number => list.reduce((n, rs) => n + (rsStatus(rs).availableReplicas ?? 0), 0);

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both zero would deadlock, so unavailable becomes 1. */
export function fenceposts(d: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const spec = specOf(d);
  const replicas = spec.replicas ?? 1;
  if (spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  const ru = spec.strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

/** Templates equal apart from the pod-template-hash label (EqualIgnoreHash). */
export function templatesEqual(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  const strip = (t: PodTemplate | undefined): PodTemplate => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
    return c;
  };
  return jsonEqual(strip(a), strip(b));
}

/**
 * The pod-template-hash: FNV-1a (32 bit) of the template and the collision count, written with
 * the apimachinery safe alphabet (no vowels, no look-alike digits), as upstream shapes it.
 */
export function podTemplateHash(template: PodTemplate | undefined, collisionCount?: number): string {
  return templateHash(template, collisionCount);
}

export function revisionOf(obj: KubeObject): number {
  const v = Number(obj.metadata.annotations?.[REVISION] ?? '0');
  return Number.isFinite(v) ? v : 0;
}

export function maxRevision(list: readonly KubeObject[]): number {
  return list.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** The deployment's annotations a ReplicaSet inherits (all but the controller's own and kubectl's last-applied). */
export function inheritedAnnotations(d: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (k === LAST_APPLIED || k === REVISION || k === REVISION_HISTORY || k === DESIRED_REPLICAS || k === MAX_REPLICAS) continue;
    out[k] = v;
  }
  return out;
}

/** DeploymentComplete: every replica updated and available, and no old pods left. */
export function deploymentComplete(d: KubeObject, s: { updatedReplicas?: number; replicas?: number; availableReplicas?: number; observedGeneration?: number }): boolean {
  const replicas = specOf(d).replicas ?? 1;
  return (
    (s.updatedReplicas ?? 0) === replicas &&
    (s.replicas ?? 0) === replicas &&
    (s.availableReplicas ?? 0) === replicas &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}
