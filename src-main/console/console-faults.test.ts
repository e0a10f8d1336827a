import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_COOKIE, type FaultRequest, type NodeRuntimeStatus } from '../common/console-api';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { SUMMARY, makeRendererDir, rawRequest } from './test-fixtures';

const TOKEN = 'test-token-0123456789abcdefghij';
const cookie = `${TOKEN_COOKIE}=${TOKEN}`;
const applied: FaultRequest[] = [];
const status: NodeRuntimeStatus[] = [{ node: 'cp-1', kubelet: true, components: [{ component: 'kube-scheduler', running: true, leader: true }] }];

let server: ConsoleServer;
let plain: ConsoleServer;
let root: string;

beforeAll(async () => {
  const r = await makeRendererDir();
  root = r.root;
  const emulation = {
    fault: async (f: FaultRequest) => {
      if (f.node !== 'cp-1') throw new Error(`no node ${JSON.stringify(f.node)} in this cluster`);
      applied.push(f);
    },
    status: () => status,
  };
  server = await startConsoleServer({ target: { summary: { ...SUMMARY }, server: 'https://127.0.0.1:1', emulation }, rendererDir: r.dir, token: TOKEN });
  plain = await startConsoleServer({ target: { summary: { ...SUMMARY }, server: 'https://127.0.0.1:1' }, rendererDir: r.dir, token: TOKEN });
});

afterAll(async () => {
  await server?.close();
  await plain?.close();
  await rm(root, { recursive: true, force: true });
});

const post = (port: number, body: string) =>
  rawRequest(port, '/api/console/v1/faults', { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` }, body });

describe('console API: control plane and faults', () => {
  it('reports what runs where', async () => {
    const r = await rawRequest(server.port, '/api/console/v1/control-plane', { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual(status);
  });

  it('applies a well-formed fault and refuses bad ones with a reason', async () => {
    expect((await post(server.port, JSON.stringify({ action: 'crash-component', node: 'cp-1', component: 'kube-scheduler' }))).status).toBe(200);
    expect(applied).toEqual([{ action: 'crash-component', node: 'cp-1', component: 'kube-scheduler' }]);
    const bad = await post(server.port, JSON.stringify({ action: 'explode', node: 'cp-1' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^action must be one of stop-kubelet, /);
    const noComponent = await post(server.port, JSON.stringify({ action: 'stop-component', node: 'cp-1' }));
    expect(JSON.parse(noComponent.body).error).toBe('component must be one of kube-controller-manager, kube-scheduler');
    const unknownNode = await post(server.port, JSON.stringify({ action: 'stop-kubelet', node: 'nope' }));
    expect(JSON.parse(unknownNode.body).error).toBe('no node "nope" in this cluster');
    expect((await post(server.port, 'not json')).status).toBe(400);
    expect(applied).toHaveLength(1);
  });

  it('does not exist for a real cluster', async () => {
    const r = await rawRequest(plain.port, '/api/console/v1/control-plane', { headers: { cookie } });
    expect(r.status).toBe(404);
  });
});
