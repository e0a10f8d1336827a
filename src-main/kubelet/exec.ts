/**
 * Exec into a simulated container: the shell session gets the container's environment, the
 * pod's files (hostname, hosts, resolv.conf, the service account mount), cluster DNS and service
 * routing (a request to a Service reaches one of its ready pods, which answers as its image would).
 */
import type { Clock } from '../common/clock';
import type { ExecOutput, ExecRequest, ExecSession } from '../apiserver/node-connector';
import type { ClusterClient } from '../client/cluster-client';
import type { Informer } from '../client/informer';
import { labelSelectorFromMeta, selectorString } from '../kube/labels';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN } from '../kube/cluster-network';
import type { KubeObject } from '../kube/object';
import { PODS } from '../kube/registry';
import { execError, newShellSession, type ShellContext } from './shell/shell-session';


export interface ExecDeps {
  clock: Clock;
  client: ClusterClient;
  services: Informer;
  nodeName: string;
  hostIP: string;
}

interface ServiceSpec {
  clusterIP?: string;
  selector?: Record<string, string>;
  ports?: { port: number; targetPort?: number | string; protocol?: string }[];
}

/** Resolves `name` the way the pod's resolver would, through the search domains. */
function resolveService(deps: ExecDeps, namespace: string, name: string): { name: string; addresses: string[] } | undefined {
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const candidates = name.endsWith('.') ? [name.slice(0, -1)] : [name, ...search.map((s) => `${name}.${s}`)];
  for (const fqdn of candidates) {
    const m = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${CLUSTER_DOMAIN.replace('.', '\\.')}$`).exec(fqdn);
    if (!m) continue;
    const svc = deps.services.get(m[2], m[1]);
    const ip = (svc?.spec as ServiceSpec | undefined)?.clusterIP;
    if (svc && ip && ip !== 'None') return { name: fqdn, addresses: [ip] };
  }
  return undefined;
}

/** What a pod's main process answers on HTTP, by image. */
function httpAnswer(image: string): { status: number; headers: Record<string, string>; body: string } | undefined {
  const repo = image.replace(/@.*$/, '').replace(/:[^/]*$/, '').split('/').pop() ?? '';
  if (repo === 'nginx') {
    const body =
      '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n' +
      '<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n' +
      '<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';
    return { status: 200, headers: { Server: 'nginx/1.27.3', 'Content-Type': 'text/html', 'Content-Length': String(body.length) }, body };
  }
  if (repo === 'httpd') return { status: 200, headers: { Server: 'Apache/2.4.62 (Unix)', 'Content-Type': 'text/html' }, body: '<html><body><h1>It works!</h1></body></html>\n' };
  return undefined;
}

async function httpGet(deps: ExecDeps, namespace: string, url: string): Promise<{ status: number; headers: Record<string, string>; body: string } | { error: string }> {
  let u: URL;
  try {
    u = new URL(/^[a-z]+:\/\//.test(url) ? url : `http://${url}`);
  } catch {
    return { error: 'bad url' };
  }
  const host = u.hostname;
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : resolveService(deps, namespace, host)?.addresses[0];
  if (!ip) return { error: 'resolve' };
  const svc = deps.services.list().find((s) => (s.spec as ServiceSpec).clusterIP === ip);
  let podSelector: string | undefined;
  let podNamespace = namespace;
  if (svc) {
    const spec = svc.spec as ServiceSpec;
    if (!(spec.ports ?? []).some((p) => p.port === port) || !spec.selector) return { error: 'refused' };
    podSelector = selectorString(labelSelectorFromMeta({ matchLabels: spec.selector }));
    podNamespace = svc.metadata.namespace ?? namespace;
  }
  const pods = podSelector
    ? (await deps.client.list(PODS, { namespace: podNamespace, labelSelector: podSelector })).items
    : (await deps.client.list(PODS, { fieldSelector: `status.podIP=${ip}` })).items;
  const ready = pods.filter((p) => ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
  if (ready.length === 0) return { error: 'refused' };
  const target = ready[Math.floor(deps.clock.now() / 1000) % ready.length];
  const image = (target.spec as { containers?: { image?: string }[] }).containers?.[0]?.image ?? '';
  const answer = httpAnswer(image);
  return answer ?? { error: 'refused' };
}

export function startExec(
  deps: ExecDeps,
  pod: KubeObject,
  container: { image: string; command: string[] },
  env: Record<string, string>,
  serviceAccount: ShellContext['serviceAccount'],
  req: ExecRequest,
  out: ExecOutput,
): ExecSession {
  const namespace = pod.metadata.namespace ?? 'default';
  const status = (pod.status ?? {}) as { podIP?: string };
  const ctx: ShellContext = {
    podName: pod.metadata.name ?? '',
    namespace,
    containerName: req.container,
    nodeName: deps.nodeName,
    podIP: status.podIP ?? '',
    hostIP: deps.hostIP,
    image: container.image,
    env: req.tty ? { ...env, TERM: 'xterm' } : env,
    serviceAccount,
    resolv: { nameserver: CLUSTER_DNS_IP, search: [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN] },
    dns: (name) => resolveService(deps, namespace, name),
    http: (url) => httpGet(deps, namespace, url),
    processes: [{ pid: 1, user: 'root', command: container.command.length > 0 ? container.command.join(' ') : defaultCommand(container.image) }],
    now: () => deps.clock.now(),
    setTimer: (fn, ms) => {
      deps.clock.setTimeout(fn, ms);
    },
  };
  const refused = execError(ctx, req.command);
  if (refused) throw new Error(refused);
  const session = newShellSession(ctx);
  let ended = false;
  session.start(req.command, {
    tty: req.tty,
    stdout: (d) => !ended && out.stdout(d),
    stderr: (d) => !ended && out.stderr(d),
    exit: (code) => {
      if (ended) return;
      ended = true;
      out.exit(code);
    },
  });
  return {
    input: (d) => session.input(d),
    endInput: () => session.endInput(),
    resize: (c, r) => session.resize(c, r),
    kill: () => {
      ended = true;
    },
  };
}

function defaultCommand(image: string): string {
  const repo = image.replace(/@.*$/, '').replace(/:[^/]*$/, '').split('/').pop() ?? '';
  if (repo === 'nginx') return 'nginx: master process nginx -g daemon off;';
  if (repo === 'redis') return 'redis-server *:6379';
  if (repo === 'httpd') return 'httpd -DFOREGROUND';
  return repo;
}
