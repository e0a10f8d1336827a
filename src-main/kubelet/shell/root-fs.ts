/**
 * Builds the filesystem a container sees: the image's tree (by family), the files the kubelet
 * mounts (/etc/hosts, /etc/hostname, /etc/resolv.conf, the service account token) and a /proc
 * made from the process list.
 */
import { FileSystem, type Inode } from './file-system';
import type { ImageProfile } from './image-profile';
import type { ShellContext } from './shell-session';
import {
  ALPINE_PASSWD, BUSYBOX_PASSWD, DEBIAN_OS_RELEASE, DEBIAN_PASSWD, GROUP, HTTPD_INDEX, KERNEL, NGINX_50X, NGINX_CONF,
  NGINX_DEFAULT_CONF, NGINX_INDEX, alpineOsRelease,
} from './static-files';

/** Sizes `ls -l` shows for binaries whose bytes we do not hold. */
const BINARY_SIZE: Record<string, number> = {
  bash: 1265648, dash: 125640, busybox: 1131168, curl: 301400, nginx: 1561864, ls: 151344, cat: 44016, etcd: 23793816,
  etcdctl: 18231448, pause: 742216, coredns: 57724928,
};

function binarySize(name: string): number {
  if (BINARY_SIZE[name]) return BINARY_SIZE[name];
  // Anything else: a stable made-up size in the range of small coreutils.
  let h = 7;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 90001;
  return 30000 + h;
}

/** The serviceaccount volume's timestamped directory name, as the atomic writer names it. */
function atomicDirName(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.${String(t % 1000).padStart(3, '0')}417035`;
}

export function hostsFile(ctx: ShellContext): string {
  return [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    `${ctx.podIP}\t${ctx.podName}`,
    '',
  ].join('\n');
}

export function resolvConf(ctx: ShellContext): string {
  return `search ${ctx.resolv.search.join(' ')}\nnameserver ${ctx.resolv.nameserver}\noptions ndots:5\n`;
}

export function buildRootFs(ctx: ShellContext, profile: ImageProfile): FileSystem {
  const startedAt = ctx.now();
  let time = profile.builtAt;
  const fs = new FileSystem(() => time);
  const dir = (path: string, mode = 0o755, uid = 0) => {
    fs.mkdir(path, true);
    const node = fs.lookup(path);
    node.mode = mode;
    node.uid = uid;
    node.gid = uid;
  };
  const file = (path: string, content: string, mode = 0o644, uid = 0): Inode => {
    fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', true);
    fs.writeFile(path, content, false, mode);
    const node = fs.lookup(path);
    node.uid = uid;
    node.gid = uid;
    return node;
  };
  const link = (target: string, path: string) => {
    fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', true);
    fs.symlink(target, path);
  };
  const device = (path: string, mode = 0o666) => {
    const { dir: parent, name } = fs.parentOf(path);
    fs.attach(parent, name, fs.newNode('char', mode, startedAt));
  };

  // The image's tree.
  const family = profile.family;
  if (family === 'debian') {
    for (const d of ['/usr/bin', '/usr/sbin', '/usr/lib', '/usr/lib64', '/usr/local/bin', '/usr/local/sbin', '/usr/share', '/boot', '/home', '/media', '/mnt', '/opt', '/srv', '/var/cache', '/var/lib', '/var/log', '/var/tmp', '/var/mail', '/etc/apt']) dir(d);
    dir('/root', 0o700);
    for (const [t, p] of [['usr/bin', '/bin'], ['usr/sbin', '/sbin'], ['usr/lib', '/lib'], ['usr/lib64', '/lib64']]) link(t, p);
    file('/usr/lib/os-release', DEBIAN_OS_RELEASE);
    link('../usr/lib/os-release', '/etc/os-release');
    file('/etc/debian_version', '12.8\n');
    file('/etc/passwd', DEBIAN_PASSWD + (profile.repo === 'nginx' ? 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n' : ''));
    file('/etc/group', GROUP);
    file('/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n');
    file('/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# export LS_OPTIONS=\'--color=auto\'\n');
    file('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n');
  } else if (family === 'busybox') {
    for (const d of ['/bin', '/lib', '/lib64', '/usr/sbin', '/var/spool/mail', '/var/www']) dir(d);
    dir('/home', 0o755, 65534);
    dir('/root', 0o700);
    file('/etc/passwd', BUSYBOX_PASSWD);
    file('/etc/group', GROUP);
  } else if (family === 'alpine') {
    for (const d of ['/bin', '/sbin', '/lib', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local/bin', '/home', '/media', '/mnt', '/opt', '/srv', '/var/cache', '/var/log', '/var/tmp', '/etc/apk']) dir(d);
    dir('/root', 0o700);
    const version = profile.repo === 'alpine' ? profile.appVersion : '3.20.3';
    file('/etc/alpine-release', `${version}\n`);
    file('/usr/lib/os-release', alpineOsRelease(version));
    link('../usr/lib/os-release', '/etc/os-release');
    file('/etc/passwd', ALPINE_PASSWD);
    file('/etc/group', GROUP);
  } else {
    file('/etc/passwd', 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
    file('/etc/group', 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n');
    dir('/home/nonroot', 0o700, 65532);
    dir('/root', 0o700);
  }
  if (family === 'debian' || family === 'alpine') {
    dir('/run');
    link('/run', '/var/run');
  }

  // The programs.
  for (const [path, program] of profile.programs) {
    const target = program === 'busybox' && path !== '/bin/busybox' ? '/bin/busybox' : undefined;
    if (target) {
      link(target, path);
      continue;
    }
    const node = file(path, '', 0o755);
    node.program = program;
    node.size = binarySize(program);
    // BusyBox's applets are hard links of one binary.
    if (family === 'busybox') node.size = BINARY_SIZE.busybox;
  }
  if (family === 'busybox') {
    const count = profile.programs.size;
    for (const path of profile.programs.keys()) fs.lookup(path).nlink = count;
  }
  if (family === 'debian' && profile.programs.has('/usr/bin/dash')) {
    fs.remove('/usr/bin/sh');
    link('dash', '/usr/bin/sh');
    link('bash', '/usr/bin/rbash');
  }

  // Application content.
  if (profile.repo === 'nginx') {
    file('/etc/nginx/nginx.conf', NGINX_CONF);
    file('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF);
    file('/etc/nginx/mime.types', 'types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    image/png                                        png;\n}\n');
    file('/usr/share/nginx/html/index.html', NGINX_INDEX);
    file('/usr/share/nginx/html/50x.html', NGINX_50X);
    dir('/var/cache/nginx', 0o755);
    dir('/var/log/nginx', 0o755);
    link('/dev/stdout', '/var/log/nginx/access.log');
    link('/dev/stderr', '/var/log/nginx/error.log');
    file('/docker-entrypoint.sh', '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n', 0o775);
    dir('/docker-entrypoint.d');
  } else if (profile.repo === 'httpd') {
    file('/usr/local/apache2/htdocs/index.html', HTTPD_INDEX);
    file('/usr/local/apache2/conf/httpd.conf', 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n');
  }

  // What the runtime and the kubelet add when the container starts.
  time = startedAt;
  dir('/tmp', 0o1777);
  dir('/dev/pts');
  dir('/dev/shm', 0o1777);
  dir('/dev/mqueue', 0o1777);
  for (const d of ['null', 'zero', 'random', 'urandom', 'full', 'tty']) device(`/dev/${d}`);
  device('/dev/ptmx');
  link('/proc/self/fd', '/dev/fd');
  link('/proc/self/fd/0', '/dev/stdin');
  link('/proc/self/fd/1', '/dev/stdout');
  link('/proc/self/fd/2', '/dev/stderr');
  link('/proc/kcore', '/dev/core');
  dir('/sys');
  file('/etc/hostname', `${ctx.podName}\n`);
  file('/etc/hosts', hostsFile(ctx));
  file('/etc/resolv.conf', resolvConf(ctx));
  buildProc(fs, ctx);
  if (ctx.serviceAccount) {
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    const data = atomicDirName(startedAt);
    dir(`${sa}/${data}`, 0o755);
    fs.lookup(sa).mode = 0o1777;
    file(`${sa}/${data}/token`, ctx.serviceAccount.token);
    file(`${sa}/${data}/ca.crt`, ctx.serviceAccount.caCrt);
    file(`${sa}/${data}/namespace`, ctx.serviceAccount.namespace);
    link(data, `${sa}/..data`);
    for (const name of ['ca.crt', 'namespace', 'token']) link(`..data/${name}`, `${sa}/${name}`);
  }
  // From here on, changes carry the cluster's current time.
  fs.setClock(() => ctx.now());
  return fs;
}

function buildProc(fs: FileSystem, ctx: ShellContext): void {
  fs.mkdir('/proc', true);
  fs.lookup('/proc').mode = 0o555;
  for (const p of ctx.processes) {
    fs.mkdir(`/proc/${p.pid}`);
    fs.lookup(`/proc/${p.pid}`).mode = 0o555;
    fs.writeFile(`/proc/${p.pid}/cmdline`, `${p.command.split(' ').join('\0')}\0`, false, 0o444);
    fs.writeFile(`/proc/${p.pid}/comm`, `${p.command.split(' ')[0].split('/').pop() ?? ''}\n`, false, 0o444);
  }
  fs.writeFile('/proc/version', `Linux version ${KERNEL.release} (buildd@lcy02-amd64-053) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) ${KERNEL.version}\n`, false, 0o444);
  fs.writeFile('/proc/meminfo', 'MemTotal:        8128652 kB\nMemFree:         3187620 kB\nMemAvailable:    5847188 kB\n', false, 0o444);
}
