import { describe, expect, test } from 'vitest';
import { fakeContext, settle, startSession } from './test-context';

const DEBIAN = 'docker.io/library/nginx:latest';
const BUSYBOX = 'docker.io/library/busybox:1.36';

/** Types keystrokes one by one, letting the shell react between them. */
async function type(session: { input(d: string): void }, keys: string): Promise<void> {
  for (const k of keys) {
    session.input(k);
    await settle();
  }
}

describe('interactive tty shell', () => {
  test('bash prompt, echo, output with CRLF, exit code of exit', async () => {
    const s = startSession(fakeContext(DEBIAN), ['bash'], true);
    await settle();
    expect(s.result.stdout).toBe('root@web-0:/# ');
    await type(s.session, 'hostname\r');
    expect(s.result.stdout).toBe('root@web-0:/# hostname\r\nweb-0\r\nroot@web-0:/# ');
    await type(s.session, 'cd /etc\r');
    expect(s.result.stdout.endsWith('root@web-0:/etc# ')).toBe(true);
    await type(s.session, 'exit 4\r');
    const r = await s.done;
    expect(r.stdout.endsWith('exit 4\r\nexit\r\n')).toBe(true);
    expect(r.code).toBe(4);
  });

  test('backspace edits the line', async () => {
    const s = startSession(fakeContext(DEBIAN), ['bash'], true);
    await settle();
    await type(s.session, 'echo hix\x7f\r');
    expect(s.result.stdout).toBe('root@web-0:/# echo hix\b \b\r\nhi\r\nroot@web-0:/# ');
  });

  test('Ctrl-C cancels the line; Ctrl-D on an empty line ends with the last status', async () => {
    const s = startSession(fakeContext(DEBIAN), ['bash'], true);
    await settle();
    await type(s.session, 'false\r');
    await type(s.session, 'echo never\x03');
    expect(s.result.stdout.endsWith('echo never^C\r\nroot@web-0:/# ')).toBe(true);
    await type(s.session, '\x04');
    const r = await s.done;
    expect(r.code).toBe(130);
    expect(r.stdout.endsWith('root@web-0:/# exit\r\n')).toBe(true);
  });

  test('Ctrl-C interrupts sleep', async () => {
    const ctx = fakeContext(DEBIAN);
    const s = startSession(ctx, ['bash'], true);
    await settle();
    await type(s.session, 'sleep 100; echo after\r');
    expect(ctx.timers.pending).toHaveLength(1);
    await type(s.session, '\x03');
    expect(s.result.stdout.endsWith('sleep 100; echo after\r\n^C\r\nroot@web-0:/# ')).toBe(true);
    await type(s.session, 'echo $?\r');
    expect(s.result.stdout.endsWith('echo $?\r\n130\r\nroot@web-0:/# ')).toBe(true);
  });

  test('sleep waits for the timer', async () => {
    const ctx = fakeContext(DEBIAN);
    const s = startSession(ctx, ['sh', '-c', 'echo start; sleep 2; echo end']);
    s.session.endInput();
    await settle();
    expect(s.result.stdout).toBe('start\n');
    ctx.timers.advance(2000);
    const r = await s.done;
    expect(r.stdout).toBe('start\nend\n');
  });

  test('busybox prompt and not-found message', async () => {
    const s = startSession(fakeContext(BUSYBOX), ['sh'], true);
    await settle();
    expect(s.result.stdout).toBe('/ # ');
    await type(s.session, 'foo\r');
    expect(s.result.stdout).toBe('/ # foo\r\nsh: foo: not found\r\n/ # ');
    await type(s.session, 'cd /tmp\rexit\r');
    const r = await s.done;
    expect(r.stdout.endsWith('/tmp # exit\r\n')).toBe(true);
    expect(r.code).toBe(0);
  });

  test('dash prompt counts lines in its messages', async () => {
    const s = startSession(fakeContext(DEBIAN), ['sh'], true);
    await settle();
    await type(s.session, 'true\rfoo\r');
    expect(s.result.stdout).toBe('# true\r\n# foo\r\nsh: 2: foo: not found\r\n# ');
  });

  test('continuation prompt for an unfinished loop', async () => {
    const s = startSession(fakeContext(DEBIAN), ['bash'], true);
    await settle();
    await type(s.session, 'for i in a b\r');
    expect(s.result.stdout.endsWith('for i in a b\r\n> ')).toBe(true);
    await type(s.session, 'do echo $i; done\r');
    expect(s.result.stdout.endsWith('do echo $i; done\r\na\r\nb\r\nroot@web-0:/# ')).toBe(true);
  });

  test('cat reads typed lines until Ctrl-D', async () => {
    const s = startSession(fakeContext(DEBIAN), ['bash'], true);
    await settle();
    await type(s.session, 'cat\rhello\r\x04');
    expect(s.result.stdout).toBe('root@web-0:/# cat\r\nhello\r\nhello\r\nroot@web-0:/# ');
  });

  test('nested bash inside sh', async () => {
    const s = startSession(fakeContext(DEBIAN), ['sh'], true);
    await settle();
    await type(s.session, 'bash\r');
    expect(s.result.stdout.endsWith('# bash\r\nroot@web-0:/# ')).toBe(true);
    await type(s.session, 'exit\r');
    expect(s.result.stdout.endsWith('root@web-0:/# exit\r\nexit\r\n# ')).toBe(true);
  });
});

describe('shell without a tty', () => {
  test('reads commands from stdin, no prompt, no echo', async () => {
    const s = startSession(fakeContext(DEBIAN), ['bash']);
    s.session.input('echo one\nfoo\n');
    s.session.input('echo two');
    s.session.endInput();
    const r = await s.done;
    expect(r.stdout).toBe('one\ntwo\n');
    expect(r.stderr).toBe('bash: line 2: foo: command not found\n');
    expect(r.code).toBe(0);
  });

  test('cat copies stdin to a file', async () => {
    const s = startSession(fakeContext(DEBIAN), ['sh', '-c', 'cat > /tmp/in; wc -c /tmp/in']);
    s.session.input('abc\n');
    s.session.endInput();
    expect((await s.done).stdout).toBe('4 /tmp/in\n');
  });
});

test('ls prints columns on an 80-column terminal, filling down first', async () => {
  const s = startSession(fakeContext(DEBIAN), ['ls', '/'], true);
  s.session.endInput();
  const r = await s.done;
  expect(r.stdout).toBe(
    'bin   docker-entrypoint.d   home   media  proc  sbin  tmp\r\n' +
      'boot  docker-entrypoint.sh  lib    mnt    root  srv   usr\r\n' +
      'dev   etc                   lib64  opt    run   sys   var\r\n',
  );
});
