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

/** Where an exec'd process writes. */
export interface ExecOutput {
  stdout(data: string): void;
  stderr(data: string): void;
  /** The process ended with this exit code (called once). */
  exit(code: number): void;
}

/** A running exec: stdin and terminal size go in; kill() ends it (the client went away). */
export interface ExecSession {
  input(data: string): void;
  endInput(): void;
  resize(cols: number, rows: number): void;
  kill(): void;
}

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  stdin: boolean;
}

export interface NodeConnector {
  /** A container's log, or undefined when the node has no such container (or previous run). */
  containerLogs(nodeName: string, namespace: string, pod: string, container: string, previous: boolean): LogLine[] | undefined;
  /** Starts a process in a running container; throws an Error whose message says why it cannot. */
  exec(nodeName: string, req: ExecRequest, out: ExecOutput): ExecSession;
}
