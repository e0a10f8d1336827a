/**
 * The data that crosses the boundary of the Raft core: log entries, messages, the state the
 * caller persists, snapshots and configuration changes. The names follow etcd-io/raft's
 * raftpb so that anyone who knows etcd can read a trace of ours.
 */

/** A node id. 0 means "nobody" (no leader, no vote). */
export type NodeId = number;
export const NONE: NodeId = 0;

export type EntryType = 'EntryNormal' | 'EntryConfChange';

export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  /** Opaque to Raft; for EntryConfChange it is an encoded ConfChange (see conf-change.ts). */
  readonly data: Uint8Array;
}

export type MessageType =
  // Local messages: the node sends them to itself and they never cross the network.
  | 'MsgHup'
  | 'MsgBeat'
  | 'MsgCheckQuorum'
  | 'MsgUnreachable'
  | 'MsgSnapStatus'
  // Messages between nodes (MsgProp, MsgReadIndex and MsgTransferLeader may also be local).
  | 'MsgProp'
  | 'MsgApp'
  | 'MsgAppResp'
  | 'MsgVote'
  | 'MsgVoteResp'
  | 'MsgPreVote'
  | 'MsgPreVoteResp'
  | 'MsgSnap'
  | 'MsgHeartbeat'
  | 'MsgHeartbeatResp'
  | 'MsgTransferLeader'
  | 'MsgTimeoutNow'
  | 'MsgReadIndex'
  | 'MsgReadIndexResp';

/**
 * One message. Like raftpb.Message it is a flat record whose fields mean different things per
 * type (index/logTerm are the position before the entries in MsgApp, the acknowledged index in
 * MsgAppResp, the candidate's last entry in MsgVote, ...), which keeps the wire format trivial.
 */
export interface Message {
  readonly type: MessageType;
  readonly to: NodeId;
  readonly from: NodeId;
  /** 0 for local messages and for proposals / read requests, which carry no term. */
  readonly term: number;
  readonly logTerm: number;
  readonly index: number;
  readonly entries: readonly Entry[];
  readonly commit: number;
  readonly snapshot?: Snapshot;
  readonly reject: boolean;
  readonly rejectHint: number;
  /** Read-index request context on heartbeats, "CampaignTransfer" on forced votes. */
  readonly context?: Uint8Array;
}

/** Builds a message; every field not given is zero / empty, as in protobuf. */
export function makeMessage(m: Partial<Message> & Pick<Message, 'type'>): Message {
  return { to: NONE, from: NONE, term: 0, logTerm: 0, index: 0, entries: [], commit: 0, reject: false, rejectHint: 0, ...m };
}

/** What must be on disk before any message of the same Ready is sent. */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
}

export const EMPTY_HARD_STATE: HardState = { term: 0, vote: NONE, commit: 0 };

export function isEmptyHardState(h: HardState): boolean {
  return h.term === 0 && h.vote === NONE && h.commit === 0;
}

export function hardStateEqual(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

export type StateType = 'StateFollower' | 'StateCandidate' | 'StateLeader' | 'StatePreCandidate';

/** Volatile state the application may want to show (who leads, what we are); never persisted. */
export interface SoftState {
  readonly lead: NodeId;
  readonly raftState: StateType;
}

/** The membership as of some log index. Single-step changes only, so no joint halves. */
export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export interface SnapshotMetadata {
  readonly confState: ConfState;
  readonly index: number;
  readonly term: number;
}

export interface Snapshot {
  readonly data: Uint8Array;
  readonly metadata: SnapshotMetadata;
}

export const EMPTY_SNAPSHOT: Snapshot = {
  data: new Uint8Array(0),
  metadata: { confState: { voters: [], learners: [] }, index: 0, term: 0 },
};

export function isEmptySnap(s: Snapshot | undefined): boolean {
  return s === undefined || s.metadata.index === 0;
}

/** etcd's ConfChange (v1): one node joins, leaves, or becomes a learner per entry. */
export type ConfChangeType = 'ConfChangeAddNode' | 'ConfChangeRemoveNode' | 'ConfChangeAddLearnerNode';

export interface ConfChange {
  readonly type: ConfChangeType;
  readonly nodeId: NodeId;
  /** Opaque to Raft; applications put the new member's address here. */
  readonly context?: Uint8Array;
}

/**
 * The answer to a ReadIndex request: once the application has applied up to `index`, a read
 * of its state machine is linearizable for the request tagged `requestCtx`.
 */
export interface ReadState {
  readonly index: number;
  readonly requestCtx: Uint8Array;
}
