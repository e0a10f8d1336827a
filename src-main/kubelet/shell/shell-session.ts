/**
 * One `kubectl exec` into a simulated container: it runs argv the way the container runtime
 * would (a program found through the image's PATH, or a shell that reads commands from the
 * terminal), over a per-session in-memory filesystem built from the image.
 *
 * Stdin: the caller passes keystrokes/bytes to input() and calls endInput() when stdin closes.
 * An exec without stdin (`kubectl exec` without -i) should call endInput() right after start(),
 * so programs that read stdin (cat, sh) see end-of-file at once, as they would on a real node.
 */
import { basename } from './file-system';
import { DEFAULT_PATH, profileOf, type ImageProfile, type ShellFlavor } from './image-profile';
import { ExitRequest, Interrupted, Shell, type Io, type ShellHost } from './interpreter';
import { ParseError, parse } from './parser';
import { readAll, type Program, type Proc } from './program-api';
import { PROGRAMS } from './programs';
import { buildRootFs } from './root-fs';
import { stableHash } from './stable-hash';
import { CANCELLED, Terminal } from './terminal';

export interface ShellContext {
  podName: string;
  namespace: string;
  containerName: string;
  nodeName: string;
  podIP: string;
  hostIP: string;
  /** Resolved image, e.g. docker.io/library/nginx:latest, registry.k8s.io/etcd:3.5.16-0. */
  image: string;
  /** The container environment the kubelet computed (PATH, HOSTNAME, HOME, KUBERNETES_SERVICE_HOST, ...). */
  env: Record<string, string>;
  /** Mounted at /var/run/secrets/kubernetes.io/serviceaccount when present. */
  serviceAccount?: { token: string; caCrt: string; namespace: string };
  /** e.g. 10.96.0.10, [ns.svc.cluster.local, svc.cluster.local, cluster.local]. */
  resolv: { nameserver: string; search: string[] };
  /** Cluster DNS for one fully qualified name; the shell applies the search domains itself. */
  dns(name: string): { name: string; addresses: string[] } | undefined;
  /** Service routing for wget/curl. The shell resolves the host first and passes the URL with the IP in it. */
  http(url: string): Promise<{ status: number; headers: Record<string, string>; body: string } | { error: string }>;
  /** What `ps` shows (PID 1 is the container's main process). */
  processes: { pid: number; user: string; command: string }[];
  /** Cluster time (ms), for date/uptime. */
  now(): number;
  /** Runs fn after ms of cluster time (sleep waits through it). Without it, sleep returns at once. */
  setTimer?(fn: () => void, ms: number): void;
}

export interface ExecIO {
  tty: boolean;
  stdout(data: string): void;
  /** With tty the caller merges it into stdout; the session may always call it. */
  stderr(data: string): void;
  /** Called exactly once, when the command / shell ends. */
  exit(code: number): void;
}

export interface ShellSession {
  /** Runs argv (['ls','-l','/'], ['sh'], ['sh','-c','echo $HOSTNAME']). A shell without -c reads stdin (prompt only with tty). */
  start(argv: string[], io: ExecIO): void;
  /** stdin bytes as typed (with tty: raw keystrokes, echoed and line-edited like a cooked tty). */
  input(data: string): void;
  /** stdin closed (EOF). */
  endInput(): void;
  resize(cols: number, rows: number): void;
}

const SHELL_PROGRAMS: Record<string, ShellFlavor> = { bash: 'bash', dash: 'dash', ash: 'ash', sh: 'ash' };

/** Where argv[0] resolves in the image (PATH from the container env), and which program it is. */
function resolveProgram(ctx: ShellContext, profile: ImageProfile, name: string): { path: string; program: string } | undefined {
  const dirs = name.includes('/') ? [''] : (ctx.env.PATH ?? DEFAULT_PATH).split(':').filter((d) => d !== '');
  for (const dir of dirs) {
    const path = dir === '' ? name : `${dir.replace(/\/$/, '')}/${name}`;
    let program = profile.programs.get(path);
    // Debian's /bin is a symlink to /usr/bin (merged /usr), and /usr/bin/sh to dash.
    if (!program && profile.family === 'debian' && /^\/s?bin\//.test(path)) program = profile.programs.get(`/usr${path}`);
    if (program) return { path, program: program === 'busybox' ? basename(name) : program };
  }
  return undefined;
}

export function execError(ctx: ShellContext, argv: string[]): string | undefined {
  const name = argv[0] ?? '';
  const profile = profileOf(ctx.image);
  if (resolveProgram(ctx, profile, name)) return undefined;
  const why = name.includes('/') ? `stat ${name}: no such file or directory` : 'executable file not found in $PATH';
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: ${JSON.stringify(name)}: ${why}: unknown`;
}

class Session implements ShellSession {
  private io: ExecIO | undefined;
  private term: Terminal | undefined;
  private cols = 80;
  private done = false;
  private pid = 0;
  private host: ShellHost | undefined;
  private readonly profile: ImageProfile;

  constructor(private readonly ctx: ShellContext) {
    this.profile = profileOf(ctx.image);
  }

  start(argv: string[], io: ExecIO): void {
    this.io = io;
    const tty = io.tty;
    // A tty turns "\n" into "\r\n" on the way out (the terminal's ONLCR).
    const crlf = (s: string) => (tty ? s.replace(/\r?\n/g, '\r\n') : s);
    const out = (s: string) => s && io.stdout(crlf(s));
    const err = (s: string) => s && io.stderr(crlf(s));
    const term = new Terminal(tty, (s) => io.stdout(s));
    this.term = term;
    const failure = execError(this.ctx, argv);
    if (failure) {
      err(`${failure}\n`);
      this.finish(126);
      return;
    }
    const now = this.ctx.now();
    const maxPid = Math.max(1, ...this.ctx.processes.map((p) => p.pid));
    let nextPid = maxPid + 6;
    this.host = {
      fs: buildRootFs(this.ctx, this.profile),
      ctx: this.ctx,
      profile: this.profile,
      program: (id) => (SHELL_PROGRAMS[id] ? this.shellProgram(SHELL_PROGRAMS[id]) : PROGRAMS[id]),
      interrupted: () => term.interrupted(),
      sleep: (ms) => this.sleep(ms),
      cols: () => this.cols,
      // The node booted some hours before this session, the same amount for every session on it.
      bootTime: now - 3_600_000 * (5 + (stableHash(this.ctx.nodeName) % 40)) - (stableHash(this.ctx.podName) % 3_600_000),
      nextPid: () => nextPid++,
      running: [],
    };
    this.pid = nextPid;
    const io2: Io = { stdin: term.stdin, out, err, tty };
    void this.main(argv, io2).then(
      (code) => this.finish(code),
      (e: unknown) => {
        err(`kubedeck: internal error in the simulated shell: ${e instanceof Error ? e.message : String(e)}\n`);
        this.finish(1);
      },
    );
  }

  input(data: string): void {
    this.term?.input(data);
  }

  endInput(): void {
    this.term?.endInput();
  }

  resize(cols: number, _rows: number): void {
    if (cols > 0) this.cols = cols;
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    this.io?.exit(code);
  }

  private sleep(ms: number): Promise<boolean> {
    const term = this.term;
    const setTimer = this.ctx.setTimer;
    if (!term || !setTimer || ms <= 0) return Promise.resolve(!term?.interrupted());
    return new Promise((resolve) => {
      let settled = false;
      const stop = term.onInterrupt(() => settle(false));
      const settle = (ok: boolean) => {
        if (settled) return;
        settled = true;
        stop();
        resolve(ok);
      };
      setTimer(() => settle(true), ms);
    });
  }

  /** Runs argv as the runtime would: the program argv[0] names, with the container's env. */
  private async main(argv: string[], io: Io): Promise<number> {
    const host = this.host as ShellHost;
    const flavor = this.profile.sh ?? 'dash';
    const shell = this.newShell(flavor, basename(argv[0]), false, this.pid);
    host.running.push({ pid: this.pid, user: 'root', command: argv.join(' '), tty: io.tty ? 'pts/0' : '?' });
    shell.errSink = io.err;
    try {
      return await shell.exec(argv, io, new Map(), 1);
    } catch (e) {
      if (e instanceof Interrupted) return 130;
      throw e;
    }
  }

  private newShell(flavor: ShellFlavor, name: string, interactive: boolean, pid: number, parent?: Shell): Shell {
    const host = this.host as ShellHost;
    const sh = new Shell(host, { flavor, name: flavor === 'ash' ? 'sh' : name, interactive, pid });
    if (parent) {
      for (const [k, v] of parent.vars) sh.setVar(k, v, parent.exported.has(k));
      sh.cwd = parent.cwd;
      return sh;
    }
    for (const [k, v] of Object.entries(this.ctx.env)) sh.setVar(k, v, true);
    if (!sh.vars.has('PATH')) sh.setVar('PATH', DEFAULT_PATH, true);
    if (!sh.vars.has('HOSTNAME')) sh.setVar('HOSTNAME', this.ctx.podName, true);
    if (!sh.vars.has('HOME')) sh.setVar('HOME', '/root', true);
    if (this.io?.tty && !sh.vars.has('TERM')) sh.setVar('TERM', 'xterm', true);
    return sh;
  }

  /** bash / dash / ash as a program: `-c script`, or commands from stdin (interactive on a tty). */
  private shellProgram(flavor: ShellFlavor): Program {
    return async (p: Proc) => {
      const host = this.host as ShellHost;
      const term = this.term as Terminal;
      const args = p.argv.slice(1);
      const c = args.indexOf('-c');
      const parent = this.newShell(flavor, p.argv[0], false, p.sys.pid);
      for (const [k, v] of p.sys.env) parent.setVar(k, v, true);
      parent.cwd = p.sys.cwd;
      if (flavor === 'bash' && !parent.vars.has('SHLVL')) parent.setVar('SHLVL', '1', true);
      else if (flavor === 'bash') parent.setVar('SHLVL', String(Number(parent.vars.get('SHLVL')) + 1 || 1), true);
      parent.setVar('PWD', parent.cwd, true);
      const io: Io = { stdin: p.stdin, out: p.out, err: p.err, tty: p.sys.stdoutTty };
      parent.errSink = p.err;
      try {
        if (c >= 0) {
          const script = args[c + 1];
          if (script === undefined) {
            p.err(`${p.argv[0]}: ${flavor === 'dash' ? '0: ' : ''}-c: ${flavor === 'bash' ? 'option requires an argument' : 'requires an argument'}\n`);
            return 2;
          }
          parent.positional = args.slice(c + 3);
          return await parent.run(script, io);
        }
        if (p.stdin !== term.stdin) return await parent.run(await readAll(p.stdin), io);
        const interactive = term.tty || args.includes('-i');
        const shell = new Shell(host, { ...parent.opts, interactive });
        shell.vars = parent.vars;
        shell.exported = parent.exported;
        shell.cwd = parent.cwd;
        shell.errSink = p.err;
        host.running.push({ pid: p.sys.pid, user: 'root', command: p.argv.join(' '), tty: term.tty ? 'pts/0' : '?' });
        try {
          return await this.repl(shell, io, term.tty);
        } finally {
          host.running.splice(host.running.findIndex((r) => r.pid === p.sys.pid), 1);
        }
      } catch (e) {
        if (e instanceof ExitRequest) return e.code;
        throw e;
      }
    };
  }

  private prompt(sh: Shell): string {
    const home = sh.vars.get('HOME') ?? '/root';
    const dir = sh.cwd === home ? '~' : sh.cwd.startsWith(`${home}/`) ? `~${sh.cwd.slice(home.length)}` : sh.cwd;
    if (sh.opts.flavor === 'bash') return `root@${this.ctx.podName.split('.')[0]}:${dir}# `;
    if (sh.opts.flavor === 'ash') return `${dir} # `;
    return '# ';
  }

  /** Reads, parses and runs lines until exit or end of input. */
  private async repl(sh: Shell, io: Io, prompting: boolean): Promise<number> {
    const term = this.term as Terminal;
    let lines = 0;
    while (true) {
      if (prompting) io.out(this.prompt(sh));
      let src = '';
      let more = true;
      while (more) {
        const line = await term.readLine();
        if (line === CANCELLED) {
          io.out('\n');
          sh.status = 130;
          src = '';
          break;
        }
        if (line === null) {
          if (src !== '') {
            io.err(sh.syntaxError(new ParseError(true, '')));
            return 2;
          }
          if (prompting && sh.opts.flavor === 'bash') io.err('exit\n');
          return sh.status;
        }
        lines++;
        src += line;
        more = isIncomplete(src);
        if (more && prompting) io.out('> ');
      }
      if (src.trim() === '') continue;
      sh.lineBase = lines - 1 - (src.split('\n').length - 2);
      try {
        await sh.run(src, io);
      } catch (e) {
        if (e instanceof ExitRequest) {
          if (prompting && sh.opts.flavor === 'bash') io.err('exit\n');
          return e.code;
        }
        if (!(e instanceof Interrupted)) throw e;
        term.clearInterrupt();
        io.out('\n');
        sh.status = 130;
      }
    }
  }
}

function isIncomplete(src: string): boolean {
  try {
    parse(src);
    return false;
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
}

export function newShellSession(ctx: ShellContext): ShellSession {
  return new Session(ctx);
}
