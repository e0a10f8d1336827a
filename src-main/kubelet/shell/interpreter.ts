/**
 * Runs parsed shell code: lists, pipelines (stages run one after another, each feeding the
 * next its whole output), redirections, loops, builtins, and programs found through PATH in the
 * session's filesystem. Error wording follows the shell being imitated: bash, dash (Debian's
 * /bin/sh) or BusyBox ash.
 */
import { BUILTINS } from './builtins';
import { expandString, expandWords, type Expander } from './expand';
import { absolute, basename, ERRNO_TEXT, FsFailure, type FileSystem } from './file-system';
import type { ImageProfile, ShellFlavor } from './image-profile';
import { parse, ParseError, type Command, type List, type Pipeline, type Redirect } from './parser';
import { EMPTY_STDIN, stringStdin, type Program, type Stdin, type System } from './program-api';
import type { ShellContext } from './shell-session';

/** Where a command's three standard streams go. `tty`: stdout is the terminal. */
export interface Io {
  stdin: Stdin;
  out(s: string): void;
  err(s: string): void;
  tty: boolean;
}

/** What the session provides to every shell it runs. */
export interface ShellHost {
  fs: FileSystem;
  ctx: ShellContext;
  profile: ImageProfile;
  program(id: string): Program | undefined;
  interrupted(): boolean;
  sleep(ms: number): Promise<boolean>;
  cols(): number;
  bootTime: number;
  nextPid(): number;
  /** Processes the session started (shells), for ps. */
  running: { pid: number; user: string; command: string; tty: string }[];
}

/** `exit N` unwinds to whoever runs the shell. */
export class ExitRequest extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Ctrl-C stopped the foreground command; the rest of the line is abandoned. */
export class Interrupted extends Error {}

/** Loops that never sleep would block the event loop; past this many turns they stop. */
const LOOP_CAP = 10_000;

export interface ShellOptions {
  flavor: ShellFlavor;
  /** argv[0] as invoked (`bash`, `/bin/sh`): error messages start with it. */
  name: string;
  interactive: boolean;
  pid: number;
}

export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  cwd = '/';
  status = 0;
  /** Line number added to the parser's (interactive shells count the lines typed). */
  lineBase = 0;
  positional: string[] = [];

  constructor(
    readonly host: ShellHost,
    readonly opts: ShellOptions,
  ) {}

  /** A copy for `( )` and `$( )`: same files, its own variables and directory. */
  child(): Shell {
    const c = new Shell(this.host, this.opts);
    c.vars = new Map(this.vars);
    c.exported = new Set(this.exported);
    c.cwd = this.cwd;
    c.status = this.status;
    c.lineBase = this.lineBase;
    c.positional = [...this.positional];
    return c;
  }

  setVar(name: string, value: string, exported = false): void {
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
  }

  environment(extra?: Map<string, string>): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (this.exported.has(k)) env.set(k, v);
    for (const [k, v] of extra ?? []) env.set(k, v);
    return env;
  }

  lookupVar(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '$': return String(this.opts.pid);
      case '#': return String(this.positional.length);
      case '0': return this.opts.name;
      case '@':
      case '*': return this.positional.join(' ');
      case '!': return '';
      case '-': return this.opts.interactive ? 'himBH' : 'hB';
    }
    if (/^\d$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  /** What an error message starts with: `bash: `, `bash: line 3: `, `sh: 1: ` or `sh: `. */
  prefix(line: number): string {
    const n = this.lineBase + line;
    switch (this.opts.flavor) {
      case 'bash': return this.opts.interactive ? `${this.opts.name}: ` : `${this.opts.name}: line ${n}: `;
      case 'dash': return `${this.opts.name}: ${n}: `;
      default: return `${this.opts.name}: `;
    }
  }

  /** Parses and runs source; syntax errors are reported the way the shell reports them. */
  async run(src: string, io: Io): Promise<number> {
    let list: List;
    try {
      list = parse(src);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      io.err(this.syntaxError(e));
      this.status = 2;
      return 2;
    }
    return this.runList(list, io);
  }

  syntaxError(e: ParseError): string {
    const tok = e.incomplete ? '' : e.token;
    switch (this.opts.flavor) {
      case 'bash':
        return e.incomplete ? `${this.prefix(1)}syntax error: unexpected end of file\n` : `${this.prefix(1)}syntax error near unexpected token \`${tok}'\n`;
      case 'dash':
        return `${this.prefix(1)}Syntax error: ${e.incomplete ? 'end of file' : `"${tok}"`} unexpected\n`;
      default:
        return `${this.prefix(1)}syntax error: unexpected ${e.incomplete ? 'end of file' : `"${tok}"`}\n`;
    }
  }

  async runList(list: List, io: Io): Promise<number> {
    for (const item of list) {
      let status = await this.runPipeline(item.first, io);
      for (const { op, p } of item.rest) {
        if ((op === '&&') === (status === 0)) status = await this.runPipeline(p, io);
      }
      this.status = status;
    }
    return this.status;
  }

  private async runPipeline(p: Pipeline, io: Io): Promise<number> {
    let stdin = io.stdin;
    let status = 0;
    for (let i = 0; i < p.cmds.length; i++) {
      const last = i === p.cmds.length - 1;
      let buffer = '';
      const stage: Io = last ? { ...io, stdin } : { stdin, out: (s) => (buffer += s), err: io.err, tty: false };
      status = await this.runCommand(p.cmds[i], stage);
      if (this.host.interrupted()) throw new Interrupted();
      stdin = stringStdin(buffer);
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  private async runCommand(cmd: Command, io: Io): Promise<number> {
    if (cmd.t === 'simple') return this.runSimple(cmd, io);
    const redirected = await this.redirect(cmd.redirs, io, 1);
    if (typeof redirected === 'number') return redirected;
    io = redirected;
    switch (cmd.t) {
      case 'group': {
        if (!cmd.subshell) return this.runList(cmd.body, io);
        const sub = this.child();
        try {
          return await sub.runList(cmd.body, io);
        } catch (e) {
          if (e instanceof ExitRequest) return e.code;
          throw e;
        }
      }
      case 'if': {
        for (const c of cmd.clauses) if ((await this.runList(c.cond, io)) === 0) return this.runList(c.body, io);
        return cmd.otherwise ? this.runList(cmd.otherwise, io) : 0;
      }
      case 'for': {
        const items = cmd.items ? await expandWords(cmd.items, this.expander()) : this.positional;
        let status = 0;
        for (const item of items) {
          this.setVar(cmd.name, item, this.exported.has(cmd.name));
          status = await this.runList(cmd.body, io);
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (let turns = 0; ; turns++) {
          if (turns >= LOOP_CAP) {
            io.err(`${this.prefix(1)}loop stopped after ${LOOP_CAP} iterations (the simulated shell caps loops that never wait)\n`);
            return 1;
          }
          const cond = await this.runList(cmd.cond, io);
          if ((cond === 0) === cmd.until) return status;
          status = await this.runList(cmd.body, io);
        }
      }
    }
  }

  expander(): Expander {
    return {
      lookup: (n) => this.lookupVar(n),
      assign: (n, v) => this.setVar(n, v),
      substitute: async (src) => {
        let out = '';
        const sub = this.child();
        try {
          this.status = await sub.run(src, { stdin: EMPTY_STDIN, out: (s) => (out += s), err: this.errSink, tty: false });
        } catch (e) {
          if (!(e instanceof ExitRequest)) throw e;
        }
        return out;
      },
      fs: this.host.fs,
      cwd: this.cwd,
      home: this.vars.get('HOME') ?? '/root',
    };
  }

  /** Where stderr of command substitutions goes (the session points it at the terminal). */
  errSink: (s: string) => void = () => undefined;

  private async runSimple(cmd: Extract<Command, { t: 'simple' }>, io: Io): Promise<number> {
    const x = this.expander();
    const argv = await expandWords(cmd.words, x);
    const assigns = new Map<string, string>();
    for (const a of cmd.assigns) assigns.set(a.name, await expandString(a.value, this.expander()));
    const redirected = await this.redirect(cmd.redirs, io, cmd.line);
    if (typeof redirected === 'number') return redirected;
    io = redirected;
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      return cmd.assigns.some((a) => a.value.some((p) => p.t === 'sub')) ? this.status : 0;
    }
    const builtin = BUILTINS[argv[0]];
    if (builtin) return builtin(this, argv, io, cmd.line);
    return this.exec(argv, io, assigns, cmd.line);
  }

  /** Finds a program on PATH (or by path), as `which` and the shell itself do. */
  findInPath(name: string): string | undefined {
    const fs = this.host.fs;
    if (name.includes('/')) return fs.tryLookup(absolute(this.cwd, name)) ? absolute(this.cwd, name) : undefined;
    for (const dir of (this.vars.get('PATH') ?? '').split(':')) {
      if (!dir) continue;
      const path = `${dir.replace(/\/$/, '')}/${name}`;
      const node = fs.tryLookup(path);
      if (node && node.kind === 'file' && node.mode & 0o111) return path;
    }
    return undefined;
  }

  /** Runs an external program: PATH lookup, then the simulated program or a script. */
  async exec(argv: string[], io: Io, assigns: Map<string, string>, line: number): Promise<number> {
    const fs = this.host.fs;
    const name = argv[0];
    const path = this.findInPath(name);
    const node = path ? fs.tryLookup(path) : undefined;
    if (!path || !node) {
      io.err(this.notFound(name, line));
      return 127;
    }
    if (node.kind === 'dir' || !(node.mode & 0o111)) {
      const text = this.opts.flavor === 'bash' && node.kind === 'dir' ? 'Is a directory' : 'Permission denied';
      io.err(`${this.prefix(line)}${name}: ${text}\n`);
      return 126;
    }
    const env = this.environment(assigns);
    let id = node.program;
    let args = argv;
    if (id === 'busybox') {
      // The multi-call binary runs the applet named by argv[0] (or by its first argument).
      if (basename(name) === 'busybox') args = argv.slice(1);
      id = args.length > 0 ? basename(args[0]) : 'busybox';
    }
    if (id === undefined) return this.script(path, argv, io, env);
    const program = this.host.program(id);
    if (!program) {
      io.err(`${name}: this program is not simulated in Kubedeck containers\n`);
      return 126;
    }
    const pid = this.host.nextPid();
    const sys: System = {
      fs,
      ctx: this.host.ctx,
      profile: this.host.profile,
      cwd: this.cwd,
      env,
      stdoutTty: io.tty,
      cols: this.host.cols(),
      pid,
      bootTime: this.host.bootTime,
      interrupted: () => this.host.interrupted(),
      sleep: (ms) => this.host.sleep(ms),
      findInPath: (n) => this.findInPath(n),
      extraProcesses: [...this.host.running, { pid, user: 'root', command: args.join(' '), tty: this.host.running[0]?.tty ?? '?' }],
    };
    return program({ argv: args, stdin: io.stdin, out: io.out, err: io.err, sys });
  }

  /** A file without a simulated program: a shell script (a `#!` line or none). */
  private async script(path: string, argv: string[], io: Io, env: Map<string, string>): Promise<number> {
    const src = this.host.fs.readFile(path);
    const sub = new Shell(this.host, { ...this.opts, name: argv[0], interactive: false });
    for (const [k, v] of env) sub.setVar(k, v, true);
    sub.cwd = this.cwd;
    sub.positional = argv.slice(1);
    try {
      return await sub.run(src.replace(/^#![^\n]*\n/, ''), io);
    } catch (e) {
      if (e instanceof ExitRequest) return e.code;
      throw e;
    }
  }

  notFound(name: string, line: number): string {
    if (name.includes('/')) {
      return this.opts.flavor === 'bash' ? `${this.prefix(line)}${name}: No such file or directory\n` : `${this.prefix(line)}${name}: not found\n`;
    }
    return `${this.prefix(line)}${name}: ${this.opts.flavor === 'bash' ? 'command not found' : 'not found'}\n`;
  }

  /** Applies redirections; a failure is reported and its status returned instead. */
  private async redirect(redirs: Redirect[], io: Io, line: number): Promise<Io | number> {
    if (redirs.length === 0) return io;
    const next: Io = { ...io };
    const fs = this.host.fs;
    for (const r of redirs) {
      const target = await expandString(r.target, this.expander());
      if (r.op === '>&' || r.op === '<&') {
        // `2>&1` points stderr where stdout goes now; `>&2` the other way round.
        const sink = target === '2' ? next.err : next.out;
        if (r.fd === 2) next.err = sink;
        else next.out = sink;
        continue;
      }
      const path = absolute(this.cwd, target);
      try {
        if (r.op === '<') {
          next.stdin = stringStdin(fs.readFile(path));
          continue;
        }
        if (path === '/dev/stdout' || path === '/dev/stderr') {
          const sink = path === '/dev/stdout' ? io.out : io.err;
          if (r.fd === 1 || r.fd === -1) next.out = sink;
          if (r.fd === 2 || r.fd === -1) next.err = sink;
          continue;
        }
        const existing = fs.tryLookup(path);
        if (existing?.kind === 'dir') throw new FsFailure('EISDIR');
        if (!existing || r.op === '>') fs.writeFile(path, '', false);
        const sink = (s: string) => fs.writeFile(path, s, true);
        if (r.fd === 1 || r.fd === -1) next.out = sink;
        if (r.fd === 2 || r.fd === -1) next.err = sink;
        if (r.fd === 1 || r.fd === -1) next.tty = false;
      } catch (e) {
        if (!(e instanceof FsFailure)) throw e;
        io.err(this.redirectError(target, r.op === '<', e, line));
        return 1;
      }
    }
    return next;
  }

  private redirectError(target: string, reading: boolean, e: FsFailure, line: number): string {
    const p = this.prefix(line);
    const text = ERRNO_TEXT[e.code];
    switch (this.opts.flavor) {
      case 'bash': return `${p}${target}: ${text}\n`;
      case 'dash':
        if (reading) return `${p}cannot open ${target}: No such file\n`;
        return `${p}cannot create ${target}: ${e.code === 'ENOENT' ? 'Directory nonexistent' : text}\n`;
      default:
        if (reading) return `${p}can't open '${target}': ${text}\n`;
        return `${p}can't create ${target}: ${e.code === 'ENOENT' ? 'nonexistent directory' : text}\n`;
    }
  }
}
