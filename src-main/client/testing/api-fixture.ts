/**
 * A real API server core (store on disk, REST operations) driven by a fake clock, for tests of
 * clients, controllers, the scheduler and kubelets. `step` advances cluster time in small
 * increments and lets the asynchronous work each increment starts finish before the next.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../common/clock';
import { seededRand } from '../../common/rand';
import { ApiContext } from '../../apiserver/api-context';
import type { UserInfo } from '../../apiserver/authn';
import { NAMESPACES } from '../../kube/registry';
import { openStore, type StoreMember } from '../../store/member';
import { InProcessClient } from '../in-process-client';

export const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

export interface ApiFixture {
  clock: FakeClock;
  kv: StoreMember;
  ctx: ApiContext;
  client: InProcessClient;
  /** Lets pending asynchronous work (store writes, watch delivery, reconciles) finish. */
  settle(): Promise<void>;
  /** Advances the clock by ms in increments of at most `increment` ms, settling after each. */
  step(ms: number, increment?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startApiFixture(opts: { seed?: number; namespaces?: string[] } = {}): Promise<ApiFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'kubedeck-api-'));
  const kv = await openStore({ dataDir: join(dir, 'member') });
  const clock = new FakeClock();
  let n = 0;
  const ctx = new ApiContext(kv, clock, seededRand(opts.seed ?? 1), () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`);
  const client = new InProcessClient(ctx, ADMIN);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 12; i++) {
      await kv.whenIdle();
      await new Promise<void>((r) => setImmediate(r));
    }
  };
  for (const name of opts.namespaces ?? ['default', 'kube-system', 'kube-node-lease']) {
    await client.create(NAMESPACES, '', { metadata: { name } });
  }
  return {
    clock,
    kv,
    ctx,
    client,
    settle,
    step: async (ms, increment = 100) => {
      let left = ms;
      while (left > 0) {
        const d = Math.min(increment, left);
        clock.step(d);
        left -= d;
        await settle();
      }
    },
    close: async () => {
      await kv.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
