/** What the console server serves: one cluster, reached over HTTPS with its own credentials. */
import type { ClusterSummary } from '../common/console-api';

export interface ConsoleTarget {
  /** What `GET /api/console/v1/cluster` answers; read on each request, so it may be a getter. */
  summary: ClusterSummary;
  /** The API server's URL (https://host:port, optionally with a path prefix). */
  server: string;
  /** PEM of the CA that signs the API server's certificate. */
  ca?: string;
  /** PEM client certificate and key the console authenticates with. */
  cert?: string;
  key?: string;
  /** Bearer token the console authenticates with (instead of, or as well as, a certificate). */
  token?: string;
  insecureSkipTLSVerify?: boolean;
  /** The kubeconfig the terminal's shell gets as KUBECONFIG. */
  kubeconfigPath?: string;
}
