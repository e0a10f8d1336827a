/**
 * One pod's containers on a simulated node: image pulls, starts, exits, restarts with the
 * kubelet's CrashLoopBackOff back-off (10 s doubling to 5 min), image pull back-off, graceful
 * stop, and the PodStatus the kubelet reports for them (phase by upstream's getPhase rules,
 * conditions, container statuses). Time comes from the injected clock; `changed` is called
 * whenever the status should be posted again.
 */
import type { Clock, TimerHandle } from '../common/clock';
import type { Rand } from '../common/rand';
import { goDuration } from '../kube/go-format';
import { metaTime } from '../kube/meta-time';
import type { KubeObject } from '../kube/object';
import { behaviorOf, type Behavior } from './container-behavior';
import { fakeDigest, pullImage } from './images';

const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long without failing starts its back-off over. */
const BACKOFF_RESET_MS = 600_000;

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; reason: string; startedAt: string; finishedAt: string; containerID: string; message?: string } };

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
}

export interface RuntimeEvents {
  /** A kubelet event about the pod (reason, message, Normal/Warning, fieldPath). */
  event(type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  /** The status changed and should be posted. */
  changed(): void;
}

export interface LogEntry {
  time: number;
  text: string;
}

class ContainerRuntime {
  state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  lastState: ContainerState | undefined;
  restartCount = 0;
  started = false;
  image: string;
  imageID = '';
  containerID = '';
  startedAtMs = 0;
  backoffMs = 0;
  behavior: Behavior | undefined;
  timer: TimerHandle | undefined;
  logs: LogEntry[] = [];
  previousLogs: LogEntry[] = [];
  everPulled = false;

  constructor(
    readonly spec: ContainerSpec,
    readonly fieldPath: string,
  ) {
    this.image = spec.image ?? '';
  }
}

export interface PodRuntimeOptions {
  clock: Clock;
  rand: Rand;
  /** realistic: pulls and starts take time, with jitter; fast: everything is at once. */
  mode: 'fast' | 'realistic';
  /** Images already on the node (a later pull is "already present"). */
  images: Set<string>;
}

export class PodRuntime {
  readonly uid: string;
  readonly containers: ContainerRuntime[];
  readonly initContainers: ContainerRuntime[];
  readonly startTime: string;
  private stopping = false;
  stopped = false;
  private readonly restartPolicy: string;

  constructor(
    pod: KubeObject,
    readonly podIP: string,
    readonly hostIP: string,
    private readonly opts: PodRuntimeOptions,
    private readonly events: RuntimeEvents,
  ) {
    this.uid = pod.metadata.uid ?? '';
    const spec = (pod.spec ?? {}) as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; restartPolicy?: string };
    this.restartPolicy = spec.restartPolicy ?? 'Always';
    this.containers = (spec.containers ?? []).map((c) => new ContainerRuntime(c, `spec.containers{${c.name}}`));
    this.initContainers = (spec.initContainers ?? []).map((c) => new ContainerRuntime(c, `spec.initContainers{${c.name}}`));
    this.startTime = metaTime(opts.clock.now());
  }

  private now(): number {
    return this.opts.clock.now();
  }

  private delay(minMs: number, maxMs: number): number {
    return this.opts.mode === 'fast' ? 0 : minMs + this.opts.rand.float() * (maxMs - minMs);
  }

  private after(c: ContainerRuntime, ms: number, fn: () => void): void {
    if (c.timer) this.opts.clock.clearTimeout(c.timer);
    c.timer = this.opts.clock.setTimeout(() => {
      c.timer = undefined;
      if (!this.stopped) fn();
    }, ms);
  }

  start(): void {
    // Init containers are taken to have run to completion at once (their behaviour is not modelled yet).
    const at = metaTime(this.now());
    for (const c of this.initContainers) {
      c.containerID = `containerd://${fakeDigest(`${this.uid}/${c.spec.name}/0`)}`;
      const pulled = pullImage(c.image);
      if (pulled.ok) {
        c.image = pulled.image;
        c.imageID = pulled.imageID;
      }
      c.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: at, finishedAt: at, containerID: c.containerID } };
    }
    for (const c of this.containers) this.pull(c);
  }

  private pull(c: ContainerRuntime): void {
    const ref = c.spec.image ?? '';
    const result = pullImage(ref);
    if (!result.ok) {
      this.events.event('Normal', 'Pulling', `Pulling image ${JSON.stringify(ref)}`, c.fieldPath);
      this.after(c, this.delay(500, 1500), () => {
        const first = c.backoffMs === 0;
        c.state = { waiting: { reason: result.reason, message: result.message } };
        this.events.event('Warning', 'Failed', `Failed to pull image ${JSON.stringify(ref)}: ${result.message}`, c.fieldPath);
        this.events.event('Warning', 'Failed', `Error: ${result.reason}`, c.fieldPath);
        this.events.changed();
        c.backoffMs = first ? BACKOFF_INITIAL_MS : Math.min(c.backoffMs * 2, BACKOFF_MAX_MS);
        // Shortly after the failure the kubelet reports the back-off.
        this.after(c, 1000, () => {
          c.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image ${JSON.stringify(ref)}: ${result.reason}: ${result.message}` } };
          this.events.event('Normal', 'BackOff', `Back-off pulling image ${JSON.stringify(ref)}`, c.fieldPath);
          this.events.event('Warning', 'Failed', 'Error: ImagePullBackOff', c.fieldPath);
          this.events.changed();
          this.after(c, c.backoffMs, () => this.pull(c));
        });
      });
      return;
    }
    c.image = result.image;
    c.imageID = result.imageID;
    if (this.opts.images.has(result.image)) {
      this.events.event('Normal', 'Pulled', `Container image ${JSON.stringify(ref)} already present on machine`, c.fieldPath);
      this.after(c, this.delay(200, 800), () => this.run(c));
      return;
    }
    this.events.event('Normal', 'Pulling', `Pulling image ${JSON.stringify(ref)}`, c.fieldPath);
    const took = this.delay(800, 4000);
    // In fast mode the pull is instant, but the message still reads like a real one.
    const reported = took > 0 ? took : Math.round(300 + this.opts.rand.float() * 900);
    this.after(c, took, () => {
      this.opts.images.add(result.image);
      const s = goDuration(reported);
      const size = 20_000_000 + (parseInt(fakeDigest(result.image).slice(0, 6), 16) % 100_000_000);
      this.events.event('Normal', 'Pulled', `Successfully pulled image ${JSON.stringify(ref)} in ${s} (${s} including waiting). Image size: ${size} bytes.`, c.fieldPath);
      this.after(c, this.delay(200, 800), () => this.run(c));
    });
  }

  private run(c: ContainerRuntime): void {
    if (this.stopping) return;
    const now = this.now();
    c.containerID = `containerd://${fakeDigest(`${this.uid}/${c.spec.name}/${c.restartCount}`)}`;
    c.startedAtMs = now;
    c.started = true;
    c.behavior = behaviorOf(c.spec, () => new Date(this.now()).toString());
    c.logs = c.behavior.logs.map((l) => ({ time: now + l.at, text: l.text }));
    c.state = { running: { startedAt: metaTime(now) } };
    this.events.event('Normal', 'Created', `Created container ${c.spec.name}`, c.fieldPath);
    this.events.event('Normal', 'Started', `Started container ${c.spec.name}`, c.fieldPath);
    this.events.changed();
    const exit = c.behavior.exit;
    if (exit && Number.isFinite(exit.afterMs)) this.after(c, exit.afterMs, () => this.exited(c, exit.code));
  }

  private exited(c: ContainerRuntime, code: number, reason = code === 0 ? 'Completed' : 'Error'): void {
    const now = this.now();
    this.materializeLogs(c, now);
    c.state = {
      terminated: { exitCode: code, reason, startedAt: metaTime(c.startedAtMs), finishedAt: metaTime(now), containerID: c.containerID },
    };
    const restart = !this.stopping && (this.restartPolicy === 'Always' || (this.restartPolicy === 'OnFailure' && code !== 0));
    this.events.changed();
    if (!restart) return;
    // Restarted after a back-off (kubelet's CrashLoopBackOff), shown as waiting with the last state kept.
    if (now - c.startedAtMs >= BACKOFF_RESET_MS) c.backoffMs = 0;
    const wait = c.backoffMs === 0 ? 0 : c.backoffMs;
    c.backoffMs = c.backoffMs === 0 ? BACKOFF_INITIAL_MS : Math.min(c.backoffMs * 2, BACKOFF_MAX_MS);
    const restartNow = (): void => {
      c.lastState = c.state;
      c.previousLogs = c.logs;
      c.restartCount++;
      this.pullForRestart(c);
    };
    if (wait === 0) {
      this.after(c, 0, restartNow);
      return;
    }
    this.after(c, 1000, () => {
      c.lastState = c.state;
      c.state = {
        waiting: { reason: 'CrashLoopBackOff', message: `back-off ${wait / 1000}s restarting failed container=${c.spec.name} pod=${this.podRef}` },
      };
      this.events.event('Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${this.podRef}`, c.fieldPath);
      this.events.changed();
      this.after(c, Math.max(0, wait - 1000), () => {
        c.previousLogs = c.logs;
        c.restartCount++;
        this.pullForRestart(c);
      });
    });
  }

  /** `<name>_<namespace>(<uid>)`, how kubelet names a pod in messages. */
  podRef = '';

  private pullForRestart(c: ContainerRuntime): void {
    this.events.event('Normal', 'Pulled', `Container image ${JSON.stringify(c.spec.image ?? '')} already present on machine`, c.fieldPath);
    this.run(c);
  }

  /** Stops every container: servers at once, shells that ignore SIGTERM after the grace period. Calls done when all stopped. */
  stop(graceSeconds: number, done: () => void): void {
    if (this.stopping) return;
    this.stopping = true;
    let left = 0;
    const finish = (): void => {
      left--;
      if (left === 0) done();
    };
    for (const c of this.containers) {
      if (!('running' in c.state)) {
        if (c.timer) this.opts.clock.clearTimeout(c.timer);
        continue;
      }
      left++;
      this.events.event('Normal', 'Killing', `Stopping container ${c.spec.name}`, c.fieldPath);
      const ignores = c.behavior?.ignoresSigterm ?? false;
      const after = ignores ? graceSeconds * 1000 : this.delay(50, 500);
      this.after(c, after, () => {
        this.exited(c, ignores ? 137 : 0, ignores ? 'Error' : 'Completed');
        finish();
      });
    }
    if (left === 0) {
      // Nothing was running: done at once (asynchronously, like the rest).
      left = 1;
      this.opts.clock.setTimeout(finish, 0);
    }
  }

  /** Frees timers; the runtime is gone (pod deleted or kubelet dropped it). */
  dispose(): void {
    this.stopped = true;
    for (const c of [...this.containers, ...this.initContainers]) if (c.timer) this.opts.clock.clearTimeout(c.timer);
  }

  private materializeLogs(c: ContainerRuntime, upTo: number): void {
    const rep = c.behavior?.repeat;
    if (!rep || rep.lines.length === 0) return;
    const from = c.logs.length > 0 ? c.logs[c.logs.length - 1].time : c.startedAtMs;
    for (let t = Math.max(from + rep.periodMs, c.startedAtMs); t <= upTo; t += rep.periodMs) {
      for (const line of rep.lines) c.logs.push({ time: t, text: line === '__DATE__' ? new Date(t).toString() : line });
    }
    if (c.logs.length > 10_000) c.logs.splice(0, c.logs.length - 10_000);
  }

  /** The resolved image and main command of a running container, for exec; undefined if it is not running. */
  runningContainer(name: string): { image: string; command: string[] } | undefined {
    const c = this.containers.find((x) => x.spec.name === name);
    if (!c || !('running' in c.state)) return undefined;
    return { image: c.image, command: [...(c.spec.command ?? []), ...(c.spec.args ?? [])] };
  }

  /** A container's log lines up to now (or of its previous run). */
  logs(container: string, previous: boolean): LogEntry[] | undefined {
    const c = this.containers.find((x) => x.spec.name === container) ?? this.initContainers.find((x) => x.spec.name === container);
    if (!c) return undefined;
    if (previous) return c.restartCount > 0 ? c.previousLogs : undefined;
    if ('running' in c.state) this.materializeLogs(c, this.now());
    return c.logs.filter((l) => l.time <= this.now());
  }

  /** The pod status the kubelet posts. */
  status(deletionRequested: boolean): Record<string, unknown> {
    const now = metaTime(this.now());
    const statuses = this.containers.map((c) => containerStatus(c));
    const allReady = this.containers.length > 0 && this.containers.every((c) => 'running' in c.state && c.started);
    const phase = this.phase();
    const cond = (type: string, status: boolean, reason?: string): Record<string, unknown> => ({
      type,
      status: status ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: now,
      ...(reason && !status ? { reason } : {}),
    });
    const notReady = this.containers.filter((c) => !('running' in c.state)).map((c) => c.spec.name);
    const readyReason = phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady';
    const ready = cond('Ready', allReady && !deletionRequested, readyReason);
    const containersReady = cond('ContainersReady', allReady && !deletionRequested, readyReason);
    if (readyReason === 'ContainersNotReady' && notReady.length > 0) {
      const message = `containers with unready status: [${notReady.join(' ')}]`;
      if (ready.status === 'False') ready.message = message;
      if (containersReady.status === 'False') containersReady.message = message;
    }
    return {
      phase,
      conditions: [
        cond('PodReadyToStartContainers', !this.stopped),
        cond('Initialized', true),
        ready,
        containersReady,
        cond('PodScheduled', true),
      ],
      hostIP: this.hostIP,
      hostIPs: [{ ip: this.hostIP }],
      podIP: this.podIP,
      podIPs: [{ ip: this.podIP }],
      startTime: this.startTime,
      ...(this.initContainers.length > 0 ? { initContainerStatuses: this.initContainers.map((c) => containerStatus(c)) } : {}),
      containerStatuses: statuses,
    };
  }

  /** upstream getPhase: waiting → Pending; running → Running; all stopped → by restart policy. */
  phase(): string {
    let waiting = 0;
    let running = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const c of this.containers) {
      if ('running' in c.state) running++;
      else if ('terminated' in c.state) {
        stopped++;
        if (c.state.terminated.exitCode === 0) succeeded++;
      } else if (c.lastState && 'terminated' in c.lastState) stopped++;
      else waiting++;
    }
    if (waiting > 0) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped > 0) {
      if (this.restartPolicy === 'Always' && !this.stopping) return 'Running';
      if (this.restartPolicy === 'OnFailure' && !this.stopping) return stopped === succeeded ? 'Succeeded' : 'Running';
      return stopped === succeeded ? 'Succeeded' : 'Failed';
    }
    return 'Pending';
  }
}

function containerStatus(c: ContainerRuntime): Record<string, unknown> {
  return {
    name: c.spec.name,
    state: c.state,
    lastState: c.lastState ?? {},
    ready: 'running' in c.state,
    restartCount: c.restartCount,
    image: c.image,
    imageID: c.imageID,
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: 'running' in c.state,
  };
}
