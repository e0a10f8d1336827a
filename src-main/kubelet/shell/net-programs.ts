/**
 * Network clients: nslookup (BusyBox, old BusyBox 1.28, and bind's), wget (BusyBox and GNU)
 * and curl, over the cluster DNS and service routing the context provides. Names resolve the
 * way the C library would with the pod's resolv.conf: /etc/hosts, then the search list
 * (ndots:5), then the name as given.
 */
import { absolute, basename } from './file-system';
import { getopt, isBusybox, type Proc, type Program } from './program-api';
import type { ShellContext } from './shell-session';
import { strftime } from './system-programs';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The names a resolver tries for `name`, in order. */
export function candidates(ctx: ShellContext, name: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const searched = ctx.resolv.search.map((s) => `${name}.${s}`);
  return name.split('.').length - 1 >= 5 ? [name, ...searched] : [...searched, name];
}

export function resolve(ctx: ShellContext, name: string, useHosts = true): { name: string; addresses: string[] } | undefined {
  if (IPV4.test(name)) return { name, addresses: [name] };
  if (useHosts && name === 'localhost') return { name, addresses: ['127.0.0.1'] };
  if (useHosts && name === ctx.podName) return { name, addresses: [ctx.podIP] };
  for (const c of candidates(ctx, name)) {
    const found = ctx.dns(c);
    if (found && found.addresses.length > 0) return found;
  }
  return undefined;
}

const nslookup: Program = (p) => {
  const { ctx, profile } = p.sys;
  const [name, server] = p.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!name) {
    p.err(isBusybox(p.sys) ? `BusyBox v${profile.busyboxVersion} multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n` : '> ');
    return 1;
  }
  const ns = server ?? ctx.resolv.nameserver;
  const found = resolve(ctx, name, false);
  if (!isBusybox(p.sys)) {
    p.out(`Server:\t\t${ns}\nAddress:\t${ns}#53\n\n`);
    if (!found) {
      p.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    for (const a of found.addresses) p.out(`Name:\t${found.name}\nAddress: ${a}\n`);
    p.out('\n');
    return 0;
  }
  const [major, minor] = profile.busyboxVersion.split('.').map(Number);
  if (major === 1 && minor < 29 && profile.family === 'busybox') {
    // BusyBox 1.28 (the CKA favourite) answers through the C library, with reverse names.
    const dnsName = ctx.dns('kube-dns.kube-system.svc.cluster.local')?.addresses.includes(ns) ? ' kube-dns.kube-system.svc.cluster.local' : '';
    p.out(`Server:    ${ns}\nAddress 1: ${ns}${dnsName}\n\n`);
    if (!found) {
      p.err(`nslookup: can't resolve '${name}'\n`);
      return 1;
    }
    p.out(`Name:      ${name}\n`);
    found.addresses.forEach((a, i) => p.out(`Address ${i + 1}: ${a} ${found.name}\n`));
    return 0;
  }
  p.out(`Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`);
  if (!found) {
    p.out(`** server can't find ${candidates(ctx, name)[0]}: NXDOMAIN\n\n`);
    return 1;
  }
  p.out(`Name:\t${found.name}\n`);
  for (const a of found.addresses) p.out(`Address: ${a}\n`);
  p.out('\n');
  return 0;
};

interface Target {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Target | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

type Failure = 'refused' | 'timeout' | 'unreachable' | 'other';

function classify(error: string): Failure {
  const e = error.toLowerCase();
  if (e.includes('refused')) return 'refused';
  if (e.includes('timed out') || e.includes('timeout')) return 'timeout';
  if (e.includes('no route') || e.includes('unreachable')) return 'unreachable';
  return 'other';
}

async function fetchTarget(ctx: ShellContext, t: Target, ip: string) {
  return ctx.http(`${t.scheme}://${ip}:${t.port}${t.path}`);
}

const bbWget: Program = async (p) => {
  const { ctx, fs, cwd } = p.sys;
  const opt = getopt(p.argv.slice(1), 'OTUYPo', ['spider', 'quiet']);
  const quiet = opt.flags.has('q') || opt.long.has('quiet');
  const url = opt.operands[0];
  if (!url) {
    p.err(`BusyBox v${p.sys.profile.busyboxVersion} multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`);
    return 1;
  }
  const t = parseUrl(url);
  if (!t) return 1;
  const found = resolve(ctx, t.host);
  if (!found) {
    p.err(`wget: bad address '${t.host}'\n`);
    return 1;
  }
  const ip = found.addresses[0];
  if (!quiet) p.err(`Connecting to ${t.host} (${ip}:${t.port})\n`);
  const res = await fetchTarget(ctx, t, ip);
  if ('error' in res) {
    const kind = classify(res.error);
    if (kind === 'timeout') p.err('wget: download timed out\n');
    else if (kind === 'other') p.err(`wget: ${res.error}\n`);
    else p.err(`wget: can't connect to remote host (${ip}): ${kind === 'refused' ? 'Connection refused' : 'No route to host'}\n`);
    return 1;
  }
  if (res.status >= 400) {
    p.err(`wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n`);
    return 1;
  }
  if (opt.long.has('spider')) {
    if (!quiet) p.err('remote file exists\n');
    return 0;
  }
  const out = opt.values.get('O') ?? (basename(t.path.split('?')[0]) === '/' ? 'index.html' : basename(t.path.split('?')[0]));
  const size = new TextEncoder().encode(res.body).length;
  const bar = (label: string) => `${label.padEnd(20)} 100% |${'*'.repeat(32)}| ${(size >= 100_000 ? `${Math.round(size / 1024)}k` : String(size)).padStart(5)}  0:00:00 ETA\n`;
  if (out === '-') {
    if (!quiet) p.err('writing to stdout\n');
    p.out(res.body);
    if (!quiet) p.err(`${bar('-')}written to stdout\n`);
    return 0;
  }
  const path = absolute(cwd, out);
  if (!opt.values.has('O') && fs.exists(path)) {
    p.err(`wget: can't open '${out}': File exists\n`);
    return 1;
  }
  if (!quiet) p.err(`saving to '${out}'\n`);
  fs.writeFile(path, res.body);
  if (!quiet) p.err(`${bar(out)}'${out}' saved\n`);
  return 0;
};

const gnuWget: Program = async (p) => {
  const { ctx, fs, cwd } = p.sys;
  const opt = getopt(p.argv.slice(1), 'OT', ['spider', 'quiet']);
  const quiet = opt.flags.has('q') || opt.long.has('quiet');
  const url = opt.operands[0];
  if (!url) {
    p.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const t = parseUrl(url);
  if (!t) return 1;
  const stamp = strftime('%F %T', ctx.now());
  const shown = `${t.scheme}://${t.host}${t.port === 80 || t.port === 443 ? '' : `:${t.port}`}${t.path}`;
  const log = (s: string) => !quiet && p.err(s);
  log(`--${stamp}--  ${shown}\n`);
  const found = resolve(ctx, t.host);
  log(`Resolving ${t.host} (${t.host})... `);
  if (!found) {
    log('failed: Name or service not known.\n');
    p.err(`wget: unable to resolve host address '${t.host}'\n`);
    return 4;
  }
  const ip = found.addresses[0];
  log(`${ip}\nConnecting to ${t.host} (${t.host})|${ip}|:${t.port}... `);
  const res = await fetchTarget(ctx, t, ip);
  if ('error' in res) {
    const kind = classify(res.error);
    log(`failed: ${kind === 'refused' ? 'Connection refused' : kind === 'timeout' ? 'Connection timed out' : kind === 'unreachable' ? 'No route to host' : res.error}.\n`);
    return 4;
  }
  log(`connected.\nHTTP request sent, awaiting response... ${res.status} ${REASONS[res.status] ?? ''}\n`);
  if (res.status >= 400) {
    log(`${stamp} ERROR ${res.status}: ${REASONS[res.status] ?? ''}.\n\n`);
    return 8;
  }
  const size = new TextEncoder().encode(res.body).length;
  const out = opt.values.get('O') ?? (basename(t.path) === '/' ? 'index.html' : basename(t.path));
  const type = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1]?.split(';')[0];
  log(`Length: ${size}${type ? ` [${type}]` : ''}\nSaving to: '${out === '-' ? 'STDOUT' : out}'\n\n`);
  if (out === '-') p.out(res.body);
  else fs.writeFile(absolute(cwd, out), res.body);
  log(`${(out === '-' ? '-' : out).padEnd(19)} 100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n`);
  log(`${stamp} (${(size / 10_000).toFixed(1)} MB/s) - ${out === '-' ? 'written to stdout' : `'${out}' saved`} [${size}/${size}]\n\n`);
  return 0;
};

/** curl's 5-character size column: 615, 12345, 600k, 1.2M. */
function curlSize(n: number): string {
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10 * 1024 * 1024) return `${Math.round(n / 1024)}k`.padStart(5);
  return `${(n / 1024 / 1024).toFixed(1)}M`.padStart(5);
}

function progressMeter(size: number): string {
  const speed = curlSize(size * 1000);
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `100 ${curlSize(size)}  100 ${curlSize(size)}    0     0 ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`
  );
}

const curl: Program = async (p) => {
  const { ctx, fs, cwd } = p.sys;
  const opt = getopt(p.argv.slice(1), 'owmXHdAue', ['silent', 'show-error', 'head', 'include', 'verbose', 'fail', 'location', 'insecure', 'max-time', 'connect-timeout', 'output', 'write-out', 'request', 'header', 'data']);
  const f = opt.flags;
  const silent = f.has('s') || opt.long.has('silent');
  const showError = !silent || f.has('S') || opt.long.has('show-error');
  const verbose = f.has('v') || opt.long.has('verbose');
  const head = f.has('I') || opt.long.has('head');
  const include = f.has('i') || opt.long.has('include');
  const failFlag = f.has('f') || opt.long.has('fail');
  const output = opt.values.get('o') ?? opt.values.get('output') ?? (f.has('O') ? basename(parseUrl(opt.operands[0] ?? '')?.path ?? '') : undefined);
  const writeOut = opt.values.get('w') ?? opt.values.get('write-out');
  const url = opt.operands[0];
  const fail = (code: number, msg: string) => {
    if (showError) p.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!url) {
    p.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const t = parseUrl(url);
  if (!t) return fail(3, 'URL using bad/illegal format or missing URL');
  const found = resolve(ctx, t.host);
  if (!found) return fail(6, `Could not resolve host: ${t.host}`);
  const ip = found.addresses[0];
  if (verbose) p.err(`*   Trying ${ip}:${t.port}...\n`);
  const res = await fetchTarget(ctx, t, ip);
  if ('error' in res) {
    const kind = classify(res.error);
    if (kind === 'timeout') return fail(28, `Failed to connect to ${t.host} port ${t.port} after 10001 ms: Timeout was reached`);
    return fail(7, `Failed to connect to ${t.host} port ${t.port} after 0 ms: ${kind === 'unreachable' ? 'No route to host' : "Couldn't connect to server"}`);
  }
  const statusLine = `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`;
  const headerLines = [statusLine, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`)];
  if (verbose) {
    p.err(`* Connected to ${t.host} (${ip}) port ${t.port} (#0)\n`);
    p.err(`> ${head ? 'HEAD' : (opt.values.get('X') ?? 'GET')} ${t.path} HTTP/1.1\n> Host: ${t.host}${t.port === 80 ? '' : `:${t.port}`}\n> User-Agent: curl/7.88.1\n> Accept: */*\n> \n`);
    for (const h of headerLines) p.err(`< ${h}\n`);
    p.err('< \n');
  }
  if (failFlag && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
  let data = '';
  if (head || include) data += `${headerLines.join('\r\n')}\r\n\r\n`;
  if (!head) data += res.body;
  const toFile = output !== undefined && output !== '-';
  if (!silent && !verbose && (toFile || !p.sys.stdoutTty)) p.err(progressMeter(new TextEncoder().encode(res.body).length));
  if (toFile) fs.writeFile(absolute(cwd, output), data);
  else p.out(data);
  if (verbose) p.err(`* Connection #0 to host ${t.host} left intact\n`);
  if (writeOut) p.out(writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/%\{size_download\}/g, String(res.body.length)).replace(/\\n/g, '\n'));
  return 0;
};

export const NET_PROGRAMS: Record<string, Program> = {
  nslookup,
  curl,
  wget: (p: Proc) => (isBusybox(p.sys) ? bbWget(p) : gnuWget(p)),
};
