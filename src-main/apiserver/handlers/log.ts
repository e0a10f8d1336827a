/** HTTP GET of pods/log: the log as text/plain, kept open with `follow=true` while the container runs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as errors from '../../kube/status';
import type { LogLine } from '../node-connector';
import { formatLine, logOptions, readLog } from '../rest/pod-log';
import type { RequestScope } from '../rest/scope';

const FOLLOW_POLL_MS = 500;

export async function handleLog(scope: RequestScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET') throw errors.methodNotSupported({ group: '', resource: 'pods/log' }, (req.method ?? '').toLowerCase());
  const pod = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  const opts = logOptions(scope, pod);
  const first = readLog(scope, pod, opts);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  let budget = opts.limitBytes ?? Infinity;
  let last: { time: number; sameTime: number } = { time: -Infinity, sameTime: 0 };
  const send = (lines: LogLine[]): boolean => {
    for (const l of lines) {
      const text = formatLine(l, opts.timestamps);
      const bytes = Buffer.byteLength(text);
      if (bytes > budget) {
        res.write(Buffer.from(text).subarray(0, budget));
        budget = 0;
        return false;
      }
      budget -= bytes;
      res.write(text);
      last = l.time === last.time ? { time: l.time, sameTime: last.sameTime + 1 } : { time: l.time, sameTime: 1 };
    }
    return true;
  };
  if (!send(first) || !opts.follow || opts.previous) {
    res.end();
    return;
  }
  const { clock } = scope.ctx;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const poll = async (): Promise<void> => {
    if (closed) return;
    const current = await scope.storage.get(scope.namespace, scope.name);
    const running = (current?.status as { containerStatuses?: { name: string; state?: { running?: unknown } }[] } | undefined)?.containerStatuses?.find(
      (c) => c.name === opts.container,
    )?.state?.running;
    let lines: LogLine[] = [];
    if (current && current.metadata.uid === pod.metadata.uid) {
      try {
        lines = readLog(scope, current, { ...opts, sinceSeconds: undefined, sinceTime: undefined, tailLines: undefined });
      } catch {
        lines = [];
      }
    }
    const fresh = lines.filter((l) => l.time > last.time);
    const sameTime = lines.filter((l) => l.time === last.time).slice(last.sameTime);
    const more = send([...sameTime, ...fresh]);
    if (!more || !running || current?.metadata.uid !== pod.metadata.uid) {
      res.end();
      return;
    }
    clock.setTimeout(() => void poll().catch(() => res.end()), FOLLOW_POLL_MS);
  };
  clock.setTimeout(() => void poll().catch(() => res.end()), FOLLOW_POLL_MS);
}
