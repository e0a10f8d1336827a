/**
 * Commands the shell runs itself: they change the shell (cd, export, exit, ...) or every shell
 * has them built in (echo, printf, test, true/false). Wording per shell: bash, dash, BusyBox ash.
 */
import { absolute } from './file-system';
import { ExitRequest, type Io, type Shell } from './interpreter';
import type { Stdin } from './program-api';

export type Builtin = (sh: Shell, argv: string[], io: Io, line: number) => number | Promise<number>;

/** Backslash escapes of `echo -e`, dash's echo, and printf. `\c` stops all output. */
export function unescape(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i === s.length - 1) {
      out += s[i];
      continue;
    }
    const c = s[++i];
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', e: '\x1b' };
    if (c === 'c') return { text: out, stop: true };
    if (map[c] !== undefined) out += map[c];
    else if (c === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += m.length;
    } else out += `\\${c}`;
  }
  return { text: out, stop: false };
}

const echo: Builtin = (sh, argv, io) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = sh.opts.flavor === 'dash';
  while (args.length > 0 && /^-[neE]+$/.test(args[0]) && !(sh.opts.flavor === 'dash' && args[0] !== '-n')) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
    args = args.slice(1);
  }
  const text = args.join(' ');
  if (!escapes) {
    io.out(text + (newline ? '\n' : ''));
    return 0;
  }
  const u = unescape(text);
  io.out(u.text + (newline && !u.stop ? '\n' : ''));
  return 0;
};

/** printf's formatting: %s %d %i %x %o %c %f %b %%, reusing the format while args remain. */
export function printfFormat(format: string, args: string[]): string {
  let out = '';
  let used = 0;
  do {
    const start = used;
    const text = format.replace(/%([-0 +#]*\d*(?:\.\d+)?)([sdixocfb%])/g, (_m, flags: string, conv: string) => {
      if (conv === '%') return '%';
      const arg = args[used++] ?? '';
      let v: string;
      const n = Number(arg) || 0;
      switch (conv) {
        case 'd': case 'i': v = String(Math.trunc(n)); break;
        case 'x': v = Math.trunc(n).toString(16); break;
        case 'o': v = Math.trunc(n).toString(8); break;
        case 'c': v = arg.slice(0, 1); break;
        case 'f': v = n.toFixed(Number(/\.(\d+)/.exec(flags)?.[1] ?? 6)); break;
        case 'b': v = unescape(arg).text; break;
        default: v = arg;
      }
      const width = Number(/^[-0 +#]*(\d*)/.exec(flags)?.[1] || 0);
      if (flags.includes('-')) return v.padEnd(width);
      return v.padStart(width, flags.includes('0') && conv !== 's' ? '0' : ' ');
    });
    out += unescape(text).text;
    if (used === start) break;
  } while (used < args.length);
  return out;
}

const printf: Builtin = (sh, argv, io) => {
  if (argv.length < 2) {
    io.err(sh.opts.flavor === 'bash' ? `${sh.prefix(1)}printf: usage: printf [-v var] format [arguments]\n` : 'Usage: printf format [arguments]\n');
    return 2;
  }
  io.out(printfFormat(argv[1], argv.slice(2)));
  return 0;
};

const cd: Builtin = (sh, argv, io, line) => {
  let target = argv[1];
  if (target === undefined) target = sh.vars.get('HOME') ?? '/';
  const dash = target === '-';
  if (dash) target = sh.vars.get('OLDPWD') ?? sh.cwd;
  const path = absolute(sh.cwd, target);
  const node = sh.host.fs.tryLookup(path);
  if (!node || node.kind !== 'dir') {
    const why = node ? 'Not a directory' : 'No such file or directory';
    if (sh.opts.flavor === 'bash') io.err(`${sh.prefix(line)}cd: ${argv[1]}: ${why}\n`);
    else if (sh.opts.flavor === 'dash') io.err(`${sh.prefix(line)}cd: can't cd to ${argv[1]}\n`);
    else io.err(`${sh.prefix(line)}cd: can't cd to ${argv[1]}: ${why}\n`);
    return sh.opts.flavor === 'dash' ? 2 : 1;
  }
  sh.setVar('OLDPWD', sh.cwd, true);
  sh.cwd = path;
  sh.setVar('PWD', path, true);
  if (dash) io.out(`${path}\n`);
  return 0;
};

const pwd: Builtin = (sh, argv, io) => {
  io.out(`${argv.includes('-P') ? sh.host.fs.realpath(sh.cwd) : sh.cwd}\n`);
  return 0;
};

function quoteForShell(v: string, flavor: string): string {
  if (flavor === 'bash') return `"${v.replace(/(["\\$`])/g, '\\$1')}"`;
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

const exportBuiltin: Builtin = (sh, argv, io) => {
  const names = argv.slice(1).filter((a) => a !== '-p');
  if (names.length === 0) {
    for (const name of [...sh.exported].sort()) {
      const v = sh.vars.get(name);
      const shown = v === undefined ? '' : `=${quoteForShell(v, sh.opts.flavor)}`;
      io.out(sh.opts.flavor === 'bash' ? `declare -x ${name}${shown}\n` : `export ${name}${shown}\n`);
    }
    return 0;
  }
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      io.err(sh.opts.flavor === 'bash' ? `${sh.prefix(1)}export: \`${a}': not a valid identifier\n` : `${sh.prefix(1)}export: ${a}: bad variable name\n`);
      return sh.opts.flavor === 'bash' ? 1 : 2;
    }
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    sh.exported.add(name);
  }
  return 0;
};

const unset: Builtin = (sh, argv) => {
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    sh.vars.delete(name);
    sh.exported.delete(name);
  }
  return 0;
};

const exit: Builtin = (sh, argv, io, line) => {
  const arg = argv[1];
  if (arg === undefined) throw new ExitRequest(sh.status);
  if (!/^-?\d+$/.test(arg)) {
    if (sh.opts.flavor === 'bash') io.err(`${sh.prefix(line)}exit: ${arg}: numeric argument required\n`);
    else io.err(`${sh.prefix(line)}exit: Illegal number: ${arg}\n`);
    throw new ExitRequest(2);
  }
  throw new ExitRequest(((Number(arg) % 256) + 256) % 256);
};

/** `test` / `[`: file tests, string tests and integer comparisons, with ! -a -o. */
function evaluateTest(sh: Shell, args: string[]): boolean {
  const fs = sh.host.fs;
  const or = args.indexOf('-o');
  if (or > 0) return evaluateTest(sh, args.slice(0, or)) || evaluateTest(sh, args.slice(or + 1));
  const and = args.indexOf('-a');
  if (and > 0 && args.length > 3) return evaluateTest(sh, args.slice(0, and)) && evaluateTest(sh, args.slice(and + 1));
  if (args[0] === '!') return !evaluateTest(sh, args.slice(1));
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args;
    const node = fs.tryLookup(absolute(sh.cwd, v));
    switch (op) {
      case '-z': return v === '';
      case '-n': return v !== '';
      case '-e': return node !== undefined;
      case '-f': return node?.kind === 'file';
      case '-d': return node?.kind === 'dir';
      case '-s': return node !== undefined && node.content.length > 0;
      case '-r': case '-w': return node !== undefined;
      case '-x': return node !== undefined && (node.mode & 0o111) !== 0;
      case '-L': case '-h': return fs.tryLookup(absolute(sh.cwd, v), false)?.kind === 'link';
    }
    return false;
  }
  const [a, op, b] = args;
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '-eq': return x === y;
    case '-ne': return x !== y;
    case '-lt': return x < y;
    case '-le': return x <= y;
    case '-gt': return x > y;
    case '-ge': return x >= y;
  }
  return false;
}

const test: Builtin = (sh, argv, io, line) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      io.err(`${sh.prefix(line)}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  return evaluateTest(sh, args) ? 0 : 1;
};

const BUILTIN_NAMES = ['cd', 'pwd', 'echo', 'printf', 'export', 'unset', 'exit', 'true', 'false', ':', 'test', '[', 'type', 'command', 'set', 'read'];

function describe(sh: Shell, name: string, verbose: boolean): string | undefined {
  if (BUILTIN_NAMES.includes(name)) return verbose ? `${name} is a shell builtin` : name;
  const path = sh.findInPath(name);
  if (!path) return undefined;
  return verbose ? `${name} is ${path}` : path;
}

const type: Builtin = (sh, argv, io, line) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const d = describe(sh, name, true);
    if (d) io.out(`${d}\n`);
    else {
      status = 1;
      if (sh.opts.flavor === 'bash') io.err(`${sh.prefix(line)}type: ${name}: not found\n`);
      else io.out(`${name}: not found\n`);
    }
  }
  return sh.opts.flavor === 'bash' || status === 0 ? status : 127;
};

const command: Builtin = (sh, argv, io, line) => {
  if (argv[1] === '-v' || argv[1] === '-V') {
    let status = 0;
    for (const name of argv.slice(2)) {
      const d = describe(sh, name, argv[1] === '-V');
      if (d) io.out(`${d}\n`);
      else status = 1;
    }
    return status;
  }
  const rest = argv.slice(1);
  if (rest.length === 0) return 0;
  const b = BUILTINS[rest[0]];
  return b ? b(sh, rest, io, line) : sh.exec(rest, io, new Map(), line);
};

const set: Builtin = (sh, argv, io) => {
  if (argv.length === 1) {
    for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) io.out(`${k}=${quoteForShell(v, 'sh')}\n`);
    return 0;
  }
  const dd = argv.indexOf('--');
  if (dd >= 0) sh.positional = argv.slice(dd + 1);
  return 0;
};

/** Bytes a `read` took from a stdin beyond its line, kept for the next `read`. */
const leftovers = new WeakMap<Stdin, string>();

const read: Builtin = async (sh, argv, io) => {
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  let buf = leftovers.get(io.stdin) ?? '';
  while (!buf.includes('\n')) {
    const chunk = await io.stdin.read();
    if (chunk === null) break;
    buf += chunk;
  }
  if (buf === '') return 1;
  const nl = buf.indexOf('\n');
  const lineText = nl >= 0 ? buf.slice(0, nl) : buf;
  leftovers.set(io.stdin, nl >= 0 ? buf.slice(nl + 1) : '');
  const fields = lineText.trim().split(/[ \t]+/);
  if (names.length === 0) names.push('REPLY');
  names.forEach((n, i) => sh.setVar(n, i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
  return nl >= 0 ? 0 : 1;
};

export const BUILTINS: Record<string, Builtin> = {
  echo,
  printf,
  cd,
  pwd,
  export: exportBuiltin,
  unset,
  exit,
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  test,
  '[': test,
  type,
  command,
  set,
  read,
};
