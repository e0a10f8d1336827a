/**
 * Terminals: one WebSocket per shell, speaking the JSON messages of the console API contract.
 * The shell runs in a pty with the user's environment plus KUBECONFIG (the cluster's admin
 * kubeconfig), TERM=xterm-256color and extra tool folders first on PATH. When the socket closes the
 * shell gets SIGHUP, then SIGKILL if it lingers; when the shell exits the socket closes.
 *
 * bash starts with a small rc file that reads the usual startup files and then sets KUBECONFIG and
 * PATH again, so an `export KUBECONFIG=~/.kube/config` in ~/.bashrc cannot point this terminal at
 * a real cluster by surprise.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { IPty } from 'node-pty';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TerminalClientMessage, TerminalServerMessage } from '../common/console-api';

export interface TerminalOptions {
  /** Added to (and overriding) the user's environment. */
  env?: Record<string, string>;
  /** Folders put first on PATH (bundled tools such as etcdctl). */
  extraPath?: string[];
  /** Working folder; the home folder by default. */
  cwd?: string;
  /** KUBECONFIG for the shell unless env sets one. */
  kubeconfigPath?: string;
  /** The shell to run; $SHELL, else /bin/bash (ComSpec on Windows). */
  shell?: string;
}

export interface TerminalServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): void;
  /** Shells currently running. */
  readonly sessions: number;
  /** Ends every shell and closes every terminal socket. */
  close(): Promise<void>;
}

/** Environment variables of the launcher that must not reach the shell (KUBEDECK_CONSOLE_URL holds the secret). */
const PRIVATE_ENV = ['KUBEDECK_CONSOLE_URL'];
const KILL_GRACE_MS = 2000;
/** Output queued for a slow socket beyond this pauses the shell until the socket catches up. */
const HIGH_WATER = 1 << 20;
const LOW_WATER = 1 << 16;
const MAX_INPUT = 1 << 20;

/** Read by bash instead of /etc/bash.bashrc + ~/.bashrc (which it sources first). */
const BASH_RC = `# Written by Kubedeck for its terminals: the usual startup files, then Kubedeck's settings.
[ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
[ -r ~/.bashrc ] && . ~/.bashrc
if [ -n "\${KUBEDECK_KUBECONFIG-}" ]; then export KUBECONFIG="$KUBEDECK_KUBECONFIG"; fi
if [ -n "\${KUBEDECK_PATH_PREPEND-}" ]; then
  case "$PATH" in "$KUBEDECK_PATH_PREPEND"|"$KUBEDECK_PATH_PREPEND":*) ;; *) export PATH="$KUBEDECK_PATH_PREPEND:$PATH" ;; esac
fi
unset KUBEDECK_KUBECONFIG KUBEDECK_PATH_PREPEND
`;

function dimension(raw: string | null, fallback: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 2 ? Math.min(1000, n) : fallback;
}

function parseClientMessage(raw: string): TerminalClientMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const m = v as Record<string, unknown>;
  if (m.type === 'input' && typeof m.data === 'string') return { type: 'input', data: m.data };
  if (m.type === 'resize' && typeof m.cols === 'number' && typeof m.rows === 'number') {
    return { type: 'resize', cols: dimension(String(m.cols), 80), rows: dimension(String(m.rows), 24) };
  }
  return undefined;
}

/** The shell's environment: the user's, minus the console secret, plus Kubedeck's settings. */
export function shellEnvironment(opts: TerminalOptions, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !PRIVATE_ENV.includes(k)) env[k] = v;
  if (opts.kubeconfigPath) env.KUBECONFIG = opts.kubeconfigPath;
  Object.assign(env, opts.env);
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = [...(opts.extraPath ?? []), ...(env[pathKey] ? [env[pathKey]] : [])].join(delimiter);
  return env;
}

function defaultShell(): string {
  if (process.platform === 'win32') return process.env.ComSpec ?? 'powershell.exe';
  return process.env.SHELL || '/bin/bash';
}

interface Session {
  ws: WebSocket;
  pty?: IPty;
  exited: Promise<void>;
  end(): void;
}

export function createTerminalServer(opts: TerminalOptions = {}): TerminalServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INPUT + 1024 });
  const sessions = new Set<Session>();
  let rcDir: Promise<string> | undefined;

  /** The program and arguments for a new shell, and its environment. */
  async function shellCommand(): Promise<{ file: string; args: string[]; env: Record<string, string> }> {
    const file = opts.shell ?? defaultShell();
    const env = shellEnvironment(opts);
    if (basename(file) !== 'bash') return { file, args: [], env };
    rcDir ??= mkdtemp(join(tmpdir(), 'kubedeck-shell-')).then(async (dir) => {
      await writeFile(join(dir, 'bashrc'), BASH_RC, { mode: 0o600 });
      return dir;
    });
    const rc = join(await rcDir, 'bashrc');
    if (env.KUBECONFIG) env.KUBEDECK_KUBECONFIG = env.KUBECONFIG;
    if (opts.extraPath?.length) env.KUBEDECK_PATH_PREPEND = opts.extraPath.join(delimiter);
    return { file, args: ['--rcfile', rc], env };
  }

  async function start(ws: WebSocket, cols: number, rows: number): Promise<void> {
    let markExited!: () => void;
    const exited = new Promise<void>((r) => (markExited = r));
    let hasExited = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const signal = (pty: IPty, name: 'SIGHUP' | 'SIGKILL'): void => {
      try {
        pty.kill(process.platform === 'win32' ? undefined : name);
      } catch {
        // already gone
      }
    };
    const session: Session = {
      ws,
      exited,
      end() {
        const pty = session.pty;
        if (!pty || hasExited) return;
        signal(pty, 'SIGHUP');
        killTimer ??= setTimeout(() => {
          if (!hasExited) signal(pty, 'SIGKILL');
        }, KILL_GRACE_MS);
      },
    };
    sessions.add(session);
    const send = (msg: TerminalServerMessage, cb?: () => void): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg), cb);
    };
    const finish = (exitCode: number): void => {
      hasExited = true;
      if (killTimer) clearTimeout(killTimer);
      sessions.delete(session);
      markExited();
      send({ type: 'exit', exitCode });
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000, 'shell exited');
    };

    // Messages may arrive while the pty is being started: keep them in order.
    const early: TerminalClientMessage[] = [];
    const apply = (msg: TerminalClientMessage): void => {
      const pty = session.pty;
      if (!pty || hasExited) return;
      if (msg.type === 'input') pty.write(msg.data);
      else pty.resize(msg.cols, msg.rows);
    };
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = parseClientMessage(data.toString());
      if (!msg) return;
      if (session.pty) apply(msg);
      else early.push(msg);
    });
    ws.on('close', () => session.end());
    ws.on('error', () => ws.terminate());

    let shell = opts.shell ?? defaultShell();
    try {
      const { spawn } = await import('node-pty');
      const cmd = await shellCommand();
      shell = cmd.file;
      if (ws.readyState !== ws.OPEN) {
        sessions.delete(session);
        markExited();
        return;
      }
      session.pty = spawn(cmd.file, cmd.args, { name: 'xterm-256color', cols, rows, cwd: opts.cwd ?? homedir(), env: cmd.env });
    } catch (e) {
      send({ type: 'output', data: `\r\nKubedeck could not start the shell ${shell}: ${(e as Error).message}\r\n` });
      finish(127);
      return;
    }
    const pty = session.pty;
    let paused = false;
    pty.onData((data) => {
      send({ type: 'output', data }, () => {
        if (paused && ws.bufferedAmount < LOW_WATER) {
          paused = false;
          pty.resume();
        }
      });
      if (!paused && ws.bufferedAmount > HIGH_WATER) {
        paused = true;
        pty.pause();
      }
    });
    pty.onExit(({ exitCode, signal: sig }) => finish(sig ? 128 + sig : exitCode));
    for (const msg of early.splice(0)) apply(msg);
  }

  return {
    handleUpgrade(req, socket, head, query) {
      const cols = dimension(query.get('cols'), 80);
      const rows = dimension(query.get('rows'), 24);
      wss.handleUpgrade(req, socket, head, (ws) => {
        void start(ws, cols, rows);
      });
    },
    get sessions() {
      return sessions.size;
    },
    async close() {
      const all = [...sessions];
      for (const s of all) {
        s.end();
        s.ws.close(1001, 'console server closing');
      }
      // Every shell has had SIGHUP, and SIGKILL follows after KILL_GRACE_MS; do not wait forever.
      await Promise.race([
        Promise.all(all.map((s) => s.exited)),
        new Promise((r) => setTimeout(r, KILL_GRACE_MS + 1000).unref()),
      ]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      if (rcDir) await rm(await rcDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
