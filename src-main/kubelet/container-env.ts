/**
 * A container's environment as the kubelet builds it: the image's own variables, HOSTNAME and
 * HOME, Docker-links-style variables for the services in the pod's namespace (enableServiceLinks,
 * and always the `kubernetes` service of the default namespace), then the container's env and
 * envFrom with $(VAR) references expanded.
 */
import type { KubeObject } from '../kube/object';

const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Variables baked into well-known images. */
function imageEnv(image: string): Record<string, string> {
  const repo = image.replace(/@.*$/, '').replace(/:[^/]*$/, '').split('/').pop() ?? '';
  switch (repo) {
    case 'nginx':
      return { PATH: DEBIAN_PATH, NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', NJS_RELEASE: '1~bookworm', PKG_RELEASE: '1~bookworm', DYNPKG_RELEASE: '1~bookworm' };
    case 'redis':
      return { PATH: DEBIAN_PATH, GOSU_VERSION: '1.17', REDIS_DOWNLOAD_URL: 'http://download.redis.io/releases/redis-7.4.1.tar.gz' };
    case 'httpd':
      return { PATH: `/usr/local/apache2/bin:${DEBIAN_PATH}`, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: '2.4.62' };
    default:
      return { PATH: DEBIAN_PATH };
  }
}

interface ServiceView {
  name: string;
  clusterIP?: string;
  ports: { name?: string; port: number; protocol?: string }[];
}

function serviceView(svc: KubeObject): ServiceView {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
  return { name: svc.metadata.name ?? '', clusterIP: spec.clusterIP, ports: spec.ports ?? [] };
}

function serviceLinks(svc: ServiceView, out: Record<string, string>): void {
  if (!svc.clusterIP || svc.clusterIP === 'None' || svc.ports.length === 0) return;
  const prefix = svc.name.toUpperCase().replace(/-/g, '_');
  const ip = svc.clusterIP;
  const first = svc.ports[0];
  out[`${prefix}_SERVICE_HOST`] = ip;
  out[`${prefix}_SERVICE_PORT`] = String(first.port);
  for (const p of svc.ports) if (p.name) out[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  out[`${prefix}_PORT`] = `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`;
  for (const p of svc.ports) {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out[base] = `${proto}://${ip}:${p.port}`;
    out[`${base}_PROTO`] = proto;
    out[`${base}_PORT`] = String(p.port);
    out[`${base}_ADDR`] = ip;
  }
}

/** Expands $(VAR) from what is defined so far; $$(VAR) stays literal, unknown references stay as written. */
function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name?: string) => (m === '$$' ? '$' : name !== undefined && name in env ? env[name] : m));
}

export interface EnvSources {
  configMap(namespace: string, name: string): Record<string, string> | undefined;
  secret(namespace: string, name: string): Record<string, string> | undefined;
}

export function containerEnv(pod: KubeObject, containerName: string, image: string, services: KubeObject[], sources: EnvSources, tty: boolean): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const spec = (pod.spec ?? {}) as { enableServiceLinks?: boolean; containers?: { name: string; env?: unknown[]; envFrom?: unknown[] }[]; hostname?: string };
  const c = spec.containers?.find((x) => x.name === containerName);
  const env: Record<string, string> = { ...imageEnv(image), HOSTNAME: spec.hostname ?? pod.metadata.name ?? '', HOME: '/root' };
  if (tty) env.TERM = 'xterm';
  const links: Record<string, string> = {};
  for (const svc of services) {
    const sameNs = svc.metadata.namespace === ns;
    const master = svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';
    if (master || (sameNs && spec.enableServiceLinks !== false)) serviceLinks(serviceView(svc), links);
  }
  Object.assign(env, links);
  for (const from of (c?.envFrom ?? []) as { prefix?: string; configMapRef?: { name: string }; secretRef?: { name: string } }[]) {
    const data = from.configMapRef ? sources.configMap(ns, from.configMapRef.name) : from.secretRef ? sources.secret(ns, from.secretRef.name) : undefined;
    for (const [k, v] of Object.entries(data ?? {})) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of (c?.env ?? []) as { name: string; value?: string; valueFrom?: Record<string, { name?: string; key?: string; fieldPath?: string }> }[]) {
    if (e.value !== undefined) env[e.name] = expand(e.value, env);
    else if (e.valueFrom?.configMapKeyRef) env[e.name] = sources.configMap(ns, e.valueFrom.configMapKeyRef.name ?? '')?.[e.valueFrom.configMapKeyRef.key ?? ''] ?? '';
    else if (e.valueFrom?.secretKeyRef) env[e.name] = sources.secret(ns, e.valueFrom.secretKeyRef.name ?? '')?.[e.valueFrom.secretKeyRef.key ?? ''] ?? '';
    else if (e.valueFrom?.fieldRef) env[e.name] = fieldValue(pod, e.valueFrom.fieldRef.fieldPath ?? '');
    else env[e.name] = '';
  }
  return env;
}

function fieldValue(pod: KubeObject, path: string): string {
  const status = (pod.status ?? {}) as { podIP?: string; hostIP?: string };
  const spec = (pod.spec ?? {}) as { nodeName?: string; serviceAccountName?: string };
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.podIP':
      return status.podIP ?? '';
    case 'status.hostIP':
      return status.hostIP ?? '';
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
      return '';
    }
  }
}
