import type { KeyValue } from '../kv';

export const EMPTY_VALUE: Uint8Array = new Uint8Array(0);

/**
 * One version of one key as the keyspace holds it. Each key's versions form a chain from the
 * newest (in the key index) back through `prev`. A tombstone (the key's deletion) has version 0,
 * createRevision 0 and an empty value, which is exactly etcd's DELETE event kv.
 *
 * Everything but `prev` is immutable, so snapshots and watch buffers may hold a Rev while the
 * store moves on; compaction only cuts `prev` links.
 */
export class Rev {
  constructor(
    readonly key: string,
    readonly value: Uint8Array,
    readonly createRevision: number,
    readonly modRevision: number,
    readonly version: number,
    readonly lease: number,
    public prev: Rev | undefined,
  ) {}

  get isTombstone(): boolean {
    return this.version === 0;
  }

  /** The version of this key visible at `revision`, or undefined if the key did not exist then. */
  at(revision: number): Rev | undefined {
    if (this.modRevision <= revision) return this.version === 0 ? undefined : this;
    let r = this.prev;
    while (r !== undefined && r.modRevision > revision) r = r.prev;
    return r === undefined || r.version === 0 ? undefined : r;
  }

  /** A fresh KeyValue for a client (clients may keep or change it; the store's copy is untouched). */
  toKeyValue(keysOnly = false): KeyValue {
    return {
      key: this.key,
      value: keysOnly ? EMPTY_VALUE : this.value,
      createRevision: this.createRevision,
      modRevision: this.modRevision,
      version: this.version,
      lease: this.lease,
    };
  }
}

/** The changes of one revision, in the order the request made them (etcd's sub-revisions). */
export interface RevisionRecord {
  readonly revision: number;
  readonly changes: readonly Rev[];
}
