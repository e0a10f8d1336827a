/**
 * Leases of the etcd API: granted with a TTL, kept alive by their holder, and on expiry or revoke
 * every key attached to them is deleted. Time comes from the injected clock. Leases live in
 * memory: after a restart, keys keep their lease IDs but nothing expires them (noted gap).
 */
import type { Clock, TimerHandle } from '../../common/clock';
import type { Rand } from '../../common/rand';
import type { KV } from '../kv';

/** etcd's minimum lease TTL: 1.5 election timeouts (1 s by default), rounded up to whole seconds. */
export const MIN_LEASE_TTL = 2;

export interface Lease {
  id: bigint;
  grantedTTL: number;
  expiresAt: number;
  timer: TimerHandle;
}

export class Lessor {
  private readonly leases = new Map<bigint, Lease>();

  constructor(
    private readonly kv: KV,
    private readonly clock: Clock,
    private readonly rand: Rand,
  ) {}

  grant(requestedId: bigint, ttl: number): Lease | undefined {
    let id = requestedId;
    if (id === 0n) {
      // Random like etcd's, but below 2^53: the store keeps lease IDs as numbers.
      do id = BigInt(2 ** 48 + this.rand.int(2 ** 52 - 2 ** 48)) * 2n + 1n;
      while (this.leases.has(id));
    } else if (this.leases.has(id)) {
      return undefined;
    }
    const grantedTTL = Math.max(ttl, MIN_LEASE_TTL);
    const lease: Lease = { id, grantedTTL, expiresAt: 0, timer: { id: 0 } };
    this.leases.set(id, lease);
    this.arm(lease);
    return lease;
  }

  private arm(lease: Lease): void {
    this.clock.clearTimeout(lease.timer);
    lease.expiresAt = this.clock.now() + lease.grantedTTL * 1000;
    lease.timer = this.clock.setTimeout(() => void this.revoke(lease.id).catch(() => undefined), lease.grantedTTL * 1000);
  }

  get(id: bigint): Lease | undefined {
    return this.leases.get(id);
  }

  list(): Lease[] {
    return [...this.leases.values()];
  }

  /** Renews the lease; its new TTL, or undefined when it does not exist. */
  keepAlive(id: bigint): number | undefined {
    const lease = this.leases.get(id);
    if (!lease) return undefined;
    this.arm(lease);
    return lease.grantedTTL;
  }

  remaining(lease: Lease): number {
    return Math.max(0, Math.ceil((lease.expiresAt - this.clock.now()) / 1000));
  }

  async keysOf(id: bigint): Promise<string[]> {
    const res = await this.kv.range({ key: '\0', rangeEnd: '\0' });
    return res.kvs.filter((kv) => BigInt(kv.lease) === id).map((kv) => kv.key);
  }

  /** Deletes the lease and its keys; false when it did not exist. */
  async revoke(id: bigint): Promise<boolean> {
    const lease = this.leases.get(id);
    if (!lease) return false;
    this.clock.clearTimeout(lease.timer);
    this.leases.delete(id);
    const keys = await this.keysOf(id);
    if (keys.length > 0) await this.kv.txn({ compare: [], success: keys.map((key) => ({ requestDeleteRange: { key } })), failure: [] });
    return true;
  }

  stop(): void {
    for (const l of this.leases.values()) this.clock.clearTimeout(l.timer);
  }
}
