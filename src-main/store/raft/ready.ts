/**
 * A batch of work the application must do for its Raft node. Handle it in this order:
 *
 * 1. persist hardState, entries and snapshot (to the WAL / Storage) — durably if mustSync;
 * 2. then send messages: a vote or an acknowledgement sent before the state it promises is on
 *    disk could be forgotten in a crash and break safety;
 * 3. apply snapshot and committedEntries to the state machine (conf changes via
 *    RawNode.applyConfChange), and serve the readStates once applied reaches their index;
 * 4. call RawNode.advance().
 */
import type { Entry, HardState, Message, ReadState, Snapshot, SoftState } from './types';

export interface Ready {
  /** Present when leader or role changed since the last Ready. */
  readonly softState?: SoftState;
  /** Present when term, vote or commit changed since the last Ready. */
  readonly hardState?: HardState;
  readonly readStates: readonly ReadState[];
  /** New log entries to persist (they may replace a persisted tail from the same index on). */
  readonly entries: readonly Entry[];
  /** A snapshot from the leader to persist and restore the state machine from. */
  readonly snapshot?: Snapshot;
  /** Entries to apply, in order. They are already persisted, or are in `entries` above. */
  readonly committedEntries: readonly Entry[];
  /** Messages to send once everything above is persisted. */
  readonly messages: readonly Message[];
  /** Whether the writes must be fsynced before the messages go out. */
  readonly mustSync: boolean;
}
