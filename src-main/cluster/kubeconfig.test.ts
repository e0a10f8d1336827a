import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKubeconfig, parseKubeconfig, resolveContext } from './kubeconfig';

const CA = '-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN RSA PRIVATE KEY-----\nS0VZ\n-----END RSA PRIVATE KEY-----\n';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('buildKubeconfig', () => {
  it('writes admin.conf exactly as kubeadm shapes it', () => {
    const text = buildKubeconfig({
      clusterName: 'kubernetes',
      server: 'https://127.0.0.1:6443',
      caPem: CA,
      userName: 'kubernetes-admin',
      certPem: CERT,
      keyPem: KEY,
    });
    expect(text).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        `    certificate-authority-data: ${b64(CA)}`,
        '    server: https://127.0.0.1:6443',
        '  name: kubernetes',
        'contexts:',
        '- context:',
        '    cluster: kubernetes',
        '    user: kubernetes-admin',
        '  name: kubernetes-admin@kubernetes',
        'current-context: kubernetes-admin@kubernetes',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: kubernetes-admin',
        '  user:',
        `    client-certificate-data: ${b64(CERT)}`,
        `    client-key-data: ${b64(KEY)}`,
        '',
      ].join('\n'),
    );
  });

  it('never folds long base64 lines and round-trips through parse + resolve', () => {
    const longCa = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(2000)}\n-----END CERTIFICATE-----\n`;
    const text = buildKubeconfig({ clusterName: 'default', server: 'https://x:1', caPem: longCa, userName: 'u', certPem: CERT, keyPem: KEY, contextName: 'ctx' });
    expect(text.split('\n').find((l) => l.includes('certificate-authority-data'))).toBe(`    certificate-authority-data: ${b64(longCa)}`);
    const r = resolveContext(parseKubeconfig(text));
    expect(r).toEqual({ contextName: 'ctx', clusterName: 'default', server: 'https://x:1', ca: longCa, cert: CERT, key: KEY });
  });
});

describe('parseKubeconfig + resolveContext', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubedeck-kubeconfig-'));
    await writeFile(join(dir, 'ca.crt'), CA);
    await writeFile(join(dir, 'client.crt'), CERT);
    await writeFile(join(dir, 'client.key'), KEY);
    await writeFile(join(dir, 'token'), 'file-token\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const multi = `
apiVersion: v1
kind: Config
current-context: files
clusters:
- name: prod
  cluster:
    server: https://prod.example:6443
    certificate-authority: ca.crt
- name: dev
  cluster:
    server: https://dev.example:6443
    insecure-skip-tls-verify: true
contexts:
- name: files
  context: { cluster: prod, user: certs, namespace: web }
- name: token
  context: { cluster: dev, user: bearer }
- name: tokenfile
  context: { cluster: dev, user: tf }
- name: exec
  context: { cluster: prod, user: sso }
- name: broken
  context: { cluster: nowhere, user: certs }
users:
- name: certs
  user:
    client-certificate: client.crt
    client-key: __DIR__/client.key
- name: bearer
  user:
    token: abc.def
- name: tf
  user:
    tokenFile: token
- name: sso
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: gke-gcloud-auth-plugin
`;

  it('reads file paths relative to the kubeconfig folder (and absolute ones as given)', () => {
    const cfg = parseKubeconfig(multi.replace('__DIR__', dir));
    expect(cfg.contexts.map((c) => c.name)).toEqual(['files', 'token', 'tokenfile', 'exec', 'broken']);
    expect(resolveContext(cfg, undefined, { baseDir: dir })).toEqual({
      contextName: 'files',
      clusterName: 'prod',
      server: 'https://prod.example:6443',
      namespace: 'web',
      ca: CA,
      cert: CERT,
      key: KEY,
    });
  });

  it('resolves bearer tokens, token files and insecure clusters', () => {
    const cfg = parseKubeconfig(multi.replace('__DIR__', dir));
    expect(resolveContext(cfg, 'token')).toEqual({
      contextName: 'token',
      clusterName: 'dev',
      server: 'https://dev.example:6443',
      token: 'abc.def',
      insecureSkipTLSVerify: true,
    });
    expect(resolveContext(cfg, 'tokenfile', { baseDir: dir }).token).toBe('file-token');
  });

  it('explains what is wrong', () => {
    const cfg = parseKubeconfig(multi.replace('__DIR__', dir));
    expect(() => resolveContext(cfg, 'nope')).toThrow('kubeconfig: context "nope" not found (contexts: files, token, tokenfile, exec, broken)');
    expect(() => resolveContext(cfg, 'broken')).toThrow('names cluster "nowhere", which is not defined');
    expect(() => resolveContext(cfg, 'exec', { baseDir: dir })).toThrow(/exec plugin \(gke-gcloud-auth-plugin\)/);
    expect(() => resolveContext(cfg, 'files', { baseDir: join(dir, 'elsewhere') })).toThrow(/cannot read certificate-authority .*ca\.crt/);
    expect(() => resolveContext(parseKubeconfig('apiVersion: v1\nkind: Config\n'))).toThrow('no current-context is set; name a context (it defines no contexts)');
    expect(() => parseKubeconfig('clusters: [{ name: a, cluster: {} }]')).toThrow('kubeconfig: clusters[0].cluster has no server');
    expect(() => parseKubeconfig('clusters: [{ cluster: { server: x } }]')).toThrow('kubeconfig: clusters[0] has no name');
    expect(() => parseKubeconfig('- a\n- b')).toThrow(/expected a mapping/);
    expect(() => parseKubeconfig('kind: Pod')).toThrow('kind is "Pod", expected "Config"');
    expect(() => parseKubeconfig('a: [')).toThrow(/not valid YAML/);
    const badData = parseKubeconfig(`
current-context: c
clusters: [{ name: k, cluster: { server: 'https://k', certificate-authority-data: bm90IHBlbQ== } }]
contexts: [{ name: c, context: { cluster: k, user: '' } }]
`);
    expect(() => resolveContext(badData)).toThrow('certificate-authority-data is not base64 of a PEM block');
    const halfCert = parseKubeconfig(`
current-context: c
clusters: [{ name: k, cluster: { server: 'https://k' } }]
contexts: [{ name: c, context: { cluster: k, user: u } }]
users: [{ name: u, user: { client-certificate-data: ${b64(CERT)} } }]
`);
    expect(() => resolveContext(halfCert)).toThrow('user "u" has a client certificate but no key');
  });
});
