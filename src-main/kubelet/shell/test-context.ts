/**
 * A ShellContext for tests: a small cluster DNS and HTTP world, a fixed clock, and timers the
 * test fires by hand, plus helpers that run a command and collect what it wrote.
 */
import { newShellSession, type ShellContext, type ShellSession } from './shell-session';

export const NOW = Date.UTC(2026, 0, 1, 10, 0, 0);

export interface FakeTimers {
  pending: { at: number; fn: () => void }[];
  now: number;
  /** Moves time forward and fires what fell due. */
  advance(ms: number): void;
}

export function fakeContext(image: string, overrides: Partial<ShellContext> = {}): ShellContext & { timers: FakeTimers } {
  const timers: FakeTimers = {
    pending: [],
    now: NOW,
    advance(ms) {
      this.now += ms;
      const due = this.pending.filter((t) => t.at <= this.now);
      this.pending = this.pending.filter((t) => t.at > this.now);
      for (const t of due) t.fn();
    },
  };
  const records: Record<string, string[]> = {
    'web.default.svc.cluster.local': ['10.96.12.34'],
    'kubernetes.default.svc.cluster.local': ['10.96.0.1'],
    'kube-dns.kube-system.svc.cluster.local': ['10.96.0.10'],
    'down.default.svc.cluster.local': ['10.96.7.7'],
    'slow.default.svc.cluster.local': ['10.96.8.8'],
  };
  return {
    podName: 'web-0',
    namespace: 'default',
    containerName: 'main',
    nodeName: 'worker-1',
    podIP: '10.244.1.5',
    hostIP: '172.18.0.3',
    image,
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: 'web-0',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      HOME: '/root',
    },
    serviceAccount: { token: 'eyJhbGciOiJSUzI1NiJ9.test', caCrt: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', namespace: 'default' },
    resolv: { nameserver: '10.96.0.10', search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'] },
    dns: (name) => (records[name] ? { name, addresses: records[name] } : undefined),
    http: (url) => {
      if (url.startsWith('http://10.96.12.34:80/missing')) return Promise.resolve({ status: 404, headers: { Server: 'nginx/1.27.2' }, body: '<html>404</html>\n' });
      if (url.startsWith('http://10.96.12.34:80/')) return Promise.resolve({ status: 200, headers: { Server: 'nginx/1.27.2', 'Content-Type': 'text/html', 'Content-Length': '6' }, body: 'hello\n' });
      if (url.startsWith('http://10.96.8.8')) return Promise.resolve({ error: 'i/o timeout' });
      return Promise.resolve({ error: 'connection refused' });
    },
    processes: [{ pid: 1, user: 'root', command: 'nginx: master process nginx -g daemon off;' }, { pid: 29, user: 'nginx', command: 'nginx: worker process' }],
    now: () => timers.now,
    setTimer: (fn, ms) => void timers.pending.push({ at: timers.now + ms, fn }),
    timers,
    ...overrides,
  };
}

export interface Run {
  stdout: string;
  stderr: string;
  code: number | undefined;
}

/** Starts argv and lets the caller type; `done` resolves with what was written once it exits. */
export function startSession(ctx: ShellContext, argv: string[], tty = false): { session: ShellSession; result: Run; done: Promise<Run> } {
  const session = newShellSession(ctx);
  const result: Run = { stdout: '', stderr: '', code: undefined };
  let finish: (r: Run) => void = () => undefined;
  const done = new Promise<Run>((resolve) => (finish = resolve));
  session.start(argv, {
    tty,
    stdout: (s) => (result.stdout += s),
    // With a tty the caller merges stderr into stdout, as kubectl's terminal does.
    stderr: (s) => {
      if (tty) result.stdout += s;
      else result.stderr += s;
    },
    exit: (code) => {
      if (result.code !== undefined) throw new Error('exit called twice');
      result.code = code;
      finish(result);
    },
  });
  return { session, result, done };
}

/** Runs a command without stdin (as `kubectl exec pod -- ...` without -i). */
export function run(ctx: ShellContext, argv: string[]): Promise<Run> {
  const s = startSession(ctx, argv);
  s.session.endInput();
  return s.done;
}

/** Runs a script through `sh -c`. */
export function sh(ctx: ShellContext, script: string, shell = 'sh'): Promise<Run> {
  return run(ctx, [shell, '-c', script]);
}

/** Lets the session's pending promise callbacks run (it is asynchronous inside). */
export async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
