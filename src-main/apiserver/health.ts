/** /healthz, /livez and /readyz, with ?verbose listing each check as kube-apiserver does. */
import type { ServerResponse } from 'node:http';
import { writeText } from './http-util';

export type HealthCheck = () => boolean;

export interface HealthChecks {
  readonly [name: string]: HealthCheck;
}

export function serveHealth(endpoint: 'healthz' | 'livez' | 'readyz', subpath: string, query: URLSearchParams, checks: HealthChecks, res: ServerResponse): boolean {
  const names = Object.keys(checks);
  if (subpath) {
    const check = checks[subpath];
    if (!check) return false;
    const ok = check();
    writeText(res, ok ? 200 : 500, ok ? 'ok' : `internal server error: ${subpath} check failed`);
    return true;
  }
  const exclude = new Set(query.getAll('exclude'));
  const results = names.filter((n) => !exclude.has(n)).map((n) => ({ name: n, ok: checks[n]() }));
  const failed = results.filter((r) => !r.ok);
  if (query.has('verbose') || failed.length > 0) {
    const lines = results.map((r) => (r.ok ? `[+]${r.name} ok` : `[-]${r.name} failed: reason withheld`));
    for (const n of exclude) lines.push(`[+]${n} excluded: ok`);
    lines.push(failed.length === 0 ? `${endpoint} check passed` : `${endpoint} check failed`);
    writeText(res, failed.length === 0 ? 200 : 500, lines.join('\n') + '\n');
    return true;
  }
  writeText(res, 200, 'ok');
  return true;
}
