/**
 * Kubeconfig files: writing the admin.conf that kubeadm writes, and reading any kubeconfig to
 * point the console at a real cluster (credentials inline as `*-data` or as file paths).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

export interface KubeconfigCluster {
  server: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}

export interface KubeconfigUser {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  exec?: { command?: string; [key: string]: unknown };
  'auth-provider'?: { name?: string; [key: string]: unknown };
}

export interface KubeconfigContext {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: { name: string; cluster: KubeconfigCluster }[];
  contexts: { name: string; context: KubeconfigContext }[];
  users: { name: string; user: KubeconfigUser }[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
}

export interface BuildKubeconfigOptions {
  clusterName: string;
  server: string;
  caPem: string;
  userName: string;
  certPem: string;
  keyPem: string;
  /** `<userName>@<clusterName>` by default, as kubeadm names it. */
  contextName?: string;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The YAML of a kubeadm admin.conf: keys in Go's order, sequences not indented, no folding. */
export function buildKubeconfig(o: BuildKubeconfigOptions): string {
  const contextName = o.contextName ?? `${o.userName}@${o.clusterName}`;
  const cfg: Kubeconfig = {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': b64(o.caPem), server: o.server }, name: o.clusterName }],
    contexts: [{ context: { cluster: o.clusterName, user: o.userName }, name: contextName }],
    'current-context': contextName,
    kind: 'Config',
    preferences: {},
    users: [{ name: o.userName, user: { 'client-certificate-data': b64(o.certPem), 'client-key-data': b64(o.keyPem) } }],
  };
  return stringify(cfg, { lineWidth: 0, indentSeq: false });
}

// ---------------------------------------------------------------------------------------------
// Reading

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(where: string, obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new Error(`kubeconfig: ${where}.${key} must be a string`);
  return v;
}

function namedList<T>(
  root: Record<string, unknown>,
  listKey: 'clusters' | 'contexts' | 'users',
  itemKey: 'cluster' | 'context' | 'user',
  read: (where: string, item: Record<string, unknown>) => T,
): { name: string; value: T }[] {
  const list = root[listKey];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error(`kubeconfig: ${listKey} must be a list`);
  return list.map((entry: unknown, i) => {
    const where = `${listKey}[${i}]`;
    if (!isRecord(entry)) throw new Error(`kubeconfig: ${where} must be a mapping with name and ${itemKey}`);
    if (typeof entry.name !== 'string' || entry.name === '') throw new Error(`kubeconfig: ${where} has no name`);
    const inner = entry[itemKey] ?? {};
    if (!isRecord(inner)) throw new Error(`kubeconfig: ${where}.${itemKey} must be a mapping`);
    return { name: entry.name, value: read(`${where}.${itemKey}`, inner) };
  });
}

function readCluster(where: string, c: Record<string, unknown>): KubeconfigCluster {
  const server = optionalString(where, c, 'server');
  if (!server) throw new Error(`kubeconfig: ${where} has no server`);
  const insecure = c['insecure-skip-tls-verify'];
  if (insecure !== undefined && typeof insecure !== 'boolean') throw new Error(`kubeconfig: ${where}.insecure-skip-tls-verify must be true or false`);
  const out: KubeconfigCluster = { server };
  for (const key of ['certificate-authority', 'certificate-authority-data', 'tls-server-name', 'proxy-url'] as const) {
    const v = optionalString(where, c, key);
    if (v !== undefined) out[key] = v;
  }
  if (insecure !== undefined) out['insecure-skip-tls-verify'] = insecure;
  return out;
}

function readUser(where: string, u: Record<string, unknown>): KubeconfigUser {
  const out: KubeconfigUser = {};
  for (const key of ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'username', 'password'] as const) {
    const v = optionalString(where, u, key);
    if (v !== undefined) out[key] = v;
  }
  if (isRecord(u.exec)) out.exec = u.exec;
  if (isRecord(u['auth-provider'])) out['auth-provider'] = u['auth-provider'];
  return out;
}

function readContext(where: string, c: Record<string, unknown>): KubeconfigContext {
  const cluster = optionalString(where, c, 'cluster');
  if (!cluster) throw new Error(`kubeconfig: ${where} names no cluster`);
  const out: KubeconfigContext = { cluster, user: optionalString(where, c, 'user') ?? '' };
  const namespace = optionalString(where, c, 'namespace');
  if (namespace) out.namespace = namespace;
  return out;
}

/** Parses kubeconfig YAML (or JSON) into a checked, typed object; errors say which entry is wrong. */
export function parseKubeconfig(text: string): Kubeconfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new Error(`kubeconfig: not valid YAML: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new Error('kubeconfig: expected a mapping with apiVersion, kind, clusters, contexts and users');
  const kind = optionalString('(root)', doc, 'kind') ?? 'Config';
  if (kind !== 'Config') throw new Error(`kubeconfig: kind is "${kind}", expected "Config"`);
  const cfg: Kubeconfig = {
    apiVersion: optionalString('(root)', doc, 'apiVersion') ?? 'v1',
    kind,
    clusters: namedList(doc, 'clusters', 'cluster', readCluster).map(({ name, value }) => ({ name, cluster: value })),
    contexts: namedList(doc, 'contexts', 'context', readContext).map(({ name, value }) => ({ name, context: value })),
    users: namedList(doc, 'users', 'user', readUser).map(({ name, value }) => ({ name, user: value })),
  };
  const current = optionalString('(root)', doc, 'current-context');
  if (current) cfg['current-context'] = current;
  if (isRecord(doc.preferences)) cfg.preferences = doc.preferences;
  return cfg;
}

export interface ResolvedContext {
  contextName: string;
  clusterName: string;
  server: string;
  namespace?: string;
  /** PEM of the CA that signs the server's certificate. */
  ca?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  token?: string;
  insecureSkipTLSVerify?: boolean;
  tlsServerName?: string;
}

export interface ResolveOptions {
  /** Folder that relative file paths are read from: the kubeconfig file's own folder, as kubectl does. */
  baseDir?: string;
}

function readReferenced(what: string, path: string, baseDir: string | undefined): string {
  const full = isAbsolute(path) || !baseDir ? resolve(path) : resolve(baseDir, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (e) {
    throw new Error(`kubeconfig: cannot read ${what} ${full}: ${(e as Error).message}`);
  }
}

/** Inline `*-data` (base64 PEM) wins over a file path, as in client-go. */
function pem(what: string, data: string | undefined, file: string | undefined, baseDir: string | undefined): string | undefined {
  if (data !== undefined) {
    const text = Buffer.from(data, 'base64').toString('utf8');
    if (!text.includes('-----BEGIN ')) throw new Error(`kubeconfig: ${what}-data is not base64 of a PEM block`);
    return text;
  }
  if (file !== undefined) return readReferenced(what, file, baseDir);
  return undefined;
}

/**
 * The server and credentials of a context (the current one unless named), with files read and
 * inline data decoded. Throws with a message a person can act on.
 */
export function resolveContext(cfg: Kubeconfig, name?: string, opts: ResolveOptions = {}): ResolvedContext {
  const contextName = name ?? cfg['current-context'];
  const known = cfg.contexts.map((c) => c.name);
  const choices = known.length > 0 ? ` (contexts: ${known.join(', ')})` : ' (it defines no contexts)';
  if (!contextName) throw new Error(`kubeconfig: no current-context is set; name a context${choices}`);
  const ctx = cfg.contexts.find((c) => c.name === contextName)?.context;
  if (!ctx) throw new Error(`kubeconfig: context "${contextName}" not found${choices}`);
  const cluster = cfg.clusters.find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster) throw new Error(`kubeconfig: context "${contextName}" names cluster "${ctx.cluster}", which is not defined`);
  let user: KubeconfigUser = {};
  if (ctx.user) {
    const found = cfg.users.find((u) => u.name === ctx.user)?.user;
    if (!found) throw new Error(`kubeconfig: context "${contextName}" names user "${ctx.user}", which is not defined`);
    user = found;
  }

  const out: ResolvedContext = { contextName, clusterName: ctx.cluster, server: cluster.server };
  if (ctx.namespace) out.namespace = ctx.namespace;
  const ca = pem('certificate-authority', cluster['certificate-authority-data'], cluster['certificate-authority'], opts.baseDir);
  if (ca) out.ca = ca;
  if (cluster['insecure-skip-tls-verify']) out.insecureSkipTLSVerify = true;
  if (cluster['tls-server-name']) out.tlsServerName = cluster['tls-server-name'];

  const cert = pem('client-certificate', user['client-certificate-data'], user['client-certificate'], opts.baseDir);
  const key = pem('client-key', user['client-key-data'], user['client-key'], opts.baseDir);
  if ((cert === undefined) !== (key === undefined)) {
    throw new Error(`kubeconfig: user "${ctx.user}" has a client ${cert ? 'certificate but no key' : 'key but no certificate'}`);
  }
  if (cert && key) {
    out.cert = cert;
    out.key = key;
  }
  if (user.token) out.token = user.token;
  else if (user.tokenFile) out.token = readReferenced('tokenFile', user.tokenFile, opts.baseDir).trim();

  if (!out.cert && !out.token) {
    if (user.exec) {
      throw new Error(
        `kubeconfig: user "${ctx.user}" signs in with an exec plugin (${String(user.exec.command ?? 'unknown command')}), which Kubedeck does not run; use a kubeconfig with a client certificate or token`,
      );
    }
    if (user['auth-provider']) {
      throw new Error(
        `kubeconfig: user "${ctx.user}" signs in with the auth provider "${String(user['auth-provider'].name ?? 'unknown')}", which Kubedeck does not support; use a client certificate or token`,
      );
    }
  }
  return out;
}
