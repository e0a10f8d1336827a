/**
 * Puts/s of the store alone (WAL with fdatasync before every acknowledgement, group commit),
 * ~1 KB values, keys `/registry/pods/default/pod-N`, at concurrency 1 and 64 — the shape of
 * ORACLES.md §1.a, where real etcd 3.4 on this machine did ~944 and ~2,625 keys/s.
 *
 *   node --import tsx tests/bench/store-puts.ts
 *
 * Prints one JSON line per case; run() returns the same rows for tests/bench/run.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openStore } from '../../src-main/store/member';

export interface PutsResult {
  name: 'store.put';
  concurrency: number;
  ops: number;
  seconds: number;
  opsPerSec: number;
}

const VALUE_BYTES = 1023;

async function measure(concurrency: number, ops: number): Promise<PutsResult> {
  const dir = await mkdtemp(join(tmpdir(), 'kubedeck-bench-store-'));
  try {
    const store = await openStore({ dataDir: join(dir, 'member') });
    const value = new Uint8Array(VALUE_BYTES).fill(0x61);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ops) {
          const i = next++;
          await store.put({ key: `/registry/pods/default/pod-${i}`, value });
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    await store.close();
    return { name: 'store.put', concurrency, ops, seconds, opsPerSec: ops / seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<PutsResult[]> {
  const results: PutsResult[] = [];
  for (const [concurrency, ops] of [
    [1, 2_000],
    [64, 20_000],
  ] as const) {
    results.push(await measure(concurrency, ops));
  }
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    (results) => {
      for (const r of results) console.log(JSON.stringify(r));
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
