/**
 * `ls` in GNU coreutils' and BusyBox's formats: names in columns on a terminal and one per line
 * otherwise, `-l` with aligned columns (GNU) or fixed widths (BusyBox), `total` in 1K blocks,
 * `-a`, `-A`, `-d`, `-1`, `-h`, `-R`-less directory headers for several operands.
 */
import { absolute, sizeOf, type Inode } from './file-system';
import { errnoText, getopt, isBusybox, type Proc } from './program-api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HALF_YEAR_MS = 15_778_476_000;

export function modeString(node: Inode): string {
  const type = { dir: 'd', file: '-', link: 'l', char: 'c' }[node.kind];
  const m = node.mode;
  const bit = (mask: number, ch: string) => (m & mask ? ch : '-');
  let s = type + bit(0o400, 'r') + bit(0o200, 'w') + bit(0o100, 'x') + bit(0o40, 'r') + bit(0o20, 'w') + bit(0o10, 'x') + bit(0o4, 'r') + bit(0o2, 'w') + bit(0o1, 'x');
  if (m & 0o1000) s = s.slice(0, 9) + (m & 0o1 ? 't' : 'T');
  return s;
}

/** `Jun 12 09:15` for recent files, `Jun 12  2023` for older ones, as ls decides. */
export function lsDate(t: number, now: number): string {
  const d = new Date(t);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = now - t < HALF_YEAR_MS && t - now < 3_600_000;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

/** Sizes as `ls -h` / `df -h` print them: 4.0K, 12K, 1.1M. */
export function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v));
  return s + units[u];
}

function blocks(node: Inode): number {
  if (node.kind === 'link' || node.kind === 'char') return 0;
  return Math.ceil(sizeOf(node) / 4096) * 4;
}

/** Names in columns filling down first, as wide as the terminal allows. */
export function columns(names: string[], width: number): string {
  if (names.length === 0) return '';
  for (let cols = Math.min(names.length, Math.floor(width / 3)); cols > 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) widths.push(Math.max(0, ...names.slice(c * rows, (c + 1) * rows).map((n) => n.length)));
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (cols - 1);
    if (total > width) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const name = names[c * rows + r];
        if (name !== undefined) cells.push(name.padEnd(widths[c] + 2));
      }
      out += `${cells.join('').trimEnd()}\n`;
    }
    return out;
  }
  return `${names.join('\n')}\n`;
}

interface Entry {
  name: string;
  node: Inode;
}

export function ls(p: Proc): number {
  const { fs, cwd, profile, ctx } = p.sys;
  const bb = isBusybox(p.sys);
  const opt = getopt(p.argv.slice(1), '', ['all', 'almost-all', 'color', 'human-readable']);
  if (opt.bad) {
    p.err(bb ? `ls: unrecognized option '${opt.bad}'\n` : `ls: unrecognized option '${opt.bad}'\nTry 'ls --help' for more information.\n`);
    return 2;
  }
  const f = opt.flags;
  const long = f.has('l') || f.has('n');
  const all = f.has('a') || opt.long.has('all');
  const almost = f.has('A') || opt.long.has('almost-all');
  const human = f.has('h') || opt.long.has('human-readable');
  const onePerLine = f.has('1') || !p.sys.stdoutTty;
  const now = ctx.now();
  const user = (uid: number) => (uid === 0 ? 'root' : (profile.users.get(uid) ?? String(uid)));

  const formatLong = (entries: Entry[], withTotal: boolean): string => {
    const rows = entries.map(({ name, node }) => {
      const size = node.kind === 'char' ? '1, 3' : human ? humanSize(sizeOf(node)) : String(sizeOf(node));
      const shown = node.kind === 'link' ? `${name} -> ${node.target ?? ''}` : name;
      return { mode: modeString(node), nlink: String(node.nlink), user: f.has('n') ? String(node.uid) : user(node.uid), group: f.has('n') ? String(node.gid) : user(node.gid), size, date: lsDate(node.mtime, now), name: shown };
    });
    const total = entries.reduce((n, e) => n + blocks(e.node), 0);
    let out = withTotal ? `total ${total}\n` : '';
    if (bb) {
      for (const r of rows) out += `${r.mode} ${r.nlink.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}\n`;
      return out;
    }
    const w = (k: 'nlink' | 'user' | 'group' | 'size') => Math.max(...rows.map((r) => r[k].length));
    const [wn, wu, wg, ws] = [w('nlink'), w('user'), w('group'), w('size')];
    for (const r of rows) out += `${r.mode} ${r.nlink.padStart(wn)} ${r.user.padEnd(wu)} ${r.group.padEnd(wg)} ${r.size.padStart(ws)} ${r.date} ${r.name}\n`;
    return out;
  };
  const format = (entries: Entry[], withTotal: boolean): string => {
    if (entries.length === 0) return withTotal && long ? 'total 0\n' : '';
    if (long) return formatLong(entries, withTotal);
    const names = entries.map((e) => e.name);
    return onePerLine ? `${names.join('\n')}\n` : columns(names, p.sys.cols);
  };

  const operands = opt.operands.length > 0 ? opt.operands : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: { label: string; path: string; node: Inode }[] = [];
  for (const arg of operands) {
    const path = absolute(cwd, arg);
    let node: Inode;
    try {
      node = fs.lookup(path, false);
      // Symlinks to directories are followed when given as operands (unless -l/-d).
      if (node.kind === 'link' && (!long || arg.endsWith('/'))) node = fs.lookup(path);
    } catch (e) {
      p.err(bb ? `ls: ${arg}: ${errnoText(e)}\n` : `ls: cannot access '${arg}': ${errnoText(e)}\n`);
      status = bb ? 1 : 2;
      continue;
    }
    if (node.kind === 'dir' && !f.has('d')) dirs.push({ label: arg, path, node });
    else files.push({ name: arg, node });
  }
  const sorted = (xs: Entry[]) => xs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = format(sorted(files), false);
  dirs.sort((a, b) => (a.label < b.label ? -1 : 1));
  dirs.forEach((d, i) => {
    const entries: Entry[] = [];
    for (const [name, node] of d.node.children ?? []) {
      if (name.startsWith('.') && !all && !almost) continue;
      entries.push({ name, node });
    }
    sorted(entries);
    if (all) {
      const parent = d.path === '/' ? d.node : (fs.tryLookup(absolute(d.path, '..')) ?? d.node);
      entries.unshift({ name: '.', node: d.node }, { name: '..', node: parent });
    }
    const header = operands.length > 1 ? `${files.length > 0 || i > 0 ? '\n' : ''}${d.label}:\n` : '';
    out += header + format(entries, true);
  });
  p.out(out);
  return status;
}
