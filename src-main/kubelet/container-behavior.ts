/**
 * What a simulated container does, read from its image and command: servers run until stopped;
 * shell scripts print their `echo`s, `sleep`, and `exit` with a code; `while true` loops run
 * forever and log as they go. Plain OS images with no command exit at once (as `sh` with no
 * terminal does), which under restartPolicy Always ends in CrashLoopBackOff, as on a real node.
 */

export interface LogLine {
  /** Milliseconds after the container started. */
  at: number;
  text: string;
}

export interface Behavior {
  /** Exit after this many ms with this code; undefined: runs until stopped. */
  exit?: { afterMs: number; code: number };
  /** Lines written at start-up and along the way (a loop repeats `repeat` every `periodMs`). */
  logs: LogLine[];
  repeat?: { periodMs: number; lines: string[] };
  /** PID 1 is a shell or sleep that ignores SIGTERM, so stopping takes the whole grace period. */
  ignoresSigterm: boolean;
}

const OS_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'bash', 'amazonlinux', 'rockylinux', 'almalinux', 'archlinux']);

/** Commands that finish at once (their output is not modelled). */
const SHORT_COMMANDS = new Set([
  'echo', 'sleep', 'exit', 'true', 'false', 'date', 'ls', 'cat', 'env', 'printenv', 'hostname', 'whoami', 'pwd', 'touch',
  'mkdir', 'rm', 'cp', 'mv', 'test', '[', 'export', 'cd', 'uname', 'id', 'ps', 'df', 'free', 'uptime',
]);

const PI =
  '3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196';

function repository(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const nameTag = noDigest.slice(lastSlash + 1);
  return nameTag.split(':')[0];
}

function serverLogs(repo: string): string[] {
  switch (repo) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ];
    case 'redis':
      return ['1:C * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:M * Ready to accept connections tcp'];
    case 'httpd':
      return ['AH00558: httpd: Could not reliably determine the server\'s fully qualified domain name', 'AH00094: Command line: \'httpd -D FOREGROUND\''];
    case 'hello-world':
      return ['', 'Hello from Docker!', 'This message shows that your installation appears to be working correctly.'];
    default:
      return [];
  }
}

/** Splits a shell script into simple commands (`;`, `&&`, newlines), keeping quoted text together. */
function commands(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = '';
      cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
      continue;
    }
    if (ch === ';' || ch === '\n' || (ch === '&' && script[i + 1] === '&')) {
      if (ch === '&') i++;
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out.filter((c) => c !== '');
}

function unquote(s: string): string {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

function sleepMs(arg: string): number {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Number(m[1]) * unit;
}

/** Runs a straight-line script: echo, sleep, exit, true/false, date; `while true; do ...; done` loops forever. */
function interpret(script: string, startedAt: () => string): Behavior {
  const loop = /while\s+(?:true|:)\s*;?\s*do\s+([\s\S]*?)\s*;?\s*done/.exec(script);
  if (loop) {
    const before = interpret(script.slice(0, loop.index), startedAt);
    const body = commands(loop[1]);
    const lines: string[] = [];
    let period = 0;
    for (const c of body) {
      const [cmd, ...rest] = c.split(/\s+/);
      if (cmd === 'echo') lines.push(unquote(rest.join(' ')));
      else if (cmd === 'date') lines.push('__DATE__');
      else if (cmd === 'sleep') period += sleepMs(rest[0] ?? '');
    }
    return { logs: before.logs, repeat: { periodMs: Math.max(period, 1000), lines }, ignoresSigterm: true };
  }
  const logs: LogLine[] = [];
  let t = 0;
  for (const c of commands(script)) {
    const [cmd, ...rest] = c.split(/\s+/);
    if (cmd === 'echo') logs.push({ at: t, text: unquote(rest.join(' ')) });
    else if (cmd === 'date') logs.push({ at: t, text: startedAt() });
    else if (cmd === 'sleep') t += sleepMs(rest[0] ?? '');
    else if (cmd === 'exit') return { exit: { afterMs: t, code: Number(rest[0] ?? 0) || 0 }, logs, ignoresSigterm: true };
    else if (cmd === 'false') return { exit: { afterMs: t, code: 1 }, logs, ignoresSigterm: true };
    else if (cmd === 'perl' && /print\s+bpi\(/.test(c)) {
      // The Job example that prints pi: it computes for a few seconds, prints, exits 0.
      t += 5000;
      logs.push({ at: t, text: PI });
    } else if (!SHORT_COMMANDS.has(cmd) && !cmd.includes('=')) {
      // A program we do not model (a server, an app): it runs until stopped.
      return { logs, ignoresSigterm: false };
    }
    if (t === Infinity) return { logs, ignoresSigterm: true };
  }
  return { exit: { afterMs: t, code: 0 }, logs, ignoresSigterm: true };
}

export function behaviorOf(container: { image?: string; command?: string[]; args?: string[] }, startedAt: () => string): Behavior {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const repo = repository(container.image ?? '');
  if (argv.length === 0) {
    if (OS_IMAGES.has(repo)) return { exit: { afterMs: 0, code: 0 }, logs: [], ignoresSigterm: true };
    if (repo === 'hello-world') return { exit: { afterMs: 0, code: 0 }, logs: serverLogs(repo).map((text) => ({ at: 0, text })), ignoresSigterm: false };
    return { logs: serverLogs(repo).map((text) => ({ at: 0, text })), ignoresSigterm: false };
  }
  const shell = ['sh', '/bin/sh', 'bash', '/bin/bash', 'ash'].includes(argv[0]);
  if (shell) {
    const c = argv.indexOf('-c');
    return interpret(c >= 0 ? argv.slice(c + 1).join(' ') : '', startedAt);
  }
  return interpret(argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' '), startedAt);
}
