/**
 * A pod's STATUS, READY and RESTARTS as kubectl prints them (printPod in
 * kubernetes/pkg/printers/internalversion/printers.go), and the colour the console gives a status.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { parseTime } from './duration';

export interface PodSummary {
  /** STATUS: phase, or the reason kubectl shows instead (CrashLoopBackOff, Init:0/1, Terminating…). */
  status: string;
  ready: number;
  total: number;
  restarts: number;
  /** When a container last terminated (ms), NaN when never; kubectl prints "3 (5m ago)". */
  lastRestart: number;
}

/** Tag colours (Naive UI tag types). */
export type StatusTone = 'success' | 'warning' | 'error' | 'default';

const NODE_UNREACHABLE_REASON = 'NodeLost';

function isRestartableInit(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function laterOf(current: number, cs: ContainerStatus): number {
  const finished = parseTime(cs.lastState?.terminated?.finishedAt);
  return Number.isFinite(finished) && !(finished <= current) ? finished : current;
}

export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec;
  const st = pod.status ?? {};
  let total = spec?.containers?.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let restartableInitRestarts = 0;
  let lastRestart = NaN;
  let lastRestartableInitRestart = NaN;
  let reason: string = st.phase ?? '';
  if (st.reason) reason = st.reason;
  if (st.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) total++;
  }

  let initializing = false;
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount;
    lastRestart = laterOf(lastRestart, cs);
    const restartable = isRestartableInit(initContainers.get(cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount;
      lastRestartableInitRestart = laterOf(lastRestartableInitRestart, cs);
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount;
      lastRestart = laterOf(lastRestart, cs);
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  const terminal = st.phase === 'Succeeded' || st.phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && st.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';

  return { status: reason || 'Unknown', ready, total, restarts, lastRestart };
}

const ERROR_REASONS = new Set([
  'Failed',
  'Error',
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError',
  'ContainerCannotRun',
  'OOMKilled',
  'Evicted',
  'DeadlineExceeded',
  'NodeAffinity',
  'OutOfcpu',
  'OutOfmemory',
  'UnexpectedAdmissionError',
]);

const DONE_REASONS = new Set(['Succeeded', 'Completed', 'Unknown']);

/** Running green; Pending and on-the-way states yellow; failures red; finished or unknown grey. */
export function statusTone(status: string): StatusTone {
  if (status === 'Running') return 'success';
  if (DONE_REASONS.has(status)) return 'default';
  if (ERROR_REASONS.has(status)) return 'error';
  if (/^(Init:)?(ExitCode|Signal):/.test(status)) return 'error';
  if (status.startsWith('Init:')) {
    const rest = status.slice('Init:'.length);
    return /^\d+\/\d+$/.test(rest) ? 'warning' : statusTone(rest) === 'error' ? 'error' : 'warning';
  }
  return 'warning';
}
