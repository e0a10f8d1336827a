import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTerminal, terminalUrl } from './terminal';

/** Just enough of a browser WebSocket to script a session. */
class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = FakeSocket.CONNECTING;
  readonly sent: string[] = [];
  closed = false;

  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  receive(msg: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(msg) }));
  }

  serverClose(): void {
    this.dispatchEvent(new Event('close'));
  }
}

describe('terminal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds the socket URL on the page origin', () => {
    expect(terminalUrl(120, 40, { protocol: 'http:', host: '127.0.0.1:7000' })).toBe('ws://127.0.0.1:7000/api/console/v1/terminal?cols=120&rows=40');
    expect(terminalUrl(80, 24, { protocol: 'https:', host: 'x' })).toBe('wss://x/api/console/v1/terminal?cols=80&rows=24');
  });

  it('queues input until open, relays output and exit, and closes once', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('location', { protocol: 'http:', host: 'h:1' });
    const out: string[] = [];
    const exits: number[] = [];
    let closes = 0;
    const session = openTerminal(100, 30, { onOutput: (d) => out.push(d), onExit: (c) => exits.push(c), onClose: () => closes++ });
    const ws = FakeSocket.last!;
    expect(ws.url).toBe('ws://h:1/api/console/v1/terminal?cols=100&rows=30');

    session.sendInput('ls\r');
    expect(ws.sent).toEqual([]);
    ws.open();
    session.resize(120, 40);
    expect(ws.sent.map((s) => JSON.parse(s))).toEqual([
      { type: 'input', data: 'ls\r' },
      { type: 'resize', cols: 120, rows: 40 },
    ]);

    ws.receive({ type: 'output', data: 'file\r\n' });
    ws.receive({ type: 'bogus' });
    ws.receive({ type: 'exit', exitCode: 3 });
    ws.serverClose();
    expect(out).toEqual(['file\r\n']);
    expect(exits).toEqual([3]);
    expect(closes).toBe(1);

    session.close();
    session.sendInput('ignored');
    expect(ws.sent).toHaveLength(2);
  });

  it('close() from our side does not report onClose', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('location', { protocol: 'http:', host: 'h:1' });
    let closes = 0;
    const session = openTerminal(80, 24, { onOutput: () => {}, onExit: () => {}, onClose: () => closes++ });
    session.close();
    FakeSocket.last!.serverClose();
    expect(FakeSocket.last!.closed).toBe(true);
    expect(closes).toBe(0);
  });
});
