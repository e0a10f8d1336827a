/**
 * A kubeadm-like PKI: the cluster CA, the API server's serving certificate, the front-proxy CA,
 * the service-account signing key pair and the admin client certificate, with kubeadm's file
 * names, subjects, usages and lifetimes (CAs 10 years, leaves 1 year, RSA 2048, SHA-256).
 *
 * Keys are written as kubeadm writes them (PKCS#1 "RSA PRIVATE KEY", mode 0600), which Node's tls,
 * Go's crypto/tls (kubectl, etcd, etcdctl) and openssl all read.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, createPublicKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseKubeconfig } from './kubeconfig';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export interface CertKeyPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#1 "RSA PRIVATE KEY" when written here; PKCS#8 is read as well). */
  key: string;
}

export type CertUsage = 'server' | 'client';

export interface IssueOptions {
  commonName: string;
  organizations?: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
  usages: CertUsage[];
  /** 365 by default, as kubeadm. */
  validityDays?: number;
}

export interface ClusterPki {
  dir: string;
  ca: CertKeyPair;
  apiserver: CertKeyPair;
  apiserverKubeletClient: CertKeyPair;
  frontProxyCa: CertKeyPair;
  frontProxyClient: CertKeyPair;
  /** sa.key / sa.pub: signs and verifies service-account tokens. */
  serviceAccount: { key: string; pub: string };
  /** CN kubernetes-admin, O system:masters; kubeadm embeds it in admin.conf rather than pki/. */
  admin: CertKeyPair;
}

export interface ClusterPkiOptions {
  apiserverSans: { dnsNames: string[]; ipAddresses: string[] };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_VALIDITY_DAYS = 3650;
const LEAF_VALIDITY_DAYS = 365;
/** Certificates start a little in the past so that a slightly slow clock still accepts them. */
const BACKDATE_MS = 5 * 60 * 1000;

const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']);
}

/** PKCS#1 PEM ("RSA PRIVATE KEY"), as kubeadm writes keys. */
async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs1', format: 'pem' }).toString();
}

async function importSigningKey(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, RSA_ALGORITHM, false, ['sign']);
}

/** A positive 63-bit serial, as kubeadm draws it (crypto/rand below MaxInt64). */
function randomSerial(): string {
  const bytes = randomBytes(8);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function validity(now: number, days: number): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + days * DAY_MS) };
}

export async function createCA(commonName: string, now: number): Promise<CertKeyPair> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [commonName] }],
    ...validity(now, CA_VALIDITY_DAYS),
    keys,
    signingAlgorithm: RSA_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

/** A CA ready to sign: its parsed certificate and its imported private key. */
interface Signer {
  cert: x509.X509Certificate;
  key: CryptoKey;
  keyId: string;
}

async function signer(ca: CertKeyPair): Promise<Signer> {
  const cert = new x509.X509Certificate(ca.cert);
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const keyId = ski?.keyId ?? (await x509.SubjectKeyIdentifierExtension.create(cert.publicKey)).keyId;
  return { cert, key: await importSigningKey(ca.key), keyId };
}

async function issueWith(ca: Signer, opts: IssueOptions, now: number): Promise<CertKeyPair> {
  if (opts.usages.length === 0) throw new Error(`certificate "${opts.commonName}": give at least one usage (server, client)`);
  const keys = await generateKeyPair();
  // Go orders a subject O before CN (openssl shows "O = system:masters, CN = kubernetes-admin").
  const subject: x509.JsonName = [];
  if (opts.organizations?.length) subject.push({ O: opts.organizations });
  subject.push({ CN: [opts.commonName] });
  const sans: x509.JsonGeneralName[] = [
    ...(opts.dnsNames ?? []).map((value): x509.JsonGeneralName => ({ type: 'dns', value })),
    ...(opts.ipAddresses ?? []).map((value): x509.JsonGeneralName => ({ type: 'ip', value })),
  ];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension(
      opts.usages.map((u) => (u === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth)),
    ),
    new x509.AuthorityKeyIdentifierExtension(ca.keyId),
  ];
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject,
    issuer: ca.cert.subjectName,
    ...validity(now, opts.validityDays ?? LEAF_VALIDITY_DAYS),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: RSA_ALGORITHM,
    extensions,
  });
  return { cert: cert.toString('pem'), key: await privateKeyPem(keys.privateKey) };
}

export async function issueCert(ca: CertKeyPair, opts: IssueOptions, now: number): Promise<CertKeyPair> {
  return issueWith(await signer(ca), opts, now);
}

// ---------------------------------------------------------------------------------------------
// Loading and checking what is on disk

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}

async function writeAtomic(path: string, text: string, mode: number): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, text, { mode });
  await rename(tmp, path);
}

/** Why a certificate/key pair cannot be used, or undefined when it can. */
function problemWith(pair: CertKeyPair, issuer: X509Certificate | 'self', now: number, sans?: ClusterPkiOptions['apiserverSans']): string | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pair.cert);
  } catch (e) {
    return `the certificate does not parse (${(e as Error).message})`;
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(pair.key))) return 'the key does not belong to the certificate';
  } catch (e) {
    return `the key does not parse (${(e as Error).message})`;
  }
  const ca = issuer === 'self' ? cert : issuer;
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return `it is not signed by ${ca.subject.replace(/\n/g, ', ')}`;
  if (Date.parse(cert.validTo) <= now) return `it expired on ${cert.validTo}`;
  if (sans) {
    const have = new Set((cert.subjectAltName ?? '').split(/,\s*/));
    const missing = [...sans.dnsNames.map((n) => `DNS:${n}`), ...sans.ipAddresses.map((ip) => `IP Address:${ip}`)].filter(
      (n) => !have.has(n),
    );
    if (missing.length > 0) return `it lacks the names ${missing.join(', ')}`;
  }
  return undefined;
}

async function loadPair(dir: string, base: string): Promise<CertKeyPair | undefined> {
  const [cert, key] = await Promise.all([readIfExists(join(dir, `${base}.crt`)), readIfExists(join(dir, `${base}.key`))]);
  return cert !== undefined && key !== undefined ? { cert, key } : undefined;
}

async function writePair(dir: string, base: string, pair: CertKeyPair): Promise<void> {
  await writeAtomic(join(dir, `${base}.key`), pair.key, 0o600);
  await writeAtomic(join(dir, `${base}.crt`), pair.cert, 0o644);
}

/** Loads a CA; creates it only when neither file exists (a broken CA is an error, not replaced). */
async function ensureCA(dir: string, base: string, commonName: string, now: number): Promise<CertKeyPair> {
  const existing = await loadPair(dir, base);
  if (existing) {
    const problem = problemWith(existing, 'self', now);
    if (problem) {
      throw new Error(
        `${join(dir, `${base}.crt`)} cannot be used: ${problem}. Every certificate of the cluster depends on it; ` +
          `move the pki folder away to create a new PKI (kubectl users will need the new admin.conf).`,
      );
    }
    return existing;
  }
  const ca = await createCA(commonName, now);
  await writePair(dir, base, ca);
  return ca;
}

/** Loads a leaf certificate, or issues it again when it is missing, expired, or lacks names. */
async function ensureLeaf(dir: string, base: string, ca: Signer, opts: IssueOptions, now: number): Promise<CertKeyPair> {
  const existing = await loadPair(dir, base);
  const caCert = new X509Certificate(ca.cert.toString('pem'));
  const wantSans = opts.dnsNames || opts.ipAddresses ? { dnsNames: opts.dnsNames ?? [], ipAddresses: opts.ipAddresses ?? [] } : undefined;
  if (existing && !problemWith(existing, caCert, now, wantSans)) return existing;
  const pair = await issueWith(ca, opts, now);
  await writePair(dir, base, pair);
  return pair;
}

async function ensureServiceAccountKey(dir: string): Promise<{ key: string; pub: string }> {
  const keyPath = join(dir, 'sa.key');
  const pubPath = join(dir, 'sa.pub');
  const [key, pub] = await Promise.all([readIfExists(keyPath), readIfExists(pubPath)]);
  if (key !== undefined && pub !== undefined) {
    try {
      const derived = createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'pem' }).toString();
      if (derived.trim() === pub.trim()) return { key, pub };
    } catch {
      // unreadable: made again below
    }
  }
  const keys = await generateKeyPair();
  const newKey = await privateKeyPem(keys.privateKey);
  const newPub = createPublicKey(createPrivateKey(newKey)).export({ type: 'spki', format: 'pem' }).toString();
  await writeAtomic(keyPath, newKey, 0o600);
  await writeAtomic(pubPath, newPub, 0o644);
  return { key: newKey, pub: newPub };
}

const ADMIN: IssueOptions = { commonName: 'kubernetes-admin', organizations: ['system:masters'], usages: ['client'] };

/** The admin credentials already embedded in `../admin.conf`, when they are still good. */
async function existingAdmin(pkiDirPath: string, ca: X509Certificate, now: number): Promise<CertKeyPair | undefined> {
  const text = await readIfExists(join(dirname(pkiDirPath), 'admin.conf'));
  if (text === undefined) return undefined;
  try {
    const cfg = parseKubeconfig(text);
    for (const { user } of cfg.users) {
      const certData = user['client-certificate-data'];
      const keyData = user['client-key-data'];
      if (!certData || !keyData) continue;
      const pair = { cert: Buffer.from(certData, 'base64').toString('utf8'), key: Buffer.from(keyData, 'base64').toString('utf8') };
      if (problemWith(pair, ca, now)) continue;
      const subject = new X509Certificate(pair.cert).subject;
      if (subject.includes(`CN=${ADMIN.commonName}`) && subject.includes('O=system:masters')) return pair;
    }
  } catch {
    // a damaged admin.conf: issue a new admin certificate
  }
  return undefined;
}

/**
 * Loads the cluster's PKI from `pkiDir` (`<node>/etc/kubernetes/pki`), creating what is missing
 * with kubeadm's file names. Existing valid files are kept; leaves that are missing, expired or
 * lack a requested name are issued again from the same CA.
 */
export async function ensureClusterPki(pkiDirPath: string, now: number, opts: ClusterPkiOptions): Promise<ClusterPki> {
  await mkdir(pkiDirPath, { recursive: true });
  const [ca, frontProxyCa, serviceAccount] = await Promise.all([
    ensureCA(pkiDirPath, 'ca', 'kubernetes', now),
    ensureCA(pkiDirPath, 'front-proxy-ca', 'front-proxy-ca', now),
    ensureServiceAccountKey(pkiDirPath),
  ]);
  const [caSigner, frontProxySigner] = await Promise.all([signer(ca), signer(frontProxyCa)]);
  const [apiserver, apiserverKubeletClient, frontProxyClient, admin] = await Promise.all([
    ensureLeaf(
      pkiDirPath,
      'apiserver',
      caSigner,
      { commonName: 'kube-apiserver', dnsNames: opts.apiserverSans.dnsNames, ipAddresses: opts.apiserverSans.ipAddresses, usages: ['server'] },
      now,
    ),
    ensureLeaf(
      pkiDirPath,
      'apiserver-kubelet-client',
      caSigner,
      { commonName: 'kube-apiserver-kubelet-client', organizations: ['kubeadm:cluster-admins'], usages: ['client'] },
      now,
    ),
    ensureLeaf(pkiDirPath, 'front-proxy-client', frontProxySigner, { commonName: 'front-proxy-client', usages: ['client'] }, now),
    existingAdmin(pkiDirPath, new X509Certificate(ca.cert), now).then((found) => found ?? issueWith(caSigner, ADMIN, now)),
  ]);
  return { dir: pkiDirPath, ca, apiserver, apiserverKubeletClient, frontProxyCa, frontProxyClient, serviceAccount, admin };
}

export interface EtcdPki {
  ca: CertKeyPair;
  server: CertKeyPair;
  peer: CertKeyPair;
  healthcheckClient: CertKeyPair;
  /** pki/apiserver-etcd-client: how kube-apiserver authenticates to etcd. */
  apiserverEtcdClient: CertKeyPair;
}

/**
 * The etcd PKI of a control-plane node, laid out as kubeadm does: pki/etcd/{ca, server, peer,
 * healthcheck-client} and pki/apiserver-etcd-client. Server and peer certificates name the node,
 * localhost and its addresses, so `etcdctl --endpoints=https://127.0.0.1:2379` verifies.
 */
export async function ensureEtcdPki(pkiDirPath: string, now: number, node: { name: string; ip: string }): Promise<EtcdPki> {
  const dir = join(pkiDirPath, 'etcd');
  await mkdir(dir, { recursive: true });
  const ca = await ensureCA(dir, 'ca', 'etcd-ca', now);
  const s = await signer(ca);
  const sans = { dnsNames: [node.name, 'localhost'], ipAddresses: [node.ip, '127.0.0.1'] };
  const [server, peer, healthcheckClient, apiserverEtcdClient] = await Promise.all([
    ensureLeaf(dir, 'server', s, { commonName: node.name, ...sans, usages: ['server', 'client'] }, now),
    ensureLeaf(dir, 'peer', s, { commonName: node.name, ...sans, usages: ['server', 'client'] }, now),
    ensureLeaf(dir, 'healthcheck-client', s, { commonName: 'kube-etcd-healthcheck-client', usages: ['client'] }, now),
    ensureLeaf(pkiDirPath, 'apiserver-etcd-client', s, { commonName: 'kube-apiserver-etcd-client', usages: ['client'] }, now),
  ]);
  return { ca, server, peer, healthcheckClient, apiserverEtcdClient };
}
