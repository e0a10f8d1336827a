import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKubeconfig } from './kubeconfig';
import { createCA, ensureClusterPki, issueCert, type CertKeyPair, type ClusterPki } from './pki';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 24 * 60 * 60 * 1000;
const SANS = {
  dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', 'cp-1'],
  ipAddresses: ['127.0.0.1', '10.96.0.1'],
};

function sanList(pem: string): string[] {
  return (new X509Certificate(pem).subjectAltName ?? '').split(/,\s*/);
}

describe('createCA / issueCert', () => {
  let ca: CertKeyPair;
  let server: CertKeyPair;
  let client: CertKeyPair;

  beforeAll(async () => {
    ca = await createCA('kubernetes', NOW);
    [server, client] = await Promise.all([
      issueCert(ca, { commonName: 'kube-apiserver', dnsNames: ['localhost', 'kubernetes'], ipAddresses: ['127.0.0.1', '::1'], usages: ['server'] }, NOW),
      issueCert(ca, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usages: ['client'] }, NOW),
    ]);
  });

  it('makes a 10-year RSA 2048 CA with kubeadm-style key usage', () => {
    const cert = new X509Certificate(ca.cert);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=kubernetes');
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(Date.parse(cert.validTo) - NOW).toBeGreaterThanOrEqual(3650 * DAY - 1000);
    expect(Date.parse(cert.validFrom)).toBeLessThanOrEqual(NOW);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(ca.key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(cert.checkPrivateKey(createPrivateKey(ca.key))).toBe(true);
  });

  it('issues leaves that chain to the CA, with SANs, usages, subject and a 1-year default', () => {
    const s = new X509Certificate(server.cert);
    const caCert = new X509Certificate(ca.cert);
    expect(s.ca).toBe(false);
    expect(s.checkIssued(caCert)).toBe(true);
    expect(s.verify(caCert.publicKey)).toBe(true);
    expect(s.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(sanList(server.cert)).toEqual(expect.arrayContaining(['DNS:localhost', 'DNS:kubernetes', 'IP Address:127.0.0.1']));
    expect(s.subjectAltName).toMatch(/IP Address:0:0:0:0:0:0:0:1|IP Address:::1/);
    expect(Math.round((Date.parse(s.validTo) - NOW) / DAY)).toBe(365);

    const c = new X509Certificate(client.cert);
    expect(c.subject).toBe('O=system:masters\nCN=kubernetes-admin');
    expect(c.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(c.serialNumber).not.toBe(s.serialNumber);
    expect(c.checkPrivateKey(createPrivateKey(client.key))).toBe(true);
  });

  it('honours validityDays and refuses a certificate without usages', async () => {
    const short = await issueCert(ca, { commonName: 'x', usages: ['client'], validityDays: 2 }, NOW);
    expect(Math.round((Date.parse(new X509Certificate(short.cert).validTo) - NOW) / DAY)).toBe(2);
    await expect(issueCert(ca, { commonName: 'x', usages: [] }, NOW)).rejects.toThrow(/at least one usage/);
  });

  it('is accepted by Node tls, and a TLS handshake authenticates both sides', async () => {
    // Real time for the handshake: these certificates are valid from now.
    const now = Date.now();
    const liveCa = await createCA('kubernetes', now);
    const [srv, cli] = await Promise.all([
      issueCert(liveCa, { commonName: 'kube-apiserver', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usages: ['server'] }, now),
      issueCert(liveCa, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usages: ['client'] }, now),
    ]);
    expect(() => tls.createSecureContext({ cert: srv.cert, key: srv.key, ca: liveCa.cert })).not.toThrow();
    const httpsServer = https.createServer({ cert: srv.cert, key: srv.key, ca: liveCa.cert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const peer = (req.socket as tls.TLSSocket).getPeerCertificate();
      res.end(JSON.stringify({ cn: peer.subject.CN, o: peer.subject.O }));
    });
    await new Promise<void>((r) => httpsServer.listen(0, '127.0.0.1', r));
    try {
      const { port } = httpsServer.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/', ca: liveCa.cert, cert: cli.cert, key: cli.key }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (text += d));
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ cn: 'kubernetes-admin', o: 'system:masters' });
    } finally {
      await new Promise((r) => httpsServer.close(r));
    }
  });
});

describe('ensureClusterPki', () => {
  let dir: string;
  let pkiDir: string;
  let first: ClusterPki;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubedeck-pki-'));
    pkiDir = join(dir, 'etc', 'kubernetes', 'pki');
    first = await ensureClusterPki(pkiDir, NOW, { apiserverSans: SANS });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes kubeadm file names, keys 0600', async () => {
    for (const base of ['ca', 'apiserver', 'apiserver-kubelet-client', 'front-proxy-ca', 'front-proxy-client']) {
      expect((await stat(join(pkiDir, `${base}.crt`))).isFile()).toBe(true);
      expect((await stat(join(pkiDir, `${base}.key`))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(join(pkiDir, 'sa.key'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(pkiDir, 'sa.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await readFile(join(pkiDir, 'ca.crt'), 'utf8')).toBe(first.ca.cert);
  });

  it('gives the API server its SANs and chains everything to the right CA', () => {
    const ca = new X509Certificate(first.ca.cert);
    const fpCa = new X509Certificate(first.frontProxyCa.cert);
    expect(sanList(first.apiserver.cert)).toEqual(
      expect.arrayContaining([...SANS.dnsNames.map((n) => `DNS:${n}`), ...SANS.ipAddresses.map((ip) => `IP Address:${ip}`)]),
    );
    for (const leaf of [first.apiserver, first.apiserverKubeletClient, first.admin]) {
      expect(new X509Certificate(leaf.cert).verify(ca.publicKey)).toBe(true);
    }
    expect(new X509Certificate(first.frontProxyClient.cert).verify(fpCa.publicKey)).toBe(true);
    expect(new X509Certificate(first.admin.cert).subject).toBe('O=system:masters\nCN=kubernetes-admin');
    expect(new X509Certificate(first.apiserver.cert).subject).toBe('CN=kube-apiserver');
    const saPub = createPublicKey(createPrivateKey(first.serviceAccount.key)).export({ type: 'spki', format: 'pem' }).toString();
    expect(saPub).toBe(first.serviceAccount.pub);
    expect(() => tls.createSecureContext({ cert: first.apiserver.cert, key: first.apiserver.key, ca: first.ca.cert })).not.toThrow();
    expect(() => tls.createSecureContext({ cert: first.admin.cert, key: first.admin.key })).not.toThrow();
  });

  it('loads what exists on the next call instead of making it again', async () => {
    // admin.conf beside pki/ carries the admin certificate between launches, as in kubeadm.
    await writeFile(
      join(dir, 'etc', 'kubernetes', 'admin.conf'),
      buildKubeconfig({
        clusterName: 'default',
        server: 'https://127.0.0.1:6443',
        caPem: first.ca.cert,
        userName: 'kubernetes-admin',
        certPem: first.admin.cert,
        keyPem: first.admin.key,
      }),
    );
    const second = await ensureClusterPki(pkiDir, NOW + DAY, { apiserverSans: SANS });
    expect(second).toEqual(first);
  });

  it('issues a leaf again when it lacks a requested name or expired, keeping the CA', async () => {
    const more = { dnsNames: [...SANS.dnsNames, 'cp-2'], ipAddresses: SANS.ipAddresses };
    const third = await ensureClusterPki(pkiDir, NOW + DAY, { apiserverSans: more });
    expect(third.ca).toEqual(first.ca);
    expect(third.apiserver.cert).not.toBe(first.apiserver.cert);
    expect(sanList(third.apiserver.cert)).toContain('DNS:cp-2');
    const later = await ensureClusterPki(pkiDir, NOW + 400 * DAY, { apiserverSans: more });
    expect(later.ca).toEqual(first.ca);
    expect(later.apiserverKubeletClient.cert).not.toBe(first.apiserverKubeletClient.cert);
    expect(later.admin.cert).not.toBe(first.admin.cert);
  });

  it('refuses a damaged CA with a message that says what to do', async () => {
    await writeFile(join(pkiDir, 'front-proxy-ca.key'), first.ca.key);
    await expect(ensureClusterPki(pkiDir, NOW, { apiserverSans: SANS })).rejects.toThrow(/front-proxy-ca\.crt cannot be used: the key does not belong/);
  });
});
