import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TERMINAL_PATH, TOKEN_COOKIE, type TerminalClientMessage, type TerminalServerMessage } from '../common/console-api';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { SUMMARY } from './test-fixtures';
import { shellEnvironment } from './terminal';

const TOKEN = 'terminal-test-token-0123456789ab';

let server: ConsoleServer;
let home: string;

beforeAll(async () => {
  // A ~/.bashrc that points elsewhere, as a user's might: the terminal must still win.
  home = await mkdtemp(join(tmpdir(), 'kubedeck-home-'));
  await writeFile(join(home, '.bashrc'), 'export KUBECONFIG=$HOME/.kube/config\nexport PATH=/usr/local/cargo/bin:$PATH\n');
  server = await startConsoleServer({
    target: { summary: { ...SUMMARY }, server: 'https://127.0.0.1:1', kubeconfigPath: '/tmp/kd-test/admin.conf' },
    rendererDir: '/nonexistent',
    token: TOKEN,
    terminal: { extraPath: ['/opt/kubedeck-test/bin'], env: { KUBEDECK_TEST: 'yes', HOME: home, SHELL: '/bin/bash' }, cwd: '/tmp' },
  });
});

afterAll(async () => {
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

interface Term {
  ws: WebSocket;
  output(): string;
  send(msg: TerminalClientMessage): void;
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exit: Promise<number>;
  closed: Promise<void>;
}

function openTerm(query = 'cols=120&rows=40'): Promise<Term> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${TERMINAL_PATH}?${query}`, { headers: { cookie: `${TOKEN_COOKIE}=${TOKEN}` } });
  let out = '';
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((r) => (resolveExit = r));
  const closed = new Promise<void>((r) => ws.on('close', () => r()));
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as TerminalServerMessage;
    if (msg.type === 'output') out += msg.data;
    else resolveExit(msg.exitCode);
  });
  const term: Term = {
    ws,
    output: () => out,
    send: (msg) => ws.send(JSON.stringify(msg)),
    async waitFor(re, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = re.exec(out);
        if (m) return m;
        if (Date.now() > until) throw new Error(`timed out waiting for ${re}; output so far:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    exit,
    closed,
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(term));
    ws.once('error', reject);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('terminal sessions', () => {
  it('runs a command in a shell with KUBECONFIG, TERM and the extra PATH, over what ~/.bashrc sets', async () => {
    const t = await openTerm();
    t.send({ type: 'input', data: 'echo hel""lo; echo "KC=$KUBECONFIG T=$TERM P=${PATH%%:*} X=$KUBEDECK_TEST D=$PWD"\r' });
    await t.waitFor(/hello/);
    await t.waitFor(/KC=\/tmp\/kd-test\/admin\.conf T=xterm-256color P=\/opt\/kubedeck-test\/bin X=yes D=\/tmp/);
    t.send({ type: 'input', data: 'exit 3\r' });
    expect(await t.exit).toBe(3);
    await t.closed;
  });

  it('resizes the pty', async () => {
    const t = await openTerm('cols=100&rows=30');
    t.send({ type: 'input', data: 'stty size\r' });
    await t.waitFor(/^30 100\r?$/m);
    t.send({ type: 'resize', cols: 132, rows: 50 });
    t.send({ type: 'input', data: 'stty size\r' });
    await t.waitFor(/^50 132\r?$/m);
    t.ws.close();
    await t.closed;
  });

  it('kills the shell when the socket closes, with several sessions at once', async () => {
    const [a, b] = await Promise.all([openTerm(), openTerm()]);
    a.send({ type: 'input', data: 'echo "PID=$$"\r' });
    b.send({ type: 'input', data: 'echo "PID=$$"\r' });
    const pidA = Number((await a.waitFor(/PID=(\d+)/))[1]);
    const pidB = Number((await b.waitFor(/PID=(\d+)/))[1]);
    expect(pidA).not.toBe(pidB);
    expect(alive(pidA)).toBe(true);
    a.ws.close();
    await a.closed;
    const until = Date.now() + 5000;
    while (alive(pidA) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pidA)).toBe(false);
    // The other session is untouched.
    b.send({ type: 'input', data: 'echo still-$((40+2))\r' });
    await b.waitFor(/still-42/);
    expect(alive(pidB)).toBe(true);
    b.ws.close();
    await b.closed;
  });

  it('ignores malformed messages', async () => {
    const t = await openTerm('cols=abc&rows=-5');
    t.ws.send('not json');
    t.ws.send(JSON.stringify({ type: 'resize', cols: 'x' }));
    t.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    t.send({ type: 'input', data: 'stty size; echo ok-$((1+1))\r' });
    await t.waitFor(/ok-2/);
    expect(t.output()).toMatch(/^24 80\r?$/m);
    t.ws.close();
    await t.closed;
  });
});

describe('shellEnvironment', () => {
  it('keeps the console secret out of the shell and prepends extra folders to PATH', () => {
    const env = shellEnvironment(
      { kubeconfigPath: '/k/admin.conf', extraPath: ['/a', '/b'], env: { FOO: 'bar' } },
      { PATH: '/usr/bin', HOME: '/root', KUBEDECK_CONSOLE_URL: 'http://127.0.0.1:1/?token=secret', KUBECONFIG: '/old' },
    );
    expect(env).toEqual({
      PATH: '/a:/b:/usr/bin',
      HOME: '/root',
      KUBECONFIG: '/k/admin.conf',
      FOO: 'bar',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
    });
  });
});
