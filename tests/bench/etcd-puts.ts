/**
 * Writes through the etcd v3 API with the etcd3 client, keys shaped like the API server's
 * (`/registry/pods/default/pod-N`, ~1 KB values), at a given concurrency; and a real etcd 3.4
 * member started for the comparison in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Etcd3, type IOptions } from 'etcd3';
import { tempDir } from '../harness/kubedeck-process';

export interface PutsResult {
  count: number;
  concurrency: number;
  seconds: number;
  keysPerSec: number;
  p50: number;
  p99: number;
}

export async function measurePuts(options: IOptions, count: number, concurrency: number): Promise<PutsResult> {
  const client = new Etcd3(options);
  const value = 'x'.repeat(1023);
  const lat: number[] = [];
  let next = 0;
  await client.put('/warmup').value('1');
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const s = performance.now();
        await client.put(`/registry/pods/default/pod-${i}`).value(value);
        lat.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  client.close();
  lat.sort((a, b) => a - b);
  return { count, concurrency, seconds, keysPerSec: count / seconds, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)] };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A real etcd single member on loopback (plain http, fresh data dir), as ORACLES.md §1.0. */
export async function startRealEtcd(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const [client, peer] = [await freePort(), await freePort()];
  const dir = tempDir('real-etcd');
  const child: ChildProcess = spawn(
    'etcd',
    [
      '--name', 'single', '--data-dir', join(dir, 'data'),
      '--listen-client-urls', `http://127.0.0.1:${client}`, '--advertise-client-urls', `http://127.0.0.1:${client}`,
      '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
      '--initial-cluster', `single=http://127.0.0.1:${peer}`, '--initial-cluster-state', 'new', '--initial-cluster-token', 'bench',
    ],
    { stdio: 'ignore' },
  );
  const endpoint = `127.0.0.1:${client}`;
  const probe = new Etcd3({ hosts: endpoint });
  for (let i = 0; i < 100; i++) {
    try {
      await probe.get('probe').string();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.close();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
