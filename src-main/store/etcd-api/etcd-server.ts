/**
 * An etcd member's client endpoint: the v3 gRPC API (KV, Watch, Lease, Cluster, Maintenance)
 * over TLS with client-certificate authentication, on top of a store member, as `etcd
 * --client-cert-auth --trusted-ca-file ...` serves it. The API server keeps using the member
 * through its storage interface; etcdctl and other clients come in here.
 */
import * as grpc from '@grpc/grpc-js';
import type { Clock } from '../../common/clock';
import type { Rand } from '../../common/rand';
import type { KV } from '../kv';
import type { MemberIdentity } from './convert';
import { kvService } from './kv-service';
import { leaseService } from './lease-service';
import { Lessor } from './lessor';
import { maintenanceServices, type MemberStatus } from './maintenance-service';
import { service } from './proto';
import { watchService } from './watch-service';

export interface EtcdServerOptions {
  kv: KV;
  clock: Clock;
  rand: Rand;
  identity: MemberIdentity;
  status: MemberStatus;
  tls: { ca: string; cert: string; key: string };
  host?: string;
  port?: number;
}

export interface EtcdServer {
  /** The client URL, e.g. https://127.0.0.1:2379. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEtcdServer(opts: EtcdServerOptions): Promise<EtcdServer> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 2 * 1024 * 1024 + 512 * 1024 });
  const lessor = new Lessor(opts.kv, opts.clock, opts.rand);
  const { maintenance, cluster } = maintenanceServices(opts.kv, opts.identity, opts.status);
  server.addService(service('KV'), kvService(opts.kv, opts.identity, (lease) => lessor.get(BigInt(lease)) !== undefined));
  server.addService(service('Watch'), watchService(opts.kv, opts.identity));
  server.addService(service('Lease'), leaseService(opts.kv, lessor, opts.identity));
  server.addService(service('Maintenance'), maintenance);
  server.addService(service('Cluster'), cluster);
  const creds = grpc.ServerCredentials.createSsl(Buffer.from(opts.tls.ca), [{ cert_chain: Buffer.from(opts.tls.cert), private_key: Buffer.from(opts.tls.key) }], true);
  const host = opts.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${opts.port ?? 0}`, creds, (err, p) => (err ? reject(err) : resolve(p)));
  });
  return {
    url: `https://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        lessor.stop();
        server.tryShutdown(() => resolve());
        // Open watch streams would hold a graceful shutdown forever.
        setTimeout(() => server.forceShutdown(), 500).unref();
      }),
  };
}
