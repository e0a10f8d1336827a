/**
 * The composition root of an embedded cluster: its folder laid out like real machines, the PKI,
 * the store member, the API server, the admin kubeconfig and the bootstrap objects.
 */
import { randomInt } from 'node:crypto';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import net from 'node:net';
import { dirname } from 'node:path';
import { RealClock, type Clock } from '../common/clock';
import type { ClusterSummary } from '../common/console-api';
import { seededRand } from '../common/rand';
import { KUBERNETES_VERSION } from '../kube/version';
import { openStore } from '../store/member';
import { startApiServer, type ApiServer } from '../apiserver/api-server';
import { RestClient } from '../client/rest-client';
import { bootstrapCluster } from './bootstrap';
import { startClusterRuntime, type ClusterRuntime } from './cluster-runtime';
import { buildKubeconfig } from './kubeconfig';
import { adminConfPath, clusterDir, clusterJson, etcdMemberDir, manifestsDir, nodeDir, pkiDir } from './layout';
import { readManifests, writeManifestsIfMissing } from './manifest-folder';
import { staticPodManifests } from './static-pod-manifests';
import { startEtcdEndpoint } from './etcd-endpoint';
import { ensureClusterPki, ensureEtcdPki } from './pki';
import type { EtcdServer } from '../store/etcd-api/etcd-server';
import { defaultTopology, type Topology } from './topology';

export interface EmbeddedClusterOptions {
  dataDir: string;
  name?: string;
  /** Port of the API server; by default the one this cluster used last, or a free one. */
  apiserverPort?: number;
  clock?: Clock;
  /** Kubelets start containers at once (fast) or with pull and start delays (realistic). */
  kubeletMode?: 'fast' | 'realistic';
}

export interface EmbeddedCluster {
  name: string;
  dir: string;
  server: string;
  kubeconfigPath: string;
  /** The etcd members' client URLs (https, client certificates from pki/etcd). */
  etcdEndpoints: string[];
  ca: string;
  adminCert: string;
  adminKey: string;
  summary(): ClusterSummary;
  /** Faults and status of the simulated nodes and control-plane components. */
  runtime: Pick<ClusterRuntime, 'fault' | 'status'>;
  stop(): Promise<void>;
}

/** What cluster.json records about a cluster between launches. */
interface ClusterRecord {
  name: string;
  createdAt: string;
  kubernetesVersion: string;
  apiserverPort?: number;
  etcdPort?: number;
  topology: { controlPlanes: string[]; workers: string[] };
}

async function readRecord(path: string): Promise<ClusterRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ClusterRecord;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function startEmbeddedCluster(opts: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const clock = opts.clock ?? new RealClock();
  const name = opts.name ?? 'default';
  const dir = clusterDir(opts.dataDir, name);
  await mkdir(dir, { recursive: true });
  const topology: Topology = defaultTopology();
  const firstCp = topology.controlPlanes[0].name;
  const recordPath = clusterJson(dir);
  const record: ClusterRecord = (await readRecord(recordPath)) ?? {
    name,
    createdAt: new Date(clock.now()).toISOString(),
    kubernetesVersion: KUBERNETES_VERSION.gitVersion,
    topology: {
      controlPlanes: topology.controlPlanes.map((n) => n.name),
      workers: topology.workers.map((n) => n.name),
    },
  };

  const cpDir = nodeDir(dir, firstCp);
  const pki = await ensureClusterPki(pkiDir(cpDir), clock.now(), {
    apiserverSans: {
      dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', firstCp],
      ipAddresses: ['127.0.0.1', '10.96.0.1', topology.controlPlanes[0].internalIP],
    },
  });

  const etcdPki = await ensureEtcdPki(pkiDir(cpDir), clock.now(), { name: firstCp, ip: topology.controlPlanes[0].internalIP });
  const kv = await openStore({ dataDir: etcdMemberDir(cpDir) });
  let apiserver: ApiServer | undefined;
  let etcd: EtcdServer | undefined;
  let runtime: ClusterRuntime | undefined;
  try {
    let port = opts.apiserverPort ?? record.apiserverPort ?? 0;
    if (port !== 0 && opts.apiserverPort === undefined && !(await portIsFree(port))) port = 0;
    apiserver = await startApiServer({
      kv,
      clock,
      rand: seededRand(randomInt(2 ** 31)),
      tls: { cert: pki.apiserver.cert, key: pki.apiserver.key, ca: pki.ca.cert },
      serviceAccountKeys: pki.serviceAccount,
      port,
    });
    record.apiserverPort = apiserver.port;
    let etcdPort = record.etcdPort ?? 0;
    if (etcdPort !== 0 && !(await portIsFree(etcdPort))) etcdPort = 0;
    etcd = await startEtcdEndpoint({ kv, clock, rand: seededRand(randomInt(2 ** 31)), pki: etcdPki, node: { name: firstCp, ip: topology.controlPlanes[0].internalIP }, port: etcdPort });
    record.etcdPort = etcd.port;
    await writeAtomic(recordPath, JSON.stringify(record, null, 2) + '\n');

    const kubeconfigPath = adminConfPath(cpDir);
    await mkdir(dirname(kubeconfigPath), { recursive: true });
    await writeAtomic(
      kubeconfigPath,
      buildKubeconfig({
        clusterName: name,
        server: apiserver.url,
        caPem: pki.ca.cert,
        userName: 'kubernetes-admin',
        certPem: pki.admin.cert,
        keyPem: pki.admin.key,
      }),
    );

    const client = new RestClient({ server: apiserver.url, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key });
    try {
      await bootstrapCluster(client, topology, name, clock.now());
    } finally {
      client.close();
    }

    const peers = topology.controlPlanes.map((n) => ({ name: n.name, ip: n.internalIP }));
    for (const cp of topology.controlPlanes) {
      await writeManifestsIfMissing(manifestsDir(nodeDir(dir, cp.name)), staticPodManifests(cp, peers));
    }
    runtime = await startClusterRuntime({
      staticPods: (node) => readManifests(manifestsDir(nodeDir(dir, node))),
      ctx: apiserver.context,
      clock,
      topology,
      seed: randomInt(2 ** 31),
      kubeletMode: opts.kubeletMode,
      caPem: pki.ca.cert,
    });
    const live = runtime;
    const etcdServer = etcd;
    const server = apiserver.url;
    const running = apiserver;
    let stopped = false;
    return {
      name,
      dir,
      server,
      kubeconfigPath,
      etcdEndpoints: [etcdServer.url],
      runtime: { fault: (req) => live.fault(req), status: () => live.status() },
      ca: pki.ca.cert,
      adminCert: pki.admin.cert,
      adminKey: pki.admin.key,
      summary: () => ({
        name,
        kind: 'embedded',
        server,
        kubernetesVersion: KUBERNETES_VERSION.gitVersion,
        kubeconfigPath,
      }),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await live.stop();
        await running.close();
        await etcdServer.close();
        await kv.close();
      },
    };
  } catch (e) {
    await runtime?.stop();
    await apiserver?.close();
    await etcd?.close();
    await kv.close();
    throw e;
  }
}
