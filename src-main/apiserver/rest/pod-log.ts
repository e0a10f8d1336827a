/**
 * pods/log: which container's log to read and the checks kube-apiserver makes before it asks the
 * kubelet (a container must be named when there are several; a waiting container has no log yet),
 * then the kubelet's lines cut by sinceSeconds / sinceTime / tailLines / limitBytes, with
 * optional RFC 3339 timestamps.
 */
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import type { LogLine } from '../node-connector';
import type { RequestScope } from './scope';

export interface LogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: number;
  tailLines?: number;
  limitBytes?: number;
}

interface ContainerStatus {
  name: string;
  state?: { waiting?: { reason?: string }; running?: unknown; terminated?: unknown };
  lastState?: { terminated?: unknown };
}

function intParam(q: URLSearchParams, name: string, min: number): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw errors.badRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  if (n < min) {
    throw errors.invalid({ group: '', kind: 'PodLogOptions' }, '', [
      { type: 'FieldValueInvalid', field: name, badValue: n, detail: min === 1 ? 'must be greater than 0' : 'must be greater than or equal to 0' },
    ]);
  }
  return n;
}

export function logOptions(scope: RequestScope, pod: KubeObject): LogOptions {
  const q = scope.query;
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name)];
  let container = q.get('container') ?? '';
  const podName = pod.metadata.name ?? '';
  if (container === '') {
    if (names.length !== 1) {
      throw errors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`);
    }
    container = names[0];
  } else if (!all.includes(container)) {
    throw errors.badRequest(`container ${container} is not valid for pod ${podName}`);
  }
  const sinceTimeRaw = q.get('sinceTime');
  const opts: LogOptions = {
    container,
    follow: q.get('follow') === 'true',
    previous: q.get('previous') === 'true',
    timestamps: q.get('timestamps') === 'true',
    sinceSeconds: intParam(q, 'sinceSeconds', 1),
    tailLines: intParam(q, 'tailLines', 0),
    limitBytes: intParam(q, 'limitBytes', 1),
  };
  if (sinceTimeRaw !== null) {
    const t = Date.parse(sinceTimeRaw);
    if (!Number.isFinite(t)) throw errors.badRequest(`parsing time ${JSON.stringify(sinceTimeRaw)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
    opts.sinceTime = t;
  }
  if (opts.sinceSeconds !== undefined && opts.sinceTime !== undefined) {
    throw errors.invalid({ group: '', kind: 'PodLogOptions' }, '', [{ type: 'FieldValueForbidden', field: '', badValue: '', detail: 'at most one of `sinceTime` or `sinceSeconds` may be specified' }]);
  }
  return opts;
}

/** The lines to send now; throws the upstream errors for containers with no log. */
export function readLog(scope: RequestScope, pod: KubeObject, opts: LogOptions): LogLine[] {
  const podName = pod.metadata.name ?? '';
  const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  if (!nodeName) throw errors.badRequest(`pod ${podName} does not have a host assigned`);
  const status = (pod.status ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
  const cs = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === opts.container);
  if (opts.previous) {
    if (!cs?.lastState?.terminated) {
      throw errors.badRequest(`previous terminated container ${JSON.stringify(opts.container)} in pod ${JSON.stringify(podName)} not found`);
    }
  } else if (!cs || (cs.state?.waiting && !cs.lastState?.terminated)) {
    const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
    const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    throw errors.badRequest(`container ${JSON.stringify(opts.container)} in pod ${JSON.stringify(podName)} is waiting to start: ${why}`);
  }
  const lines = scope.ctx.nodes?.containerLogs(nodeName, pod.metadata.namespace ?? '', podName, opts.container, opts.previous);
  if (!lines) {
    if (opts.previous) throw errors.badRequest(`previous terminated container ${JSON.stringify(opts.container)} in pod ${JSON.stringify(podName)} not found`);
    return [];
  }
  const now = scope.ctx.clock.now();
  const from = opts.sinceSeconds !== undefined ? now - opts.sinceSeconds * 1000 : opts.sinceTime;
  let out = from === undefined ? lines : lines.filter((l) => l.time >= from);
  if (opts.tailLines !== undefined) out = opts.tailLines === 0 ? [] : out.slice(-opts.tailLines);
  return out;
}

export function formatLine(line: LogLine, timestamps: boolean): string {
  if (!timestamps) return `${line.text}\n`;
  const iso = new Date(line.time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return `${iso} ${line.text}\n`;
}
