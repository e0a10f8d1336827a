import { describe, expect, test } from 'vitest';
import { fakeContext, run } from './test-context';

const DEBIAN = 'docker.io/library/nginx:latest';
const BUSYBOX = 'docker.io/library/busybox:1.36';
const DNSUTILS = 'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3';

interface Case {
  name: string;
  image: string;
  argv: string[];
  stdout: string;
  stderr: string;
  code: number;
}

const PROGRESS =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
  '100     6  100     6    0     0  6000      0 --:--:-- --:--:-- --:--:--  6000\n';

const cases: Case[] = [
  { name: 'busybox nslookup', image: BUSYBOX, argv: ['nslookup', 'web'], stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n', stderr: '', code: 0 },
  { name: 'busybox nslookup NXDOMAIN', image: BUSYBOX, argv: ['nslookup', 'nope'], stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n", stderr: '', code: 1 },
  { name: 'busybox 1.28 nslookup', image: 'busybox:1.28', argv: ['nslookup', 'kubernetes.default'], stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n', stderr: '', code: 0 },
  { name: 'busybox 1.28 nslookup fails', image: 'busybox:1.28', argv: ['nslookup', 'nope'], stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n', stderr: "nslookup: can't resolve 'nope'\n", code: 1 },
  { name: 'bind nslookup', image: DNSUTILS, argv: ['nslookup', 'kubernetes.default'], stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n', stderr: '', code: 0 },
  { name: 'bind nslookup NXDOMAIN', image: DNSUTILS, argv: ['nslookup', 'nope'], stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n", stderr: '', code: 1 },
  { name: 'wget -qO-', image: BUSYBOX, argv: ['wget', '-qO-', 'web'], stdout: 'hello\n', stderr: '', code: 0 },
  { name: 'wget -O-', image: BUSYBOX, argv: ['wget', '-O-', 'http://web'], stdout: 'hello\n', stderr: `Connecting to web (10.96.12.34:80)\nwriting to stdout\n-                    100% |${'*'.repeat(32)}|     6  0:00:00 ETA\nwritten to stdout\n`, code: 0 },
  { name: 'wget bad address', image: BUSYBOX, argv: ['wget', '-qO-', 'nope'], stdout: '', stderr: "wget: bad address 'nope'\n", code: 1 },
  { name: 'wget refused', image: BUSYBOX, argv: ['wget', '-O-', 'down'], stdout: '', stderr: "Connecting to down (10.96.7.7:80)\nwget: can't connect to remote host (10.96.7.7): Connection refused\n", code: 1 },
  { name: 'wget timeout', image: BUSYBOX, argv: ['wget', '-qO-', 'slow'], stdout: '', stderr: 'wget: download timed out\n', code: 1 },
  { name: 'wget 404', image: BUSYBOX, argv: ['wget', '-qO-', 'web/missing'], stdout: '', stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n', code: 1 },
  { name: 'curl', image: DEBIAN, argv: ['curl', 'web'], stdout: 'hello\n', stderr: PROGRESS, code: 0 },
  { name: 'curl -s', image: DEBIAN, argv: ['curl', '-s', 'http://web.default.svc.cluster.local/'], stdout: 'hello\n', stderr: '', code: 0 },
  { name: 'curl -I', image: DEBIAN, argv: ['curl', '-sI', 'web'], stdout: 'HTTP/1.1 200 OK\r\nServer: nginx/1.27.2\r\nContent-Type: text/html\r\nContent-Length: 6\r\n\r\n', stderr: '', code: 0 },
  { name: 'curl no host', image: DEBIAN, argv: ['curl', 'nope'], stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n', code: 6 },
  { name: 'curl -s hides errors', image: DEBIAN, argv: ['curl', '-s', 'nope'], stdout: '', stderr: '', code: 6 },
  { name: 'curl refused', image: DEBIAN, argv: ['curl', '-sS', 'down'], stdout: '', stderr: "curl: (7) Failed to connect to down port 80 after 0 ms: Couldn't connect to server\n", code: 7 },
  { name: 'curl -f', image: DEBIAN, argv: ['curl', '-sSf', 'web/missing'], stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', code: 22 },
  { name: 'curl -w', image: DEBIAN, argv: ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'web'], stdout: '200', stderr: '', code: 0 },
  { name: 'curl to pod IP', image: DEBIAN, argv: ['curl', '-s', '10.96.12.34'], stdout: 'hello\n', stderr: '', code: 0 },
  {
    name: 'curl -v',
    image: DEBIAN,
    argv: ['curl', '-v', 'web'],
    stdout: 'hello\n',
    stderr: '*   Trying 10.96.12.34:80...\n* Connected to web (10.96.12.34) port 80 (#0)\n> GET / HTTP/1.1\n> Host: web\n> User-Agent: curl/7.88.1\n> Accept: */*\n> \n< HTTP/1.1 200 OK\n< Server: nginx/1.27.2\n< Content-Type: text/html\n< Content-Length: 6\n< \n* Connection #0 to host web left intact\n',
    code: 0,
  },
];

describe('network clients', () => {
  test.each(cases)('$name', async (c) => {
    const r = await run(fakeContext(c.image), c.argv);
    expect(r.stdout).toBe(c.stdout);
    expect(r.stderr).toBe(c.stderr);
    expect(r.code).toBe(c.code);
  });

  test('wget saves index.html and refuses to overwrite it', async () => {
    const r = await run(fakeContext(BUSYBOX), ['sh', '-c', 'cd /tmp && wget -q web && cat index.html && wget -q web']);
    expect(r.stdout).toBe('hello\n');
    expect(r.stderr).toBe("wget: can't open 'index.html': File exists\n");
    expect(r.code).toBe(1);
  });
});
