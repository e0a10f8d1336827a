/**
 * Text filters people pipe into: head, tail, wc, grep, plus the standalone echo/printf/true/
 * false/pwd/sleep that `kubectl exec pod -- echo hi` runs without a shell.
 */
import { printfFormat, unescape } from './builtins';
import { absolute } from './file-system';
import { errnoText, getopt, isBusybox, readAll, type Proc, type Program } from './program-api';

/** Reads each operand (or stdin for none / `-`), reporting unreadable ones. */
async function inputs(p: Proc, files: string[], name: string): Promise<{ name: string; text: string }[] | { failed: true; read: { name: string; text: string }[] }> {
  const out: { name: string; text: string }[] = [];
  let failed = false;
  for (const f of files.length > 0 ? files : ['-']) {
    if (f === '-') {
      out.push({ name: f, text: await readAll(p.stdin) });
      continue;
    }
    try {
      out.push({ name: f, text: p.sys.fs.readFile(absolute(p.sys.cwd, f)) });
    } catch (e) {
      const why = errnoText(e);
      if (name === 'grep' || isBusybox(p.sys)) p.err(`${name}: ${f}: ${why}\n`);
      else if (name === 'wc' || name === 'tail' || name === 'head') p.err(`${name}: ${name === 'wc' ? f : `cannot open '${f}' for reading`}: ${why}\n`);
      failed = true;
    }
  }
  return failed ? { failed, read: out } : out;
}

function lines(text: string): string[] {
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

/** `-5` is `-n 5`, as both head and tail accept. */
function countArgs(args: string[]): string[] {
  return args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

function headTail(tail: boolean): Program {
  return async (p) => {
    const name = tail ? 'tail' : 'head';
    const opt = getopt(countArgs(p.argv.slice(1)), 'nc');
    const nArg = opt.values.get('n') ?? '10';
    const fromStart = tail && nArg.startsWith('+');
    const n = Math.abs(Number(nArg.replace('+', '')));
    if (Number.isNaN(n)) {
      p.err(isBusybox(p.sys) ? `${name}: invalid number '${nArg}'\n` : `${name}: invalid number of lines: '${nArg}'\n`);
      return 1;
    }
    const got = await inputs(p, opt.operands, name);
    const read = Array.isArray(got) ? got : got.read;
    read.forEach((f, i) => {
      if (read.length > 1) p.out(`${i > 0 ? '\n' : ''}==> ${f.name === '-' ? 'standard input' : f.name} <==\n`);
      const c = opt.values.get('c');
      if (c !== undefined) {
        p.out(tail ? f.text.slice(-Number(c)) : f.text.slice(0, Number(c)));
        return;
      }
      const ls = lines(f.text);
      const picked = tail ? (fromStart ? ls.slice(Math.max(n - 1, 0)) : ls.slice(Math.max(ls.length - n, 0))) : ls.slice(0, n);
      // Every line keeps its newline, except a last line of the file that had none.
      const includesLast = tail || picked.length === ls.length;
      p.out(picked.join('\n') + (picked.length > 0 && (!includesLast || f.text.endsWith('\n')) ? '\n' : ''));
    });
    if (tail && opt.flags.has('f')) {
      // Follow: nothing more will be written to these files here; wait until Ctrl-C.
      while (!p.sys.interrupted() && (await p.sys.sleep(1000))) {
        /* keep following */
      }
      return 130;
    }
    return Array.isArray(got) ? 0 : 1;
  };
}

const wc: Program = async (p) => {
  const opt = getopt(p.argv.slice(1), '', ['lines', 'words', 'bytes']);
  let want = ['l', 'w', 'c'].filter((f) => opt.flags.has(f) || opt.long.has({ l: 'lines', w: 'words', c: 'bytes' }[f] ?? ''));
  if (opt.flags.has('m')) want.push('c');
  if (want.length === 0) want = ['l', 'w', 'c'];
  const got = await inputs(p, opt.operands, 'wc');
  const read = Array.isArray(got) ? got : got.read;
  const rows = read.map((f) => ({
    name: f.name === '-' ? '' : f.name,
    l: (f.text.match(/\n/g) ?? []).length,
    w: f.text.split(/\s+/).filter((x) => x !== '').length,
    c: new TextEncoder().encode(f.text).length,
  }));
  if (rows.length > 1) rows.push({ name: 'total', l: rows.reduce((a, r) => a + r.l, 0), w: rows.reduce((a, r) => a + r.w, 0), c: rows.reduce((a, r) => a + r.c, 0) });
  const bb = isBusybox(p.sys);
  const fromStdin = opt.operands.length === 0;
  // GNU pads to the widest count (7 for stdin); BusyBox pads every count to 9 unless only one.
  const width = bb ? (want.length === 1 ? 0 : 9) : want.length === 1 && rows.length === 1 ? 0 : fromStdin ? 7 : Math.max(...rows.flatMap((r) => want.map((k) => String(r[k as 'l' | 'w' | 'c']).length)));
  for (const r of rows) {
    const nums = want.map((k) => String(r[k as 'l' | 'w' | 'c']).padStart(width));
    p.out(`${nums.join(' ')}${r.name ? ` ${r.name}` : ''}\n`);
  }
  return Array.isArray(got) ? 0 : 1;
};

/** Basic regular expressions: `\(`, `\|`, `\+` are the operators, `(`, `|`, `+` literal. */
function breToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const ch = re[i];
    if (ch === '\\' && i + 1 < re.length) {
      const n = re[++i];
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else out += '(){}|+?'.includes(ch) ? `\\${ch}` : ch;
  }
  return out;
}

const grep: Program = async (p) => {
  const opt = getopt(p.argv.slice(1), 'emA', ['color']);
  const f = opt.flags;
  const ops = [...opt.operands];
  const pattern = opt.values.get('e') ?? ops.shift();
  if (pattern === undefined) {
    p.err(isBusybox(p.sys) ? `BusyBox v${p.sys.profile.busyboxVersion} multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n` : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  let source = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.has('E') ? pattern : breToJs(pattern);
  if (f.has('w')) source = `\\b(?:${source})\\b`;
  if (f.has('x')) source = `^(?:${source})$`;
  let re: RegExp;
  try {
    re = new RegExp(source, f.has('i') ? 'i' : '');
  } catch {
    p.err(`grep: Unmatched ( or \\(\n`);
    return 2;
  }
  const got = await inputs(p, ops, 'grep');
  const read = Array.isArray(got) ? got : got.read;
  const showName = (ops.length > 1 || f.has('H')) && !f.has('h');
  let matched = false;
  for (const file of read) {
    const label = file.name === '-' ? '(standard input)' : file.name;
    let count = 0;
    lines(file.text).forEach((line, i) => {
      if (re.test(line) === f.has('v')) return;
      count++;
      matched = true;
      if (f.has('q') || f.has('l') || f.has('c')) return;
      const prefix = (showName ? `${label}:` : '') + (f.has('n') ? `${i + 1}:` : '');
      if (f.has('o') && !f.has('v')) {
        for (const m of line.matchAll(new RegExp(re.source, `g${re.flags}`))) if (m[0]) p.out(`${prefix}${m[0]}\n`);
      } else p.out(`${prefix}${line}\n`);
    });
    if (f.has('c')) p.out(`${showName ? `${label}:` : ''}${count}\n`);
    if (f.has('l') && count > 0) p.out(`${label}\n`);
    if (f.has('q') && matched) return 0;
  }
  if (!Array.isArray(got) && !f.has('s')) return 2;
  return matched ? 0 : 1;
};

const echo: Program = (p) => {
  let args = p.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) {
      if (c === 'n') newline = false;
      else escapes = c === 'e';
    }
    args = args.slice(1);
  }
  const u = escapes ? unescape(args.join(' ')) : { text: args.join(' '), stop: false };
  p.out(u.text + (newline && !u.stop ? '\n' : ''));
  return 0;
};

/** `sleep 5`, `sleep 0.5`, `sleep 1m`, `sleep infinity`. */
export function parseDuration(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Number.MAX_SAFE_INTEGER;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000);
}

const sleep: Program = async (p) => {
  const args = p.argv.slice(1);
  if (args.length === 0) {
    p.err(isBusybox(p.sys) ? `BusyBox v${p.sys.profile.busyboxVersion} multi-call binary.\n\nUsage: sleep [N]...\n` : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === undefined) {
      p.err(isBusybox(p.sys) ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += ms;
  }
  return (await p.sys.sleep(total)) ? 0 : 130;
};

export const TEXT_PROGRAMS: Record<string, Program> = {
  head: headTail(false),
  tail: headTail(true),
  wc,
  grep,
  echo,
  sleep,
  printf: (p) => {
    if (p.argv.length < 2) {
      p.err('printf: missing operand\n');
      return 1;
    }
    p.out(printfFormat(p.argv[1], p.argv.slice(2)));
    return 0;
  },
  true: () => 0,
  false: () => 1,
  pwd: (p) => {
    p.out(`${p.sys.cwd}\n`);
    return 0;
  },
};
