/**
 * Service-account tokens as kube-apiserver issues and checks them: RS256 JWTs signed with the
 * cluster's sa.key (key ID = base64url SHA-256 of the public key's DER), issuer
 * https://kubernetes.default.svc.cluster.local, the `kubernetes.io` claim naming the namespace
 * and service account (and the pod, for bound tokens). A valid token authenticates as
 * system:serviceaccount:<namespace>:<name>.
 */
import { createHash, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type { UserInfo } from './authn';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const DEFAULT_AUDIENCES = [ISSUER];

export interface TokenClaims {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
  audiences: string[];
  /** Seconds from now until the token expires. */
  expirationSeconds: number;
}

interface KubernetesClaim {
  namespace?: string;
  serviceaccount?: { name?: string; uid?: string };
  pod?: { name?: string; uid?: string };
}

export class ServiceAccountTokens {
  private constructor(
    private readonly signingKey: CryptoKey | KeyObject,
    private readonly verifyKey: CryptoKey | KeyObject,
    private readonly kid: string,
    private readonly now: () => number,
  ) {}

  static async create(privatePem: string, publicPem: string, now: () => number): Promise<ServiceAccountTokens> {
    // sa.key is PKCS#1 as kubeadm writes it; jose imports PKCS#8.
    const pkcs8 = createPrivateKey(privatePem).export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
    const kid = createHash('sha256').update(der).digest('base64url');
    return new ServiceAccountTokens(await importPKCS8(pkcs8, 'RS256'), await importSPKI(publicPem, 'RS256'), kid, now);
  }

  async issue(c: TokenClaims): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + c.expirationSeconds;
    const k8s: KubernetesClaim = { namespace: c.namespace, ...(c.pod ? { pod: c.pod } : {}), serviceaccount: c.serviceAccount };
    const token = await new SignJWT({ 'kubernetes.io': k8s })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setAudience(c.audiences)
      .setIssuer(ISSUER)
      .setSubject(`system:serviceaccount:${c.namespace}:${c.serviceAccount.name}`)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.signingKey);
    return { token, expiresAt: exp * 1000 };
  }

  /** The service account a bearer token stands for, or undefined if it is not one of ours or has expired. */
  async authenticate(token: string): Promise<UserInfo | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.verifyKey, { issuer: ISSUER, currentDate: new Date(this.now()) });
      const k8s = payload['kubernetes.io'] as KubernetesClaim | undefined;
      const ns = k8s?.namespace;
      const name = k8s?.serviceaccount?.name;
      if (!ns || !name) return undefined;
      return {
        username: `system:serviceaccount:${ns}:${name}`,
        uid: k8s.serviceaccount?.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
        ...(k8s.pod?.name ? { extra: { 'authentication.kubernetes.io/pod-name': [k8s.pod.name], 'authentication.kubernetes.io/pod-uid': [k8s.pod.uid ?? ''] } } : {}),
      };
    } catch {
      return undefined;
    }
  }
}

