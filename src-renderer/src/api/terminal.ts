/**
 * A shell on the console server: one WebSocket per terminal, speaking the TerminalClientMessage /
 * TerminalServerMessage JSON of the console API contract.
 */
import {
  TERMINAL_PATH,
  type TerminalClientMessage,
  type TerminalServerMessage,
} from '../../../src-main/common/console-api';

export interface TerminalHandlers {
  onOutput(data: string): void;
  /** The shell exited; the socket closes after this. */
  onExit(exitCode: number): void;
  /** The socket closed (after onExit, or because the connection was lost). Not called after close(). */
  onClose(): void;
}

export interface TerminalSession {
  sendInput(data: string): void;
  resize(cols: number, rows: number): void;
  /** Closes the socket; the server ends the shell. Idempotent. */
  close(): void;
}

export function terminalUrl(cols: number, rows: number, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${TERMINAL_PATH}?cols=${cols}&rows=${rows}`;
}

function parseServerMessage(raw: unknown): TerminalServerMessage | null {
  if (typeof raw !== 'string') return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  if (m.type === 'output' && typeof m.data === 'string') return { type: 'output', data: m.data };
  if (m.type === 'exit' && typeof m.exitCode === 'number') return { type: 'exit', exitCode: m.exitCode };
  return null;
}

export function openTerminal(cols: number, rows: number, handlers: TerminalHandlers): TerminalSession {
  const socket = new WebSocket(terminalUrl(cols, rows));
  const queue: TerminalClientMessage[] = [];
  let closed = false;

  const send = (msg: TerminalClientMessage) => {
    if (closed) return;
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
    else if (socket.readyState === WebSocket.CONNECTING) queue.push(msg);
  };

  socket.addEventListener('open', () => {
    for (const msg of queue.splice(0)) socket.send(JSON.stringify(msg));
  });
  socket.addEventListener('message', (ev: MessageEvent) => {
    const msg = parseServerMessage(ev.data);
    if (!msg || closed) return;
    if (msg.type === 'output') handlers.onOutput(msg.data);
    else handlers.onExit(msg.exitCode);
  });
  socket.addEventListener('close', () => {
    if (closed) return;
    closed = true;
    handlers.onClose();
  });

  return {
    sendInput: (data) => send({ type: 'input', data }),
    resize: (c, r) => send({ type: 'resize', cols: c, rows: r }),
    close() {
      if (closed) return;
      closed = true;
      queue.length = 0;
      socket.close();
    },
  };
}
