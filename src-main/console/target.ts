/** What the console server serves: one cluster, reached over HTTPS with its own credentials. */
import type { RestConfig } from '../client/rest-client';
import type { ClusterSummary, FaultRequest, NodeRuntimeStatus } from '../common/console-api';

/** How to reach the cluster (server URL, CA, client certificate or token) plus what the console shows of it. */
export interface ConsoleTarget extends RestConfig {
  /** What `GET /api/console/v1/cluster` answers; read on each request, so it may be a getter. */
  summary: ClusterSummary;
  /** The kubeconfig the terminal's shell gets as KUBECONFIG. */
  kubeconfigPath?: string;
  /** Emulation-only controls of an embedded cluster (absent for a real cluster). */
  emulation?: {
    fault(req: FaultRequest): Promise<void>;
    status(): NodeRuntimeStatus[];
  };
}
