/**
 * The console API contract: what the renderer may ask of the console server beyond the Kubernetes
 * API. Both sides import these types; nothing else defines the shapes.
 *
 * Paths (all on the console server's loopback origin, all requiring the per-launch secret):
 *   GET  {CONSOLE_API_PREFIX}/cluster            → ClusterSummary
 *   WS   {CONSOLE_API_PREFIX}/terminal?cols&rows → TerminalClientMessage ⇄ TerminalServerMessage
 *   ANY  {KUBE_PROXY_PREFIX}/<kubernetes path>   → proxied to the cluster's API server as the
 *                                                  console's user (watch streams included)
 */

export const CONSOLE_API_PREFIX = '/api/console/v1';
export const KUBE_PROXY_PREFIX = '/k8s';

/** The per-launch secret: given once in the URL query, then kept in a same-site, http-only cookie. */
export const TOKEN_QUERY_PARAM = 'token';
export const TOKEN_COOKIE = 'kubedeck_token';

export type ClusterKind = 'embedded' | 'kubeconfig';

export interface ClusterSummary {
  /** Cluster name (the embedded cluster's folder name, or the kubeconfig context). */
  name: string;
  kind: ClusterKind;
  /** The API server URL the console talks to (the load balancer for an embedded cluster). */
  server: string;
  /** `gitVersion` of the API server, e.g. v1.32.0. */
  kubernetesVersion: string;
  /** Path of the admin kubeconfig on disk, for embedded clusters. */
  kubeconfigPath?: string;
}

export const TERMINAL_PATH = `${CONSOLE_API_PREFIX}/terminal`;

export type TerminalClientMessage =
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number };

export type TerminalServerMessage =
  | { type: 'output'; data: string }
  | { type: 'exit'; exitCode: number };

/** The error body of the console API (its Kubernetes proxy returns metav1.Status as usual). */
export interface ConsoleError {
  error: string;
}

/** Control-plane components that run on each control-plane node of an embedded cluster. */
export type ControlPlaneComponent = 'kube-controller-manager' | 'kube-scheduler';

/**
 * Faults an embedded cluster can be put through (POST FAULTS_PATH): a node's kubelet stops or
 * starts; a control-plane component crashes (its lease expires) or stops gracefully (it hands the
 * lease back) and starts again; a whole node goes down (kubelet and components crash) or comes back.
 */
export type FaultRequest =
  | { action: 'stop-kubelet' | 'start-kubelet' | 'stop-node' | 'start-node'; node: string }
  | { action: 'crash-component' | 'stop-component' | 'start-component'; node: string; component: ControlPlaneComponent };

export const FAULTS_PATH = `${CONSOLE_API_PREFIX}/faults`;
export const CONTROL_PLANE_PATH = `${CONSOLE_API_PREFIX}/control-plane`;

/** GET CONTROL_PLANE_PATH: what runs where, and who leads. */
export interface NodeRuntimeStatus {
  node: string;
  kubelet: boolean;
  components: { component: ControlPlaneComponent; running: boolean; leader: boolean }[];
}
