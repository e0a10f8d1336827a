/**
 * What an image holds, read from its reference: which family its userland comes from (Debian
 * with GNU coreutils, BusyBox, Alpine, or a distroless image with one binary), which shells,
 * which programs at which paths, and the versions those programs report.
 */

export type Family = 'debian' | 'busybox' | 'alpine' | 'distroless';
export type ShellFlavor = 'bash' | 'dash' | 'ash';

export interface ImageProfile {
  family: Family;
  registry: string;
  /** Last path element without tag, e.g. `nginx`, `etcd`, `kube-apiserver`. */
  repo: string;
  tag: string;
  /** Programs by absolute path; the value names the simulated program that runs. */
  programs: Map<string, string>;
  /** Which shell `sh` is, or undefined when the image has none. */
  sh?: ShellFlavor;
  hasBash: boolean;
  busyboxVersion: string;
  /** The application's own version (nginx 1.27.2, etcd 3.5.16, ...). */
  appVersion: string;
  /** Users beyond root that own files in the image, by uid. */
  users: Map<number, string>;
  /** When the image was built: the mtime of its files. */
  builtAt: number;
}

/** The coreutils-ish programs every Debian image has, in /usr/bin. */
const DEBIAN_BIN = [
  'bash', 'cat', 'chmod', 'chown', 'cp', 'cut', 'dash', 'date', 'df', 'dirname', 'basename', 'echo', 'env', 'false', 'find', 'grep',
  'head', 'hostname', 'id', 'kill', 'ln', 'ls', 'mkdir', 'mktemp', 'mv', 'printenv', 'printf', 'pwd', 'readlink', 'rm', 'rmdir',
  'sed', 'sleep', 'sort', 'stat', 'tail', 'tar', 'tee', 'test', 'touch', 'tr', 'true', 'uname', 'uniq', 'wc', 'which', 'whoami',
  'xargs', 'yes', 'ps', 'free', 'uptime', 'top', 'perl', 'gzip', 'su', 'mount', 'nproc', 'seq', 'expr', 'du',
];

/** BusyBox applets a busybox image lists (all hard links of one binary), by directory. */
const BUSYBOX_APPLETS: Record<string, string[]> = {
  '/bin': [
    'ash', 'basename', 'cat', 'chmod', 'chown', 'cp', 'cut', 'date', 'df', 'dirname', 'du', 'echo', 'env', 'expr', 'false', 'find',
    'free', 'grep', 'gzip', 'head', 'hostname', 'id', 'ip', 'kill', 'ln', 'ls', 'mkdir', 'mktemp', 'mount', 'mv', 'nc', 'netstat',
    'nproc', 'nslookup', 'ping', 'printenv', 'printf', 'ps', 'pwd', 'readlink', 'rm', 'rmdir', 'sed', 'seq', 'sh', 'sleep', 'sort',
    'stat', 'tail', 'tar', 'tee', 'telnet', 'test', 'top', 'touch', 'tr', 'traceroute', 'true', 'uname', 'uniq', 'uptime', 'vi',
    'wc', 'wget', 'which', 'whoami', 'xargs', 'yes', '[', '[[', 'busybox',
  ],
};

/** Alpine's BusyBox applets: symlinks to /bin/busybox, spread over /bin and /usr/bin. */
const ALPINE_BIN = [
  'ash', 'cat', 'chmod', 'chown', 'cp', 'date', 'df', 'echo', 'false', 'grep', 'hostname', 'kill', 'ln', 'ls', 'mkdir', 'mktemp',
  'mount', 'mv', 'netstat', 'ping', 'ps', 'pwd', 'rm', 'rmdir', 'sed', 'sh', 'sleep', 'stat', 'tar', 'touch', 'true', 'uname', 'vi',
];
const ALPINE_USR_BIN = [
  'basename', 'cut', 'dirname', 'du', 'env', 'expr', 'find', 'free', 'head', 'id', 'nc', 'nproc', 'nslookup', 'printf', 'readlink',
  'seq', 'sort', 'tail', 'tee', 'test', 'top', 'tr', 'uniq', 'uptime', 'wc', 'wget', 'which', 'whoami', 'xargs', 'yes', '[', '[[',
];

/** Extra programs some application images add, with their paths. */
const APP_PROGRAMS: Record<string, string[]> = {
  nginx: ['/usr/sbin/nginx', '/usr/bin/curl'],
  httpd: ['/usr/local/apache2/bin/httpd', '/usr/local/apache2/bin/apachectl'],
  redis: ['/usr/local/bin/redis-server', '/usr/local/bin/redis-cli'],
  postgres: ['/usr/lib/postgresql/17/bin/postgres', '/usr/bin/psql'],
  mysql: ['/usr/sbin/mysqld', '/usr/bin/mysql'],
  node: ['/usr/local/bin/node', '/usr/local/bin/npm', '/usr/bin/curl', '/usr/bin/wget'],
  python: ['/usr/local/bin/python', '/usr/local/bin/python3', '/usr/local/bin/pip', '/usr/bin/curl', '/usr/bin/wget'],
  golang: ['/usr/local/go/bin/go', '/usr/bin/curl', '/usr/bin/wget'],
  'jessie-dnsutils': ['/usr/bin/nslookup', '/usr/bin/dig', '/usr/bin/host'],
  dnsutils: ['/usr/bin/nslookup', '/usr/bin/dig', '/usr/bin/host'],
  netshoot: ['/usr/bin/curl', '/usr/bin/nslookup', '/usr/bin/dig'],
  curl: ['/usr/bin/curl'],
};

/** Distroless images: their binaries only. */
const DISTROLESS_PROGRAMS: Record<string, string[]> = {
  etcd: ['/usr/local/bin/etcd', '/usr/local/bin/etcdctl', '/usr/local/bin/etcdutl'],
  'kube-apiserver': ['/usr/local/bin/kube-apiserver'],
  'kube-controller-manager': ['/usr/local/bin/kube-controller-manager'],
  'kube-scheduler': ['/usr/local/bin/kube-scheduler'],
  'kube-proxy': ['/usr/local/bin/kube-proxy'],
  coredns: ['/coredns'],
  pause: ['/pause'],
  'metrics-server': ['/metrics-server'],
};

const DEFAULT_VERSIONS: Record<string, string> = {
  nginx: '1.27.2', httpd: '2.4.62', redis: '7.4.1', postgres: '17.0', node: '22.11.0', python: '3.13.0', etcd: '3.5.16',
  coredns: '1.11.3', pause: '3.10', busybox: '1.37.0', alpine: '3.20.3', golang: '1.23.2',
};

/** A build time for the image's files: fixed per family so listings are the same every run. */
const BUILT_AT: Record<Family, number> = {
  debian: Date.UTC(2024, 10, 11, 0, 0, 0),
  busybox: Date.UTC(2024, 8, 26, 21, 31, 42),
  alpine: Date.UTC(2024, 8, 6, 12, 5, 36),
  distroless: Date.UTC(1970, 0, 1),
};

export function parseImage(image: string): { registry: string; repo: string; tag: string; path: string } {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const nameTag = noDigest.slice(slash + 1);
  const colon = nameTag.indexOf(':');
  const repo = colon >= 0 ? nameTag.slice(0, colon) : nameTag;
  const tag = colon >= 0 ? nameTag.slice(colon + 1) : 'latest';
  const first = noDigest.split('/')[0];
  const registry = noDigest.includes('/') && (first.includes('.') || first.includes(':')) ? first : 'docker.io';
  return { registry, repo, tag, path: noDigest.slice(0, colon >= 0 ? slash + 1 + colon : undefined) };
}

/** A version from a tag such as `1.27-alpine` or `3.5.16-0`, else the repository's default. */
function versionFrom(repo: string, tag: string): string {
  const m = /^v?(\d+(?:\.\d+){0,2})/.exec(tag);
  const fallback = DEFAULT_VERSIONS[repo] ?? '1.0.0';
  if (!m) return fallback;
  // A partial tag (`1.27`) names the newest patch; fill the missing parts from the default.
  const given = m[1].split('.');
  const def = fallback.split('.');
  return given.length >= def.length ? m[1] : [...given, ...def.slice(given.length)].join('.');
}

function familyOf(registry: string, repo: string, tag: string): Family {
  if (repo === 'busybox') return 'busybox';
  if (repo === 'alpine' || tag.includes('alpine')) return 'alpine';
  if (DISTROLESS_PROGRAMS[repo] || (registry === 'registry.k8s.io' && repo.startsWith('kube-')) || tag.includes('distroless')) return 'distroless';
  return 'debian';
}

export function profileOf(image: string): ImageProfile {
  const { registry, repo, tag } = parseImage(image);
  const family = familyOf(registry, repo, tag);
  const programs = new Map<string, string>();
  const users = new Map<number, string>([[65534, 'nobody']]);
  let sh: ShellFlavor | undefined;
  let hasBash = false;
  if (family === 'debian') {
    for (const p of DEBIAN_BIN) programs.set(`/usr/bin/${p}`, p);
    programs.set('/usr/bin/sh', 'dash');
    programs.set('/usr/sbin/nologin', 'nologin');
    sh = 'dash';
    hasBash = true;
  } else if (family === 'busybox') {
    for (const [dir, names] of Object.entries(BUSYBOX_APPLETS)) for (const p of names) programs.set(`${dir}/${p}`, p === 'sh' ? 'ash' : p);
    sh = 'ash';
  } else if (family === 'alpine') {
    programs.set('/bin/busybox', 'busybox');
    for (const p of ALPINE_BIN) programs.set(`/bin/${p}`, 'busybox');
    for (const p of ALPINE_USR_BIN) programs.set(`/usr/bin/${p}`, 'busybox');
    sh = 'ash';
  }
  const app = family === 'distroless' ? (DISTROLESS_PROGRAMS[repo] ?? [`/usr/local/bin/${repo}`]) : (APP_PROGRAMS[repo] ?? []);
  for (const path of app) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    // Alpine-based application images ship BusyBox wget, not GNU wget.
    if (family === 'alpine' && name === 'wget') continue;
    programs.set(path, name);
  }
  if (repo === 'nginx') users.set(101, 'nginx');
  if (repo === 'postgres') users.set(999, 'postgres');
  if (repo === 'redis') users.set(999, 'redis');
  const bbDefault = family === 'alpine' ? '1.36.1' : DEFAULT_VERSIONS.busybox;
  const busyboxVersion = repo === 'busybox' ? versionFrom('busybox', tag) : bbDefault;
  return { family, registry, repo, tag, programs, sh, hasBash, busyboxVersion, appVersion: versionFrom(repo, tag), users, builtAt: BUILT_AT[family] };
}

/** The default PATH of the image when the kubelet passed none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
