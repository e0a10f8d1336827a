import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRand } from '../common/rand';
import { LEASES } from '../kube/registry';
import { LeaderElector } from './leader-election';
import { startApiFixture, type ApiFixture } from './testing/api-fixture';

describe('LeaderElector', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  function candidate(identity: string, log: string[], releaseOnStop = false): LeaderElector {
    return new LeaderElector(f.client, f.clock, seededRand(identity.length), {
      namespace: 'kube-system',
      name: 'kube-controller-manager',
      identity,
      releaseOnStop,
      onStartedLeading: () => log.push(`${identity} leads at ${f.clock.now() - t0}`),
      onStoppedLeading: () => log.push(`${identity} stops at ${f.clock.now() - t0}`),
    });
  }
  let t0 = 0;

  it('one candidate leads; after it dies the other takes over within the 15 s lease', async () => {
    t0 = f.clock.now();
    const log: string[] = [];
    const a = candidate('cp-1_a', log);
    const b = candidate('cp-2_b', log);
    a.start();
    await f.step(100);
    b.start();
    await f.step(10_000);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^cp-1_a leads at (0|100)$/); // within the first step
    const lease = await f.client.get(LEASES, 'kube-system', 'kube-controller-manager');
    expect(lease.spec).toMatchObject({ holderIdentity: 'cp-1_a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect((lease.spec as { renewTime: string }).renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    // a crashes: no release, so b waits out the lease it last saw renewed.
    const crashedAt = f.clock.now() - t0;
    await a.stop();
    await f.step(20_000);
    const took = Number(/cp-2_b leads at (\d+)/.exec(log.join('\n'))?.[1]) - crashedAt;
    expect(took).toBeGreaterThan(0);
    expect(took).toBeLessThanOrEqual(15_000 + 2_000 * 2.2);
    expect(b.isLeader).toBe(true);
    const after = await f.client.get(LEASES, 'kube-system', 'kube-controller-manager');
    expect(after.spec).toMatchObject({ holderIdentity: 'cp-2_b', leaseTransitions: 1 });
    await b.stop();
  });

  it('a graceful stop releases the lease so the next candidate leads at its next try', async () => {
    t0 = f.clock.now();
    const log: string[] = [];
    const a = candidate('cp-1_a', log, true);
    const b = candidate('cp-2_b', log, true);
    a.start();
    await f.step(100);
    b.start();
    await f.step(5_000);
    await a.stop();
    const stoppedAt = f.clock.now() - t0;
    await f.step(6_000);
    const took = Number(/cp-2_b leads at (\d+)/.exec(log.join('\n'))?.[1]) - stoppedAt;
    expect(took).toBeLessThanOrEqual(2_000 * 2.2 + 100);
    await b.stop();
  });

  it('a leader that cannot renew for renewDeadline steps down', async () => {
    t0 = f.clock.now();
    const log: string[] = [];
    const a = candidate('cp-1_a', log);
    a.start();
    await f.step(3_000);
    // Someone else force-takes the lease (e.g. an operator edit): a's renewals now fail on the holder check.
    const lease = await f.client.get(LEASES, 'kube-system', 'kube-controller-manager');
    await f.client.update(LEASES, { ...lease, spec: { ...(lease.spec as object), holderIdentity: 'intruder', leaseDurationSeconds: 3600 } });
    await f.step(12_000);
    expect(log[0]).toMatch(/^cp-1_a leads at (0|100)$/);
    expect(log[1]).toMatch(/^cp-1_a stops at \d+$/);
    expect(a.isLeader).toBe(false);
    await a.stop();
  });
});
