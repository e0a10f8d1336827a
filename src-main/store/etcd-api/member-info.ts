/**
 * Who a member is, as etcd computes it: the member ID is the first 8 bytes of SHA-1 over its
 * sorted peer URLs and the cluster token; the cluster ID folds the member IDs together. IDs print
 * as lowercase hex without leading zeros, as etcdctl shows them.
 */
import { createHash } from 'node:crypto';

export interface MemberInfo {
  name: string;
  /** uint64 as a decimal string (the wire form). */
  id: string;
  peerURLs: string[];
  clientURLs: string[];
  isLearner: boolean;
}

export const ETCD_VERSION = '3.5.16';
export const CLUSTER_VERSION = '3.5.0';

export function memberId(peerURLs: string[], clusterToken: string): string {
  const h = createHash('sha1').update([...peerURLs].sort().join('') + clusterToken).digest();
  return h.readBigUInt64BE(0).toString();
}

export function clusterId(memberIds: string[]): string {
  const h = createHash('sha1');
  for (const id of [...memberIds].sort()) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(id));
    h.update(b);
  }
  return h.digest().readBigUInt64BE(0).toString();
}

export function hexId(id: string): string {
  return BigInt(id).toString(16);
}
