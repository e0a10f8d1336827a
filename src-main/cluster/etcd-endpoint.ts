/**
 * The etcd client endpoint of a control-plane node: the node's store member served over the etcd
 * v3 gRPC API with the node's etcd certificates (kubeadm layout), so etcdctl commands from the
 * CKA drills run as written.
 */
import type { Clock } from '../common/clock';
import type { Rand } from '../common/rand';
import { startEtcdServer, type EtcdServer } from '../store/etcd-api/etcd-server';
import { clusterId, memberId, type MemberInfo } from '../store/etcd-api/member-info';
import type { StoreMember } from '../store/member';
import type { EtcdPki } from './pki';

/** kubeadm's --initial-cluster-token default. */
const CLUSTER_TOKEN = 'etcd-cluster';

export async function startEtcdEndpoint(opts: {
  kv: StoreMember;
  clock: Clock;
  rand: Rand;
  pki: EtcdPki;
  node: { name: string; ip: string };
  port?: number;
}): Promise<EtcdServer> {
  const { node } = opts;
  const peerURLs = [`https://${node.ip}:2380`];
  const id = memberId(peerURLs, CLUSTER_TOKEN);
  let self: MemberInfo = { name: node.name, id, peerURLs, clientURLs: [], isLearner: false };
  const cluster = clusterId([id]);
  const server = await startEtcdServer({
    kv: opts.kv,
    clock: opts.clock,
    rand: opts.rand,
    // A single member elects itself in term 2 after its first start, as etcd does.
    identity: { clusterId: cluster, memberId: id, raftTerm: () => 2 },
    status: {
      dbSize: async () => opts.kv.backendSize(),
      leader: () => id,
      raftIndex: () => opts.kv.stats().appliedIndex,
      raftAppliedIndex: () => opts.kv.stats().appliedIndex,
      snapshot: () => opts.kv.exportSnapshot(),
      members: () => [self],
      get self() {
        return self;
      },
    },
    tls: { ca: opts.pki.ca.cert, cert: opts.pki.server.cert, key: opts.pki.server.key },
    port: opts.port,
  });
  self = { ...self, clientURLs: [server.url] };
  return server;
}
