/**
 * The images' own programs, as far as people poke at them from a shell: version flags, nginx's
 * config test and reload, redis-cli ping, etcdctl version. Anything else says plainly that it
 * is not simulated, rather than pretending to work.
 */
import { strftime } from './system-programs';
import type { Proc, Program } from './program-api';

function notSimulated(p: Proc): number {
  p.err(`${p.argv[0]}: only --version is simulated for this program in Kubedeck containers\n`);
  return 1;
}

const nginx: Program = (p) => {
  const v = p.sys.profile.appVersion;
  const a = p.argv.slice(1);
  if (a.includes('-v')) p.err(`nginx version: nginx/${v}\n`);
  else if (a.includes('-V')) p.err(`nginx version: nginx/${v}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.11 19 Sep 2023\nTLS SNI support enabled\n`);
  else if (a.includes('-t') || a.includes('-T')) {
    p.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
  } else if (a[0] === '-s') {
    p.err(`${strftime('%Y/%m/%d %T', p.sys.ctx.now())} [notice] ${p.sys.pid}#${p.sys.pid}: signal process started\n`);
  } else {
    p.err(`${strftime('%Y/%m/%d %T', p.sys.ctx.now())} [emerg] ${p.sys.pid}#${p.sys.pid}: bind() to 0.0.0.0:80 failed (98: Address already in use)\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n`);
    return 1;
  }
  return 0;
};

/** `--version` answers for programs that print just a version line. */
function versioned(line: (v: string) => string, flags = ['--version', '-v', '-V', 'version']): Program {
  return (p) => {
    if (p.argv.slice(1).some((a) => flags.includes(a))) {
      p.out(`${line(p.sys.profile.appVersion)}\n`);
      return 0;
    }
    return notSimulated(p);
  };
}

const redisCli: Program = (p) => {
  const a = p.argv.slice(1).filter((x, i, all) => !x.startsWith('-') && !all[i - 1]?.match(/^-[hpa]$/));
  if (a[0]?.toLowerCase() === 'ping') p.out('PONG\n');
  else if (p.argv.includes('--version') || p.argv.includes('-v')) p.out(`redis-cli ${p.sys.profile.appVersion}\n`);
  else return notSimulated(p);
  return 0;
};

const etcdctl: Program = (p) => {
  if (p.argv.includes('version') || p.argv.includes('--version')) {
    const v = p.sys.profile.appVersion;
    p.out(`etcdctl version: ${v}\nAPI version: ${v.split('.').slice(0, 2).join('.')}\n`);
    return 0;
  }
  return notSimulated(p);
};

export const APP_PROGRAMS: Record<string, Program> = {
  nginx,
  'redis-cli': redisCli,
  'redis-server': versioned((v) => `Redis server v=${v} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=3a2b5f1c`),
  python: versioned((v) => `Python ${v}`),
  python3: versioned((v) => `Python ${v}`),
  node: versioned((v) => `v${v}`),
  etcd: versioned((v) => `etcd Version: ${v}\nGit SHA: 1b8fc8a\nGo Version: go1.22.7\nGo OS/Arch: linux/amd64`),
  etcdctl,
  etcdutl: versioned((v) => `etcdutl version: ${v}\nAPI version: ${v.split('.').slice(0, 2).join('.')}`),
  'kube-apiserver': versioned(() => 'Kubernetes v1.31.0'),
  'kube-controller-manager': versioned(() => 'Kubernetes v1.31.0'),
  'kube-scheduler': versioned(() => 'Kubernetes v1.31.0'),
  'kube-proxy': versioned(() => 'Kubernetes v1.31.0'),
  coredns: versioned((v) => `CoreDNS-${v}\nlinux/amd64, go1.22.7, a6338e9`, ['-version', '--version']),
  pause: (p) => {
    p.err('Warning: pause should be the first process\n');
    return 1;
  },
  busybox: (p) => {
    p.out(`BusyBox v${p.sys.profile.busyboxVersion} (2024-09-26 21:31:42 UTC) multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: function [arguments]...\n`);
    return 0;
  },
};
