import { describe, expect, test } from 'vitest';
import { execError } from './shell-session';
import { fakeContext, run, sh } from './test-context';

const DEBIAN = 'docker.io/library/nginx:latest';
const BUSYBOX = 'docker.io/library/busybox:1.36';
const ALPINE = 'docker.io/library/alpine:3.20';

interface Case {
  name: string;
  image: string;
  argv: string[];
  stdout?: string | RegExp;
  stderr?: string | RegExp;
  code?: number;
}

const cases: Case[] = [
  // Debian (GNU coreutils, bash, dash as /bin/sh).
  { name: 'hostname', image: DEBIAN, argv: ['hostname'], stdout: 'web-0\n', code: 0 },
  { name: 'hostname -i', image: DEBIAN, argv: ['hostname', '-i'], stdout: '10.244.1.5\n' },
  { name: 'whoami', image: DEBIAN, argv: ['whoami'], stdout: 'root\n' },
  { name: 'id', image: DEBIAN, argv: ['id'], stdout: 'uid=0(root) gid=0(root) groups=0(root)\n' },
  { name: 'pwd', image: DEBIAN, argv: ['pwd'], stdout: '/\n' },
  { name: 'printenv', image: DEBIAN, argv: ['printenv', 'KUBERNETES_SERVICE_HOST'], stdout: '10.96.0.1\n' },
  { name: 'printenv missing', image: DEBIAN, argv: ['printenv', 'NOPE'], stdout: '', code: 1 },
  { name: 'cat /etc/hostname', image: DEBIAN, argv: ['cat', '/etc/hostname'], stdout: 'web-0\n' },
  { name: 'resolv.conf', image: DEBIAN, argv: ['cat', '/etc/resolv.conf'], stdout: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' },
  { name: 'hosts', image: DEBIAN, argv: ['cat', '/etc/hosts'], stdout: /^# Kubernetes-managed hosts file\.\n127\.0\.0\.1\tlocalhost\n[\s\S]*10\.244\.1\.5\tweb-0\n$/ },
  { name: 'os-release', image: DEBIAN, argv: ['cat', '/etc/os-release'], stdout: /^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"\n/ },
  { name: 'nginx index', image: DEBIAN, argv: ['cat', '/usr/share/nginx/html/index.html'], stdout: /<title>Welcome to nginx!<\/title>/ },
  { name: 'token', image: DEBIAN, argv: ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'], stdout: 'default' },
  { name: 'cat missing', image: DEBIAN, argv: ['cat', '/nope'], stderr: 'cat: /nope: No such file or directory\n', code: 1 },
  { name: 'cat dir', image: DEBIAN, argv: ['cat', '/etc'], stderr: 'cat: /etc: Is a directory\n', code: 1 },
  { name: 'ls missing', image: DEBIAN, argv: ['ls', '/nope'], stderr: "ls: cannot access '/nope': No such file or directory\n", code: 2 },
  { name: 'ls dir', image: DEBIAN, argv: ['ls', '/usr/share/nginx/html'], stdout: '50x.html\nindex.html\n' },
  { name: 'ls -l file', image: DEBIAN, argv: ['ls', '-l', '/usr/share/nginx/html/index.html'], stdout: '-rw-r--r-- 1 root root 615 Nov 11  2024 /usr/share/nginx/html/index.html\n' },
  { name: 'ls -l symlink', image: DEBIAN, argv: ['ls', '-ld', '/bin'], stdout: 'lrwxrwxrwx 1 root root 7 Nov 11  2024 /bin -> usr/bin\n' },
  { name: 'ls -la', image: DEBIAN, argv: ['ls', '-la', '/tmp'], stdout: 'total 8\ndrwxrwxrwt  2 root root 4096 Jan  1 10:00 .\ndrwxr-xr-x 18 root root 4096 Jan  1 10:00 ..\n' },
  { name: 'uname -a', image: DEBIAN, argv: ['uname', '-a'], stdout: 'Linux web-0 6.8.0-48-generic #48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024 x86_64 GNU/Linux\n' },
  { name: 'date', image: DEBIAN, argv: ['date'], stdout: 'Thu Jan  1 10:00:00 UTC 2026\n' },
  { name: 'date +fmt', image: DEBIAN, argv: ['date', '+%Y-%m-%d %H:%M'], stdout: '2026-01-01 10:00\n' },
  { name: 'ps aux header', image: DEBIAN, argv: ['ps', 'aux'], stdout: /^USER {9}PID %CPU %MEM {4}VSZ {3}RSS TTY {6}STAT START {3}TIME COMMAND\nroot {11}1 {2}0\.0 {2}0\.0 .*nginx: master process/ },
  { name: 'ps -ef header', image: DEBIAN, argv: ['ps', '-ef'], stdout: /^UID {10}PID {4}PPID {2}C STIME TTY {10}TIME CMD\nroot {11}1 {7}0 {2}0 10:00 \? {8}00:00:00 nginx: master/ },
  { name: 'which', image: DEBIAN, argv: ['which', 'ls'], stdout: '/usr/bin/ls\n' },
  { name: 'which missing', image: DEBIAN, argv: ['which', 'nope'], stdout: '', code: 1 },
  { name: 'echo', image: DEBIAN, argv: ['echo', 'hello', 'world'], stdout: 'hello world\n' },
  { name: 'false', image: DEBIAN, argv: ['false'], code: 1 },
  { name: 'bash not found', image: DEBIAN, argv: ['bash', '-c', 'foo'], stderr: 'bash: line 1: foo: command not found\n', code: 127 },
  { name: 'dash not found', image: DEBIAN, argv: ['sh', '-c', 'foo'], stderr: 'sh: 1: foo: not found\n', code: 127 },
  { name: 'variables', image: DEBIAN, argv: ['sh', '-c', 'echo $HOSTNAME ${KUBERNETES_SERVICE_PORT} "$HOME" \'$HOME\''], stdout: 'web-0 443 /root $HOME\n' },
  { name: 'status', image: DEBIAN, argv: ['sh', '-c', 'false; echo $?; true && echo yes || echo no; false || echo fallback'], stdout: '1\nyes\nfallback\n' },
  { name: 'exit code', image: DEBIAN, argv: ['sh', '-c', 'echo before; exit 3; echo after'], stdout: 'before\n', code: 3 },
  { name: 'redirect', image: DEBIAN, argv: ['sh', '-c', 'echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f; wc -l < /tmp/f'], stdout: 'a\nb\n2\n' },
  { name: 'redirect bad dir', image: DEBIAN, argv: ['bash', '-c', 'echo x > /nope/f'], stderr: 'bash: line 1: /nope/f: No such file or directory\n', code: 1 },
  { name: 'pipes', image: DEBIAN, argv: ['sh', '-c', 'cat /etc/passwd | grep root | wc -l'], stdout: '1\n' },
  { name: 'head/tail', image: DEBIAN, argv: ['sh', '-c', 'cat /etc/hosts | head -2 | tail -n 1'], stdout: '127.0.0.1\tlocalhost\n' },
  { name: 'grep -c -i', image: DEBIAN, argv: ['grep', '-ci', 'NGINX', '/usr/share/nginx/html/index.html'], stdout: '6\n' },
  { name: 'grep no match', image: DEBIAN, argv: ['grep', 'zzz', '/etc/hostname'], stdout: '', code: 1 },
  { name: 'for loop', image: DEBIAN, argv: ['sh', '-c', 'for i in 1 2 3; do echo item $i; done'], stdout: 'item 1\nitem 2\nitem 3\n' },
  { name: 'while loop', image: DEBIAN, argv: ['bash', '-c', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done'], stdout: '1\n2\n3\n' },
  { name: 'if', image: DEBIAN, argv: ['sh', '-c', 'if [ -f /etc/hosts ]; then echo file; else echo none; fi'], stdout: 'file\n' },
  { name: 'command substitution', image: DEBIAN, argv: ['sh', '-c', 'echo "I am $(hostname) on $(cat /etc/hostname)"'], stdout: 'I am web-0 on web-0\n' },
  { name: 'glob', image: DEBIAN, argv: ['sh', '-c', 'echo /etc/nginx/*.conf'], stdout: '/etc/nginx/nginx.conf\n' },
  { name: 'files persist', image: DEBIAN, argv: ['sh', '-c', 'mkdir -p /tmp/a/b && touch /tmp/a/b/c && cp /tmp/a/b/c /tmp/d && mv /tmp/d /tmp/e && ls /tmp /tmp/a/b && rm -r /tmp/a && ls /tmp'], stdout: '/tmp:\na\ne\n\n/tmp/a/b:\nc\ne\n' },
  { name: 'mkdir error', image: DEBIAN, argv: ['mkdir', '/tmp/x/y'], stderr: "mkdir: cannot create directory '/tmp/x/y': No such file or directory\n", code: 1 },
  { name: 'rm error', image: DEBIAN, argv: ['rm', '/nope'], stderr: "rm: cannot remove '/nope': No such file or directory\n", code: 1 },
  { name: 'cd error dash', image: DEBIAN, argv: ['sh', '-c', 'cd /nope'], stderr: "sh: 1: cd: can't cd to /nope\n", code: 2 },
  { name: 'cd and pwd', image: DEBIAN, argv: ['sh', '-c', 'cd /etc/nginx && pwd && cd .. && pwd'], stdout: '/etc/nginx\n/etc\n' },
  { name: 'sh syntax error', image: DEBIAN, argv: ['sh', '-c', 'echo )'], stderr: 'sh: 1: Syntax error: ")" unexpected\n', code: 2 },
  { name: 'wc', image: DEBIAN, argv: ['wc', '/etc/hostname'], stdout: '1 1 6 /etc/hostname\n' },
  { name: 'curl present', image: DEBIAN, argv: ['which', 'curl'], stdout: '/usr/bin/curl\n' },
  { name: 'no wget in nginx', image: DEBIAN, argv: ['bash', '-c', 'wget web'], stderr: 'bash: line 1: wget: command not found\n', code: 127 },
  { name: 'nginx -v', image: DEBIAN, argv: ['nginx', '-v'], stderr: 'nginx version: nginx/1.27.2\n' },

  // BusyBox.
  { name: 'bb ls missing', image: BUSYBOX, argv: ['ls', '/nope'], stderr: 'ls: /nope: No such file or directory\n', code: 1 },
  { name: 'bb cat missing', image: BUSYBOX, argv: ['cat', '/nope'], stderr: "cat: can't open '/nope': No such file or directory\n", code: 1 },
  { name: 'bb not found', image: BUSYBOX, argv: ['sh', '-c', 'foo'], stderr: 'sh: foo: not found\n', code: 127 },
  { name: 'bb ls -l', image: BUSYBOX, argv: ['ls', '-l', '/etc/hostname'], stdout: '-rw-r--r--    1 root     root             6 Jan  1 10:00 /etc/hostname\n' },
  { name: 'bb ps', image: BUSYBOX, argv: ['ps'], stdout: /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 nginx: master/ },
  { name: 'bb which', image: BUSYBOX, argv: ['which', 'wget'], stdout: '/bin/wget\n' },
  { name: 'bb no curl', image: BUSYBOX, argv: ['sh', '-c', 'curl web'], stderr: 'sh: curl: not found\n', code: 127 },
  { name: 'bb no os-release', image: BUSYBOX, argv: ['cat', '/etc/os-release'], stderr: "cat: can't open '/etc/os-release': No such file or directory\n", code: 1 },
  { name: 'bb id', image: BUSYBOX, argv: ['id'], stdout: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' },
  { name: 'bb cd error', image: BUSYBOX, argv: ['sh', '-c', 'cd /nope'], stderr: "sh: cd: can't cd to /nope: No such file or directory\n", code: 1 },
  { name: 'bb rm error', image: BUSYBOX, argv: ['rm', '/nope'], stderr: "rm: can't remove '/nope': No such file or directory\n", code: 1 },

  // Alpine.
  { name: 'alpine release', image: ALPINE, argv: ['cat', '/etc/alpine-release'], stdout: '3.20.3\n' },
  { name: 'alpine ls applet link', image: ALPINE, argv: ['ls', '-l', '/bin/ls'], stdout: /^lrwxrwxrwx +1 root +root +12 .* \/bin\/ls -> \/bin\/busybox\n$/ },
  { name: 'alpine sh', image: ALPINE, argv: ['sh', '-c', 'echo $0; uname -s'], stdout: 'sh\nLinux\n' },
];

describe('commands', () => {
  test.each(cases)('$name', async (c) => {
    const r = await run(fakeContext(c.image), c.argv);
    const check = (got: string, want: string | RegExp | undefined) => {
      if (want === undefined) return;
      if (typeof want === 'string') expect(got).toBe(want);
      else expect(got).toMatch(want);
    };
    check(r.stdout, c.stdout);
    check(r.stderr, c.stderr ?? (c.code ? undefined : ''));
    expect(r.code).toBe(c.code ?? 0);
  });
});

describe('execError', () => {
  const table: [string, string[], string | undefined][] = [
    [DEBIAN, ['bash'], undefined],
    [DEBIAN, ['/bin/sh'], undefined],
    [BUSYBOX, ['sh'], undefined],
    [BUSYBOX, ['bash'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown'],
    [DEBIAN, ['foo'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown'],
    [DEBIAN, ['/bin/foo'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/foo": stat /bin/foo: no such file or directory: unknown'],
    ['registry.k8s.io/etcd:3.5.16-0', ['sh'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown'],
    ['registry.k8s.io/etcd:3.5.16-0', ['etcdctl', 'version'], undefined],
    ['registry.k8s.io/pause:3.10', ['ls'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ls": executable file not found in $PATH: unknown'],
  ];
  test.each(table)('%s %j', (image, argv, want) => {
    expect(execError(fakeContext(image), argv)).toBe(want);
  });

  test('start reports it and exits 126', async () => {
    const r = await run(fakeContext('registry.k8s.io/kube-apiserver:v1.31.0'), ['sh']);
    expect(r.stderr).toContain('exec: "sh": executable file not found in $PATH');
    expect(r.code).toBe(126);
  });

  test('etcdctl version in a distroless image', async () => {
    const r = await run(fakeContext('registry.k8s.io/etcd:3.5.16-0'), ['etcdctl', 'version']);
    expect(r.stdout).toBe('etcdctl version: 3.5.16\nAPI version: 3.5\n');
  });
});

test('files written in one session are not seen by the next', async () => {
  const ctx = fakeContext(DEBIAN);
  await sh(ctx, 'echo hi > /tmp/x');
  const r = await sh(ctx, 'cat /tmp/x');
  expect(r.stderr).toBe('cat: /tmp/x: No such file or directory\n');
});
