/**
 * How the API server reaches the kubelets for pods/log (and later exec, attach, port-forward).
 * kube-apiserver connects to each node's kubelet; the embedded cluster plugs its simulated
 * kubelets in here.
 */

export interface LogLine {
  /** Cluster time the line was written (ms). */
  time: number;
  text: string;
}

export interface NodeConnector {
  /** A container's log, or undefined when the node has no such container (or previous run). */
  containerLogs(nodeName: string, namespace: string, pod: string, container: string, previous: boolean): LogLine[] | undefined;
}
