/**
 * Programs that describe the container and its node: env, printenv, hostname, whoami, id,
 * uname, date, uptime, ps, df, free, which, nproc. Numbers that a real node would measure are
 * made up, but stable (derived from the pod and node names), so listings repeat exactly.
 */
import { getopt, isBusybox, type Proc, type Program } from './program-api';
import { stableHash } from './stable-hash';
import { KERNEL } from './static-files';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** strftime for the conversions people use with `date +...` (UTC, as containers default to). */
export function strftime(format: string, t: number): string {
  const d = new Date(t);
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad2(d.getUTCFullYear() % 100);
      case 'm': return pad2(d.getUTCMonth() + 1);
      case 'd': return pad2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return pad2(d.getUTCHours());
      case 'M': return pad2(d.getUTCMinutes());
      case 'S': return pad2(d.getUTCSeconds());
      case 'N': return `${String(d.getUTCMilliseconds()).padStart(3, '0')}000000`;
      case 's': return String(Math.floor(t / 1000));
      case 'a': return DAYS[d.getUTCDay()];
      case 'A': return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'B': return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getUTCMonth()];
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
      case 'D': return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${pad2(d.getUTCFullYear() % 100)}`;
      case 'j': return String(Math.floor((t - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0');
      case 'u': return String(d.getUTCDay() || 7);
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return m;
    }
  });
}

const date: Program = (p) => {
  const fmt = p.argv.slice(1).find((a) => a.startsWith('+'));
  const bad = p.argv.slice(1).find((a) => !a.startsWith('+') && !['-u', '--utc', '-R', '-I', '--iso-8601'].includes(a));
  if (bad) {
    p.err(isBusybox(p.sys) ? `date: invalid date '${bad}'\n` : `date: invalid date '${bad}'\n`);
    return 1;
  }
  const now = p.sys.ctx.now();
  if (p.argv.includes('-R')) p.out(`${strftime('%a, %d %b %Y %T +0000', now)}\n`);
  else if (p.argv.includes('-I') || p.argv.includes('--iso-8601')) p.out(`${strftime('%F', now)}\n`);
  else p.out(`${strftime(fmt ? fmt.slice(1) : '%a %b %e %T %Z %Y', now)}\n`);
  return 0;
};

const env: Program = (p) => {
  const extra = p.argv.slice(1).filter((a) => a !== '-i');
  const vars = p.argv.includes('-i') ? new Map<string, string>() : new Map(p.sys.env);
  for (const a of extra) {
    const eq = a.indexOf('=');
    if (eq <= 0) {
      p.err(`env: '${a}': running a command through env is not simulated; run it directly\n`);
      return 126;
    }
    vars.set(a.slice(0, eq), a.slice(eq + 1));
  }
  for (const [k, v] of vars) p.out(`${k}=${v}\n`);
  return 0;
};

const printenv: Program = (p) => {
  const names = p.argv.slice(1);
  if (names.length === 0) {
    for (const [k, v] of p.sys.env) p.out(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = p.sys.env.get(n);
    if (v === undefined) status = 1;
    else p.out(`${v}\n`);
  }
  return status;
};

const hostname: Program = (p) => {
  const { ctx } = p.sys;
  const a = p.argv[1];
  if (a === '-i' || a === '-I' || a === '--ip-address' || a === '--all-ip-addresses') p.out(`${ctx.podIP}${a === '-I' ? ' ' : ''}\n`);
  else if (a === '-d' || a === '--domain') p.out('\n');
  else if (a !== undefined && !a.startsWith('-')) {
    p.err(isBusybox(p.sys) ? 'hostname: sethostname: Operation not permitted\n' : 'hostname: you must be root to change the host name\n');
    return 1;
  } else p.out(`${ctx.podName}\n`);
  return 0;
};

function groups(p: Proc): string {
  if (p.sys.profile.family === 'alpine') return '0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)';
  if (p.sys.profile.family === 'busybox') return '0(root),10(wheel)';
  return '0(root)';
}

const id: Program = (p) => {
  const opt = getopt(p.argv.slice(1));
  const f = opt.flags;
  if (f.has('u') || f.has('g')) p.out(f.has('n') ? 'root\n' : '0\n');
  else if (f.has('G')) p.out(f.has('n') ? `${groups(p).replace(/\d+\(|\)/g, '').split(',').join(' ')}\n` : `${groups(p).replace(/\([^)]*\)/g, '').split(',').join(' ')}\n`);
  else p.out(`uid=0(root) gid=0(root) groups=${groups(p)}\n`);
  return 0;
};

const uname: Program = (p) => {
  const opt = getopt(p.argv.slice(1), '', ['all', 'kernel-name', 'nodename', 'kernel-release', 'machine']);
  const f = opt.flags;
  const all = f.has('a') || opt.long.has('all');
  const parts: string[] = [];
  if (all || f.has('s') || opt.long.has('kernel-name') || f.size === 0 && opt.long.size === 0) parts.push('Linux');
  if (all || f.has('n') || opt.long.has('nodename')) parts.push(p.sys.ctx.podName);
  if (all || f.has('r') || opt.long.has('kernel-release')) parts.push(KERNEL.release);
  if (all || f.has('v')) parts.push(KERNEL.version);
  if (all || f.has('m') || opt.long.has('machine')) parts.push(KERNEL.machine);
  if (!all && (f.has('p') || f.has('i'))) parts.push(isBusybox(p.sys) ? 'unknown' : 'x86_64');
  if (all || f.has('o')) parts.push('GNU/Linux');
  p.out(`${parts.join(' ')}\n`);
  return 0;
};

const LOADS = ['0.08, 0.12, 0.10', '0.31, 0.22, 0.18', '0.04, 0.09, 0.08', '0.52, 0.40, 0.33'];

const uptime: Program = (p) => {
  const now = p.sys.ctx.now();
  const up = Math.max(0, Math.floor((now - p.sys.bootTime) / 60_000));
  const days = Math.floor(up / 1440);
  const h = Math.floor((up % 1440) / 60);
  const m = up % 60;
  const clock = strftime('%T', now);
  const since = `${days > 0 ? `${days} day${days > 1 ? 's' : ''}, ` : ''}${h > 0 ? `${String(h).padStart(2)}:${pad2(m)}` : `${m} min`}`;
  const load = LOADS[stableHash(p.sys.ctx.nodeName) % LOADS.length];
  if (p.argv[1] === '-p') p.out(`up ${days > 0 ? `${days} day${days > 1 ? 's' : ''}, ` : ''}${h > 0 ? `${h} hour${h > 1 ? 's' : ''}, ` : ''}${m} minute${m === 1 ? '' : 's'}\n`);
  else if (isBusybox(p.sys)) p.out(` ${clock} up ${since},  load average: ${load}\n`);
  else p.out(` ${clock} up ${since},  0 users,  load average: ${load}\n`);
  return 0;
};

interface Row {
  pid: number;
  user: string;
  command: string;
  tty: string;
}

function processRows(p: Proc): Row[] {
  const rows: Row[] = p.sys.ctx.processes.map((x) => ({ ...x, tty: '?' }));
  for (const x of p.sys.extraProcesses) if (!rows.some((r) => r.pid === x.pid)) rows.push(x);
  return rows.sort((a, b) => a.pid - b.pid);
}

const ps: Program = (p) => {
  const rows = processRows(p);
  const nowHm = strftime('%H:%M', p.sys.ctx.now());
  if (isBusybox(p.sys)) {
    p.out('PID   USER     TIME  COMMAND\n');
    for (const r of rows) p.out(`${String(r.pid).padStart(5)} ${r.user.padEnd(8)} ${'0:00'.padStart(5)} ${r.command}\n`);
    return 0;
  }
  const args = p.argv.slice(1).join(' ');
  const comm = (c: string) => (c.split(' ')[0].split('/').pop() ?? c).replace(/:$/, '').slice(0, 15);
  const stat = (r: Row) => (r.pid === p.sys.pid ? (r.tty === '?' ? 'R' : 'R+') : r.pid === 1 || r.tty !== '?' ? 'Ss' : 'S');
  const mem = (r: Row) => {
    const h = stableHash(r.command + r.pid);
    return { vsz: 2500 + (h % 12000), rss: 1200 + (h % 6000) };
  };
  if (/(^|\s)-?a?ux?\b|(^|\s)-?aux/.test(args) || /^(u|-u|aux|-aux|axu)$/.test(args)) {
    p.out('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
    for (const r of rows) {
      const { vsz, rss } = mem(r);
      p.out(`${r.user.padEnd(8)} ${String(r.pid).padStart(7)} ${'0.0'.padStart(4)} ${'0.0'.padStart(4)} ${String(vsz).padStart(6)} ${String(rss).padStart(5)} ${r.tty.padEnd(8)} ${stat(r).padEnd(4)} ${nowHm.padEnd(5)} ${'0:00'.padStart(6)} ${r.command}\n`);
    }
    return 0;
  }
  if (/-\w*f/.test(args)) {
    p.out('UID          PID    PPID  C STIME TTY          TIME CMD\n');
    for (const r of rows) {
      const ppid = r.pid === 1 ? 0 : r.pid === p.sys.pid ? (p.sys.extraProcesses[p.sys.extraProcesses.length - 2]?.pid ?? 0) : r.tty === '?' ? 1 : 0;
      p.out(`${r.user.padEnd(8)} ${String(r.pid).padStart(7)} ${String(ppid).padStart(7)} ${'0'.padStart(2)} ${nowHm.padEnd(5)} ${r.tty.padEnd(8)} ${'00:00:00'.padStart(8)} ${r.command}\n`);
    }
    return 0;
  }
  // Plain `ps`: the processes on ps's own terminal (all of them when there is none); -e / -A: all.
  const self = rows.find((r) => r.pid === p.sys.pid);
  const shown = /-\w*[eA]/.test(args) || !self || self.tty === '?' ? rows : rows.filter((r) => r.tty === self.tty);
  p.out('    PID TTY          TIME CMD\n');
  for (const r of shown) p.out(`${String(r.pid).padStart(7)} ${r.tty.padEnd(8)} ${'00:00:00'.padStart(8)} ${comm(r.command)}\n`);
  return 0;
};

/** The mounts `df` lists, with sizes in 1K blocks. */
function mounts(p: Proc): { fs: string; size: number; used: number; mount: string }[] {
  const disk = { size: 61_202_244, used: 22_914_560 };
  const list = [
    { fs: 'overlay', ...disk, mount: '/' },
    { fs: 'tmpfs', size: 65_536, used: 0, mount: '/dev' },
    { fs: 'shm', size: 65_536, used: 0, mount: '/dev/shm' },
    { fs: '/dev/sda1', ...disk, mount: '/etc/hosts' },
  ];
  if (p.sys.ctx.serviceAccount) list.push({ fs: 'tmpfs', size: 8_024_996, used: 12, mount: '/run/secrets/kubernetes.io/serviceaccount' });
  list.push({ fs: 'tmpfs', size: 4_064_324, used: 0, mount: '/proc/acpi' }, { fs: 'tmpfs', size: 4_064_324, used: 0, mount: '/proc/scsi' }, { fs: 'tmpfs', size: 4_064_324, used: 0, mount: '/sys/firmware' });
  return list;
}

/** df -h style: 1 decimal under 10, whole numbers above (GNU); always 1 decimal (BusyBox). */
function dfHuman(kb: number, bb: boolean): string {
  if (kb === 0) return bb ? '0' : '0';
  const units = ['K', 'M', 'G', 'T'];
  let v = kb;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (bb) return `${v.toFixed(1)}${units[u]}`;
  return `${v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : Math.ceil(v)}${units[u]}`;
}

const df: Program = (p) => {
  const human = p.argv.slice(1).some((a) => /^-\w*h/.test(a));
  const bb = isBusybox(p.sys);
  const rows = mounts(p).map((m) => {
    const avail = Math.max(0, m.size - m.used - (m.fs === 'overlay' || m.fs === '/dev/sda1' ? 3_131_000 : 0));
    const pct = m.size === 0 ? 0 : Math.ceil((m.used * 100) / (m.used + avail));
    const f = (n: number) => (human ? dfHuman(n, bb) : String(n));
    return [m.fs, f(m.size), f(m.used), f(avail), `${pct}%`, m.mount];
  });
  if (bb) {
    p.out(`${'Filesystem'.padEnd(20)} ${(human ? 'Size' : '1K-blocks').padStart(9)} ${'Used'.padStart(9)} ${'Available'.padStart(9)} Use% Mounted on\n`);
    for (const r of rows) p.out(`${r[0].padEnd(20)} ${r[1].padStart(9)} ${r[2].padStart(9)} ${r[3].padStart(9)} ${r[4].padStart(4)} ${r[5]}\n`);
    return 0;
  }
  const header = ['Filesystem', human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  // GNU widens the first column to at least 14 and right-aligns the numbers.
  w[0] = Math.max(w[0], 14);
  for (const r of all) p.out(`${r[0].padEnd(w[0])} ${r[1].padStart(w[1])} ${r[2].padStart(w[2])} ${r[3].padStart(w[3])} ${r[4].padStart(w[4])} ${r[5]}\n`);
  return 0;
};

const free: Program = (p) => {
  const human = p.argv.includes('-h');
  const mem = [8_128_652, 2_281_464, 3_187_620, 10_448, 2_932_040, 5_847_188];
  const fmt = (kb: number) => {
    if (!human) return String(kb);
    if (kb === 0) return '0B';
    const units = ['Ki', 'Mi', 'Gi'];
    let v = kb;
    let u = 0;
    while (v >= 1024 && u < 2) {
      v /= 1024;
      u++;
    }
    return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
  };
  const bb = isBusybox(p.sys);
  const [lw, cw] = bb ? [7, 12] : [8, 12];
  const cols = ['total', 'used', 'free', 'shared', 'buff/cache', 'available'];
  p.out(`${''.padEnd(lw)}${cols.map((c) => c.padStart(cw)).join('')}\n`);
  p.out(`${'Mem:'.padEnd(lw)}${mem.map((n) => fmt(n).padStart(cw)).join('')}\n`);
  p.out(`${'Swap:'.padEnd(lw)}${[0, 0, 0].map((n) => fmt(n).padStart(cw)).join('')}\n`);
  return 0;
};

const which: Program = (p) => {
  const all = p.argv.includes('-a');
  let status = 0;
  for (const name of p.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const found = p.sys.findInPath(name);
    if (found) p.out(`${found}\n`);
    else status = 1;
    void all;
  }
  return p.argv.length < 2 ? 1 : status;
};

export const SYSTEM_PROGRAMS: Record<string, Program> = {
  date,
  env,
  printenv,
  hostname,
  whoami: (p) => {
    p.out('root\n');
    return 0;
  },
  id,
  uname,
  uptime,
  ps,
  df,
  free,
  which,
  nproc: (p) => {
    p.out('4\n');
    return 0;
  },
};
