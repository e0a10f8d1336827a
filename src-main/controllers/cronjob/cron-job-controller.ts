/**
 * The CronJob controller (v2): at each scheduled time it creates a Job named
 * `<cronjob>-<minutes since the epoch>` from the jobTemplate, within startingDeadlineSeconds,
 * honouring concurrencyPolicy (Allow, Forbid, Replace) and suspend; it tracks active jobs,
 * lastScheduleTime and lastSuccessfulTime, and keeps successfulJobsHistoryLimit /
 * failedJobsHistoryLimit finished jobs. Schedules are parsed with cron-parser, in the CronJob's
 * timeZone (UTC by default).
 */
import { CronExpressionParser } from 'cron-parser';
import type { Clock } from '../../common/clock';
import type { ClusterClient } from '../../client/cluster-client';
import { EventRecorder } from '../../client/event-recorder';
import { objectKey, splitKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { metaTime } from '../../kube/meta-time';
import type { KubeObject } from '../../kube/object';
import { CRON_JOBS, JOBS } from '../../kube/registry';
import { StatusError } from '../../kube/status';
import { jsonEqual } from '../../kube/validation/object-meta';
import { controllerOf, enqueueControllerOf, newControllerRef } from '../common/controller-ref';
import { QueueController } from '../common/queue-controller';


const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

interface CronJobStatus {
  active?: { apiVersion: string; kind: string; name: string; namespace: string; resourceVersion?: string; uid: string }[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

const jobFinished = (j: KubeObject): 'Complete' | 'Failed' | undefined =>
  ((j.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type as 'Complete' | 'Failed' | undefined;

/**
 * The newest scheduled time in (after, upTo], and how many there were (at most `cap` are
 * counted, as upstream stops counting missed starts at 100).
 */
export function lastMissed(schedule: string, tz: string | undefined, after: number, upTo: number, cap = 100): { time?: number; count: number } {
  const expr = CronExpressionParser.parse(schedule, { currentDate: new Date(after), tz: tz || 'UTC' });
  let time: number | undefined;
  let count = 0;
  for (;;) {
    const next = expr.next().toDate().getTime();
    if (next > upTo) break;
    time = next;
    // Far behind: jump to the schedule just before now instead of walking every missed start.
    if (++count >= cap) {
      const back = CronExpressionParser.parse(schedule, { currentDate: new Date(upTo + 1), tz: tz || 'UTC' });
      time = back.prev().toDate().getTime();
      break;
    }
  }
  return { time, count };
}

/** The first scheduled time after `after`. */
export function nextTime(schedule: string, tz: string | undefined, after: number): number {
  return CronExpressionParser.parse(schedule, { currentDate: new Date(after), tz: tz || 'UTC' }).next().toDate().getTime();
}

export class CronJobController extends QueueController {
  readonly name = 'cronjob-controller';
  private readonly cronJobs: Informer;
  private readonly jobs: Informer;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly client: ClusterClient,
    informers: InformerFactory,
    clock: Clock,
  ) {
    super(clock);
    this.recorder = new EventRecorder(client, clock, 'cronjob-controller');
    this.cronJobs = informers.informer(CRON_JOBS);
    this.jobs = informers.informer(JOBS);
    this.jobs.addIndexer('controller-uid', (j) => [controllerOf(j)?.uid ?? '']);
    this.cronJobs.addEventHandler({ onAdd: (c) => this.enqueue(objectKey(c)), onUpdate: (_o, c) => this.enqueue(objectKey(c)) });
    this.jobs.addEventHandler(enqueueControllerOf('CronJob', (key) => this.enqueue(key)));
  }

  protected async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cj = this.cronJobs.get(namespace, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const spec = (cj.spec ?? {}) as CronJobSpec;
    const old = (cj.status ?? {}) as CronJobStatus;
    const now = this.clock.now();
    const owned = this.jobs.byIndex('controller-uid', cj.metadata.uid ?? '');
    const status: CronJobStatus = { ...old };
    // Finished jobs leave the active list; the newest success is remembered.
    const active = owned.filter((j) => !jobFinished(j));
    for (const j of owned) {
      const result = jobFinished(j);
      if (!result) continue;
      const wasActive = (old.active ?? []).some((a) => a.uid === j.metadata.uid);
      if (wasActive) this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name ?? ''}, condition: ${result}`);
      const completed = (j.status as { completionTime?: string } | undefined)?.completionTime;
      if (result === 'Complete' && completed && (!status.lastSuccessfulTime || completed > status.lastSuccessfulTime)) status.lastSuccessfulTime = completed;
    }
    let nextWake: number | undefined;
    if (!spec.suspend && spec.schedule) {
      const since = Date.parse(old.lastScheduleTime ?? '') || Date.parse(cj.metadata.creationTimestamp ?? '') || now;
      let scheduled: number | undefined;
      try {
        scheduled = lastMissed(spec.schedule, spec.timeZone, since, now).time;
        nextWake = nextTime(spec.schedule, spec.timeZone, now);
      } catch (e) {
        this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${e instanceof Error ? e.message : String(e)}`);
      }
      const deadline = spec.startingDeadlineSeconds;
      if (scheduled !== undefined && (deadline === undefined || now - scheduled <= deadline * 1000)) {
        const started = await this.startJob(cj, spec, scheduled, active);
        if (started) {
          active.push(started);
          status.lastScheduleTime = metaTime(scheduled);
        }
      } else if (scheduled !== undefined) {
        this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${new Date(scheduled).toISOString().replace('.000Z', 'Z')}`);
        status.lastScheduleTime = metaTime(scheduled);
      }
    }
    status.active = active.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name ?? '', namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid ?? '' }));
    if (status.active.length === 0) delete status.active;
    await this.cleanup(cj, spec, owned);
    if (!jsonEqual(status, old)) {
      try {
        await this.client.update(CRON_JOBS, { ...cj, status }, { subresource: 'status' });
      } catch (e) {
        if (!(e instanceof StatusError && (e.status.code === 409 || e.status.code === 404))) throw e;
        this.enqueue(key);
      }
    }
    if (nextWake !== undefined) this.enqueueAfter(key, Math.max(0, nextWake - now) + 100);
  }

  private async startJob(cj: KubeObject, spec: CronJobSpec, scheduled: number, active: KubeObject[]): Promise<KubeObject | undefined> {
    const ns = cj.metadata.namespace ?? '';
    const jobName = `${cj.metadata.name ?? ''}-${Math.floor(scheduled / 60_000)}`;
    if (this.jobs.get(ns, jobName)) return undefined;
    const policy = spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return undefined;
    }
    if (policy === 'Replace') {
      for (const j of active) {
        await this.client.delete(JOBS, ns, j.metadata.name ?? '', { propagationPolicy: 'Background' }).catch(() => undefined);
        this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name ?? ''}`);
      }
      active.splice(0);
    }
    const template = spec.jobTemplate ?? {};
    const job: KubeObject = {
      metadata: {
        name: jobName,
        namespace: ns,
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: new Date(scheduled).toISOString().replace('.000Z', 'Z') },
        ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    try {
      const created = await this.client.create(JOBS, ns, job);
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
      return created;
    } catch (e) {
      if (e instanceof StatusError && e.status.reason === 'AlreadyExists') return undefined;
      this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e instanceof StatusError ? e.status.message : String(e)}`);
      throw e;
    }
  }

  /** Deletes the oldest finished jobs past the history limits. */
  private async cleanup(cj: KubeObject, spec: CronJobSpec, owned: KubeObject[]): Promise<void> {
    const byStart = (a: KubeObject, b: KubeObject): number => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
    for (const [result, limit] of [['Complete', spec.successfulJobsHistoryLimit ?? 3], ['Failed', spec.failedJobsHistoryLimit ?? 1]] as const) {
      const finishedJobs = owned.filter((j) => jobFinished(j) === result && !j.metadata.deletionTimestamp).sort(byStart);
      for (const j of finishedJobs.slice(0, Math.max(0, finishedJobs.length - limit))) {
        await this.client.delete(JOBS, j.metadata.namespace ?? '', j.metadata.name ?? '', { propagationPolicy: 'Background' }).catch(() => undefined);
        this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name ?? ''}`);
      }
    }
  }
}
