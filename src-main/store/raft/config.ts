/**
 * How a Raft node is set up. Times are in ticks: the caller decides how long a tick is (etcd
 * uses 100ms), so the core never looks at a clock.
 */
import type { Rand } from '../../common/rand';
import type { RaftLogger } from './logger';
import type { ReadOnlyOption } from './read-only';
import type { Storage } from './storage';
import type { NodeId } from './types';

export interface RaftConfig {
  /** This node's id; never 0. */
  readonly id: NodeId;
  /**
   * Ticks without hearing from a leader before a follower campaigns. The actual timeout is
   * drawn from [electionTick, 2*electionTick) each time, so that nodes rarely time out together.
   */
  readonly electionTick: number;
  /** Ticks between the leader's heartbeats; must be well below electionTick. */
  readonly heartbeatTick: number;
  readonly storage: Storage;
  /** Source of the randomized election timeout. Inject a seeded one for reproducible runs. */
  readonly rand: Rand;
  /** The last applied index when restarting; committed entries after it are handed out again. */
  readonly applied?: number;
  /** Byte limit of the entries in one MsgApp (at least one entry is always sent). */
  readonly maxSizePerMsg?: number;
  /** Byte limit of the committed entries in one Ready. Defaults to maxSizePerMsg. */
  readonly maxCommittedSizePerReady?: number;
  /** Unacknowledged MsgApps per follower in StateReplicate. */
  readonly maxInflightMsgs?: number;
  /** Byte limit of unacknowledged MsgApps per follower; 0 = none. */
  readonly maxInflightBytes?: number;
  /**
   * The leader steps down if it has not heard from a quorum within an election timeout, and
   * followers that heard from a leader within the timeout ignore vote requests (the lease).
   */
  readonly checkQuorum?: boolean;
  /**
   * Candidates first ask whether they could win (without bumping their term), so a node that
   * was partitioned away does not force an election when it comes back.
   */
  readonly preVote?: boolean;
  readonly readOnlyOption?: ReadOnlyOption;
  /** Followers drop proposals instead of forwarding them to the leader. */
  readonly disableProposalForwarding?: boolean;
  readonly logger?: RaftLogger;
}

export const DEFAULT_MAX_SIZE_PER_MSG = 1024 * 1024;
export const DEFAULT_MAX_INFLIGHT_MSGS = 256;

/** Throws an error naming the offending setting; a bad config is a programming error. */
export function validateConfig(c: RaftConfig): void {
  const fail = (why: string): never => {
    throw new Error(`invalid raft config for node ${c.id}: ${why}`);
  };
  if (!Number.isSafeInteger(c.id) || c.id <= 0) fail('id must be a positive integer (0 means "none")');
  if (!(c.heartbeatTick > 0)) fail('heartbeatTick must be greater than 0');
  if (!(c.electionTick > c.heartbeatTick)) fail('electionTick must be greater than heartbeatTick');
  if (c.maxInflightMsgs !== undefined && !(c.maxInflightMsgs > 0)) fail('maxInflightMsgs must be greater than 0');
  if (c.readOnlyOption === 'leaseBased' && !c.checkQuorum) fail('readOnlyOption leaseBased requires checkQuorum');
}
