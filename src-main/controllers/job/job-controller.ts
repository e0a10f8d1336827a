/**
 * The Job controller: runs pods from the template until `completions` succeed (NonIndexed) or
 * every index succeeds (Indexed), at most `parallelism` at once; failed pods count toward
 * backoffLimit and are replaced after the pod failure back-off (10 s doubling, at most 6 min);
 * activeDeadlineSeconds bounds the whole run; suspend stops its pods. Finished jobs get
 * Complete or Failed conditions with upstream reasons and messages, completionTime, and events.
 */
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { byNamespace, NAMESPACE_INDEX, objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { metaTime } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { JOBS, PODS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { controllerOf, newControllerRef } from '../common/controller-ref';
import { Expectations } from '../common/expectations';
import { isPodReady, podPhase } from '../common/pods';
import { QueueController } from '../common/queue-controller';


const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  completionMode?: 'NonIndexed' | 'Indexed';
  suspend?: boolean;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

interface JobStatus {
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  completedIndexes?: string;
  conditions?: JobCondition[];
  uncountedTerminatedPods?: Record<string, never>;
}

const specOf = (j: KubeObject): JobSpec => (j.spec ?? {}) as JobSpec;
const statusOf = (j: KubeObject): JobStatus => (j.status ?? {}) as JobStatus;
const finished = (j: KubeObject): boolean => (statusOf(j).conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');

function indexOf(p: KubeObject): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX] ?? p.metadata.labels?.[COMPLETION_INDEX];
  return v === undefined ? undefined : Number(v);
}

/** `1,3-5,7`: the succeeded indexes as upstream writes completedIndexes. */
export function formatIndexes(indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export class JobController extends QueueController {
  readonly name = 'job-controller';
  private readonly jobs: Informer;
  private readonly pods: Informer;
  private readonly expectations: Expectations;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.expectations = new Expectations(clock);
    this.recorder = new EventRecorder(client, clock, 'job-controller');
    this.jobs = informers.informer(JOBS);
    this.pods = informers.informer(PODS);
    this.pods.addIndexer(NAMESPACE_INDEX, byNamespace);
    this.pods.addIndexer('controller-uid', (p) => [controllerOf(p)?.uid ?? '']);
    this.jobs.addEventHandler({ onAdd: (j) => this.enqueue(objectKey(j)), onUpdate: (_o, j) => this.enqueue(objectKey(j)), onDelete: (j) => this.expectations.delete(objectKey(j)) });
    const podEvent = (p: KubeObject, what: 'add' | 'update' | 'delete'): void => {
      const ref = controllerOf(p);
      if (ref?.kind !== 'Job') return;
      const key = `${p.metadata.namespace ?? ''}/${ref.name}`;
      // A pod whose Job is gone still needs its tracking finalizer removed to go away.
      if (what !== 'delete' && this.jobs.get(p.metadata.namespace ?? '', ref.name)?.metadata.uid !== ref.uid) {
        void this.releaseCounted([p]);
        return;
      }
      if (what === 'add') this.expectations.creationObserved(key);
      if (what === 'delete') this.expectations.deletionObserved(key);
      this.enqueue(key);
    };
    this.pods.addEventHandler({ onAdd: (p) => podEvent(p, 'add'), onUpdate: (_o, p) => podEvent(p, 'update'), onDelete: (p) => podEvent(p, 'delete') });
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const job = this.jobs.get(namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = specOf(job);
    const old = statusOf(job);
    const now = this.clock.now();
    const nowTs = metaTime(now);
    const pods = this.pods.byIndex('controller-uid', job.metadata.uid ?? '');
    const active = pods.filter((p) => !p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
    const succeededPods = pods.filter((p) => podPhase(p) === 'Succeeded');
    const failedPods = pods.filter((p) => podPhase(p) === 'Failed');
    const indexed = spec.completionMode === 'Indexed';
    const completions = spec.completions ?? null;
    const parallelism = spec.parallelism ?? 1;
    const succeededIdx = indexed ? [...new Set(succeededPods.map(indexOf).filter((i): i is number => i !== undefined))] : [];
    const succeeded = indexed ? succeededIdx.length : Math.max(old.succeeded ?? 0, succeededPods.length);
    const failed = Math.max(old.failed ?? 0, failedPods.length);
    const status: JobStatus = {
      ...old,
      startTime: old.startTime ?? (spec.suspend ? undefined : nowTs),
      active: active.length,
      succeeded,
      failed,
      ready: active.filter(isPodReady).length,
      terminating: pods.filter((p) => p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed').length,
      uncountedTerminatedPods: {},
      ...(indexed ? { completedIndexes: formatIndexes(succeededIdx) } : {}),
    };
    let outcome: { type: 'Complete' | 'Failed'; reason?: string; message?: string } | undefined;
    if (!finished(job)) {
      const done = completions !== null ? succeeded >= completions : succeededPods.length > 0 && active.length === 0;
      const started = Date.parse(status.startTime ?? '') || now;
      if (done) outcome = { type: 'Complete' };
      else if (failed > (spec.backoffLimit ?? 6)) outcome = { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
      else if (spec.activeDeadlineSeconds !== undefined && now - started >= spec.activeDeadlineSeconds * 1000) {
        outcome = { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
      }
    }
    if (outcome) {
      for (const p of active) await this.deletePod(p);
      status.active = 0;
      status.conditions = [...(old.conditions ?? []), { type: outcome.type, status: 'True', lastProbeTime: nowTs, lastTransitionTime: nowTs, ...(outcome.reason ? { reason: outcome.reason, message: outcome.message } : {}) }];
      if (outcome.type === 'Complete') {
        status.completionTime = nowTs;
        this.recorder.event(job, 'Normal', 'Completed', 'Job completed');
      } else {
        this.recorder.event(job, 'Warning', outcome.reason ?? 'Failed', outcome.message ?? '');
      }
    } else if (!finished(job) && this.expectations.satisfied(key)) {
      if (spec.suspend) {
        for (const p of active) await this.deletePod(p);
      } else {
        await this.manage(job, key, active, succeeded, failedPods.length, completions, parallelism, indexed, succeededIdx);
      }
      if (spec.activeDeadlineSeconds !== undefined && status.startTime) {
        const left = (Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000) - now;
        if (left > 0) this.enqueueAfter(key, left);
      }
    }
    await this.releaseCounted(pods);
    for (const k of Object.keys(status) as (keyof JobStatus)[]) if (status[k] === undefined) delete status[k];
    if (jsonEqual(status, old)) return;
    try {
      await this.client.update(JOBS, { ...job, status }, { subresource: 'status' });
    } catch (e) {
      if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
      this.enqueue(key);
    }
  }

  private async manage(job: KubeObject, key: string, active: KubeObject[], succeeded: number, failedCount: number, completions: number | null, parallelism: number, indexed: boolean, done: number[]): Promise<void> {
    const remaining = completions === null ? (succeeded > 0 ? 0 : parallelism) : completions - succeeded;
    const want = Math.max(0, Math.min(parallelism, remaining));
    if (active.length > want) {
      for (const p of active.slice(want)) await this.deletePod(p);
      return;
    }
    if (active.length === want) return;
    // The pod failure back-off: wait before replacing failed pods.
    if (failedCount > 0) {
      const lastFailure = Math.max(0, ...this.pods.byIndex('controller-uid', job.metadata.uid ?? '').filter((p) => podPhase(p) === 'Failed').map((p) => Date.parse(((p.status as { containerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[] } | undefined)?.containerStatuses?.[0]?.state?.terminated?.finishedAt) ?? '') || 0));
      const delay = Math.min(BACKOFF_BASE_MS * 2 ** (failedCount - 1), BACKOFF_MAX_MS);
      const waitMs = lastFailure + delay - this.clock.now();
      if (waitMs > 0) {
        this.enqueueAfter(key, waitMs);
        return;
      }
    }
    const n = want - active.length;
    const busy = new Set([...active.map(indexOf), ...done]);
    const indexes: (number | undefined)[] = [];
    for (let i = 0; indexes.length < n; i++) {
      if (!indexed) indexes.push(undefined);
      else if (completions !== null && i >= completions) break;
      else if (!busy.has(i)) indexes.push(i);
    }
    this.expectations.expect(key, indexes.length, 0);
    for (const idx of indexes) {
      try {
        await this.createPod(job, idx);
      } catch {
        this.expectations.lowerCreations(key, 1);
      }
    }
  }

  private async createPod(job: KubeObject, index: number | undefined): Promise<void> {
    const template = specOf(job).template ?? {};
    const labels = { ...(template.metadata?.labels ?? {}), ...(index !== undefined ? { [COMPLETION_INDEX]: String(index) } : {}) };
    const annotations = { ...(template.metadata?.annotations ?? {}), ...(index !== undefined ? { [COMPLETION_INDEX]: String(index) } : {}) };
    const spec = structuredClone(template.spec ?? {});
    if (index !== undefined) spec.hostname ??= `${job.metadata.name ?? ''}-${index}`;
    const pod: KubeObject = {
      metadata: {
        generateName: index !== undefined ? `${job.metadata.name ?? ''}-${index}-` : `${job.metadata.name ?? ''}-`,
        namespace: job.metadata.namespace,
        labels,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        ownerReferences: [newControllerRef(job, 'batch/v1', 'Job')],
        finalizers: [TRACKING_FINALIZER],
      },
      spec,
    };
    const created = await this.client.create(PODS, job.metadata.namespace ?? '', pod);
    this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
  }

  /** Finished or deleted pods have been counted: drop the tracking finalizer so they can go away. */
  private async releaseCounted(pods: KubeObject[]): Promise<void> {
    for (const p of pods) {
      const fin = p.metadata.finalizers ?? [];
      if (!fin.includes(TRACKING_FINALIZER)) continue;
      if (!p.metadata.deletionTimestamp && podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed') continue;
      await this.client
        .patch(PODS, p.metadata.namespace ?? '', p.metadata.name ?? '', 'merge', { metadata: { finalizers: fin.filter((f) => f !== TRACKING_FINALIZER) } })
        .catch(() => undefined);
    }
  }

  private async deletePod(p: KubeObject): Promise<void> {
    await this.client.delete(PODS, p.metadata.namespace ?? '', p.metadata.name ?? '').catch(() => undefined);
  }
}
