/**
 * Crash safety of the whole process: rounds of `kill -9` of Kubedeck while clients write through
 * the etcd v3 API, then a restart on the same data folder; every write that was acknowledged
 * before the kill must be there afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { startKubedeck, tempDir, type KubedeckProcess } from '../harness/kubedeck-process';

export interface CrashRoundsResult {
  rounds: number;
  acked: number;
  missing: number;
  meanRestartMs: number;
}

function client(kd: KubedeckProcess): Etcd3 {
  const pki = join(kd.dataDir, 'clusters', 'default', 'nodes', 'cp-1', 'etc', 'kubernetes', 'pki', 'etcd');
  return new Etcd3({
    hosts: kd.lines.ETCD_ENDPOINTS,
    credentials: { rootCertificate: readFileSync(join(pki, 'ca.crt')), certChain: readFileSync(join(pki, 'server.crt')), privateKey: readFileSync(join(pki, 'server.key')) },
    grpcOptions: { 'grpc.ssl_target_name_override': 'localhost' },
  });
}

export async function runCrashRounds(rounds = 20, writers = 8): Promise<CrashRoundsResult> {
  const dataDir = tempDir('crash');
  const acked = new Map<string, string>();
  const missing = new Set<string>();
  let restartMs = 0;
  let kd = await startKubedeck({ dataDir });
  for (let round = 1; round <= rounds; round++) {
    const etcd = client(kd);
    let stop = false;
    let seq = 0;
    const load = Array.from({ length: writers }, async (_, w) => {
      while (!stop) {
        const key = `/crash/r${round}/w${w}/${seq++}`;
        const value = `v${round}-${seq}`;
        try {
          // A put to a killed process may never settle: give up on it after a while (unacknowledged).
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            etcd.put(key).value(value),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error('timeout')), 3000);
            }),
          ]).finally(() => clearTimeout(timer));
          acked.set(key, value);
        } catch {
          return; // the process is gone
        }
      }
    });
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
    kd.child.kill('SIGKILL');
    stop = true;
    await Promise.allSettled(load);
    etcd.close();
    await new Promise<void>((r) => (kd.child.exitCode !== null || kd.child.signalCode !== null ? r() : kd.child.once('exit', () => r())));
    const t0 = performance.now();
    kd = await startKubedeck({ dataDir });
    restartMs += performance.now() - t0;
    const check = client(kd);
    const present = await check.getAll().prefix('/crash/').strings();
    check.close();
    for (const [k, v] of acked) if (present[k] !== v) missing.add(k);
  }
  await kd.stop();
  return { rounds, acked: acked.size, missing: missing.size, meanRestartMs: restartMs / rounds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCrashRounds(Number(process.argv[2] ?? 20)).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
