/**
 * The one way Kubedeck starts: the embedded cluster, then the console server in front of it.
 * Used by the headless launcher and by the Electron main process alike.
 */
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster/embedded-cluster';
import { startConsoleServer, type ConsoleServer } from './console-server';

export interface LaunchOptions {
  dataDir: string;
  /** The cluster's folder name under <dataDir>/clusters; 'default' by default. */
  clusterName?: string;
  /** The built renderer (out/renderer), resolved by the caller relative to its own built file. */
  rendererDir: string;
  /** Console server port; 0 (the default) picks a free one. */
  port?: number;
  token?: string;
  /** Folders put first on the terminal's PATH (bundled tools). */
  extraPath?: string[];
}

export interface Launched {
  /** The console URL with this launch's secret. */
  url: string;
  port: number;
  token: string;
  kubeconfigPath: string;
  etcdEndpoints: string[];
  cluster: EmbeddedCluster;
  /** Closes the console server (terminals included), then stops the cluster. Idempotent. */
  stop(): Promise<void>;
}

export async function launchConsole(opts: LaunchOptions): Promise<Launched> {
  const cluster = await startEmbeddedCluster({ dataDir: opts.dataDir, name: opts.clusterName ?? 'default' });
  let server: ConsoleServer;
  try {
    server = await startConsoleServer({
      target: {
        get summary() {
          return cluster.summary();
        },
        server: cluster.server,
        ca: cluster.ca,
        cert: cluster.adminCert,
        key: cluster.adminKey,
        kubeconfigPath: cluster.kubeconfigPath,
        emulation: cluster.runtime,
      },
      rendererDir: opts.rendererDir,
      port: opts.port,
      token: opts.token,
      terminal: { env: { KUBECONFIG: cluster.kubeconfigPath, ETCDCTL_API: '3' }, extraPath: opts.extraPath },
    });
  } catch (e) {
    await cluster.stop();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${opts.port ?? 0} is already in use; choose another with --port, or 0 for any free port`);
    }
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    token: server.token,
    kubeconfigPath: cluster.kubeconfigPath,
    etcdEndpoints: cluster.etcdEndpoints,
    cluster,
    stop() {
      stopping ??= (async () => {
        try {
          await server.close();
        } finally {
          await cluster.stop();
        }
      })();
      return stopping;
    },
  };
}
