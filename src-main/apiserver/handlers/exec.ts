/**
 * pods/exec and pods/attach over WebSocket with the `v5.channel.k8s.io` (and `v4`) subprotocol,
 * as kubectl 1.30+ speaks it: binary frames whose first byte is the channel (0 stdin, 1 stdout,
 * 2 stderr, 3 the exit Status, 4 terminal size, 255 close a stream), the exit Status on channel
 * 3, then a normal close. Anything that stops the exec before it starts is answered with an HTTP
 * Status, which kubectl prints as `Error from server (...)`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { KubeObject } from '../../kube/object';
import * as errors from '../../kube/status';
import type { ExecSession } from '../node-connector';
import type { RequestScope } from '../rest/scope';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

/** Writes an HTTP error reply on a socket that asked to upgrade, then closes it. */
export function rejectUpgrade(socket: Duplex, err: unknown): void {
  const status = errors.statusFromError(err);
  const body = JSON.stringify(status);
  const code = status.code ?? 500;
  socket.end(
    `HTTP/1.1 ${code} ${code === 400 ? 'Bad Request' : code === 404 ? 'Not Found' : code === 403 ? 'Forbidden' : 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function execStatus(code: number): object {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [...], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

function frame(channel: number, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

/** Validates the request and the pod, then upgrades and wires the streams to the node's kubelet. */
export async function handleExecUpgrade(scope: RequestScope, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const q = scope.query;
  const pod: KubeObject = await scope.storage.getOrNotFound(scope.namespace, scope.name);
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; nodeName?: string };
  const names = (spec.containers ?? []).map((c) => c.name);
  const container = q.get('container') || (names.length === 1 ? names[0] : '');
  if (!container) throw errors.badRequest(`a container name must be specified for pod ${scope.name}, choose one of: [${names.join(' ')}]`);
  if (!names.includes(container)) throw errors.badRequest(`container ${container} is not valid for pod ${scope.name}`);
  const command = scope.subresource === 'exec' ? q.getAll('command') : [];
  if (scope.subresource === 'exec' && command.length === 0) throw errors.badRequest('you must specify at least 1 command');
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw errors.badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  if (!spec.nodeName) throw errors.badRequest(`pod ${scope.name} does not have a host assigned`);
  const nodes = scope.ctx.nodes;
  if (!nodes) throw errors.internalError(new Error(`no kubelet reachable for node ${spec.nodeName}`));
  const tty = q.get('tty') === 'true';
  const wantsStdin = q.get('stdin') === 'true';
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim());
  if (!protocols.some((p) => PROTOCOLS.includes(p)) || String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    throw errors.badRequest('upgrade request must use WebSocket with the v5.channel.k8s.io or v4.channel.k8s.io subprotocol (SPDY is not supported)');
  }
  let session: ExecSession | undefined;
  let ws: WebSocket | undefined;
  let finished = false;
  const pending: Buffer[] = [];
  const send = (b: Buffer): void => {
    if (ws && ws.readyState === ws.OPEN) ws.send(b, { binary: true });
    else if (!ws) pending.push(b);
  };
  const finish = (code: number): void => {
    if (finished) return;
    finished = true;
    send(frame(3, JSON.stringify(execStatus(code))));
    if (ws) ws.close(1000);
  };
  try {
    session = nodes.exec(
      spec.nodeName,
      { namespace: scope.namespace, pod: scope.name, container, command, tty, stdin: wantsStdin },
      {
        stdout: (d) => send(frame(1, d)),
        stderr: (d) => send(frame(tty ? 1 : 2, d)),
        exit: finish,
      },
    );
  } catch (e) {
    // The runtime refused (e.g. no such binary): the stream opens and carries an InternalError
    // Status, as kubelet reports a failed exec.
    const message = `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: ${e instanceof Error ? e.message : String(e)}`;
    wss.handleUpgrade(req, socket, head, (client) => {
      client.send(frame(3, JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 })), { binary: true });
      client.close(1000);
    });
    return;
  }
  const started = session;
  wss.handleUpgrade(req, socket, head, (client) => {
    ws = client;
    for (const b of pending.splice(0)) client.send(b, { binary: true });
    if (finished) {
      client.close(1000);
      return;
    }
    client.on('message', (data: RawData) => {
      const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (buf.length === 0) return;
      const channel = buf[0];
      const payload = buf.subarray(1);
      if (channel === 0) started.input(payload.toString('utf8'));
      else if (channel === 4) {
        try {
          const size = JSON.parse(payload.toString('utf8')) as { Width?: number; Height?: number };
          started.resize(size.Width ?? 80, size.Height ?? 24);
        } catch {
          // a malformed resize message is ignored, as the kubelet does
        }
      } else if (channel === 255 && payload[0] === 0) started.endInput();
    });
    client.on('close', () => {
      if (!finished) {
        finished = true;
        started.kill();
      }
    });
    if (!wantsStdin) started.endInput();
  });
}
