/**
 * The application's handle on a Raft node. Single-threaded and synchronous: the caller ticks it,
 * feeds it messages and requests, and regularly drains a Ready (see ready.ts for how to handle
 * one), then calls advance(). Nothing here does I/O or reads a clock.
 */
import { encodeConfChange } from './conf-change';
import type { RaftConfig } from './config';
import { RaftError } from './errors';
import { Raft } from './raft';
import type { Ready } from './ready';
import { progressStatus, type ProgressStatus, type Status } from './status';
import {
  hardStateEqual,
  isEmptyHardState,
  makeMessage,
  type ConfChange,
  type ConfState,
  type HardState,
  type Message,
  type MessageType,
  type NodeId,
  type SoftState,
} from './types';

const LOCAL_MESSAGES: ReadonlySet<MessageType> = new Set(['MsgHup', 'MsgBeat', 'MsgCheckQuorum', 'MsgUnreachable', 'MsgSnapStatus']);
const RESPONSES: ReadonlySet<MessageType> = new Set(['MsgAppResp', 'MsgVoteResp', 'MsgHeartbeatResp', 'MsgPreVoteResp']);

export class RawNode {
  private readonly raft: Raft;
  private prevSoftState: SoftState;
  private prevHardState: HardState;
  /** The Ready handed out and not yet advanced. */
  private pending: Ready | undefined;

  constructor(config: RaftConfig) {
    this.raft = new Raft(config);
    this.prevSoftState = this.raft.softState();
    this.prevHardState = this.raft.hardState();
  }

  get id(): NodeId {
    return this.raft.id;
  }

  /** One unit of logical time: drives election timeouts, heartbeats and CheckQuorum. */
  tick(): void {
    this.raft.tick();
  }

  /** Starts an election now (with a pre-vote round if PreVote is on). */
  campaign(): void {
    this.raft.step(makeMessage({ type: 'MsgHup' }));
  }

  /**
   * Proposes data for the log. It is not committed yet: watch committedEntries. Throws
   * RaftError 'ProposalDropped' when there is no leader to take it or a transfer is under way.
   */
  propose(data: Uint8Array): void {
    this.raft.step(makeMessage({ type: 'MsgProp', from: this.raft.id, entries: [{ term: 0, index: 0, type: 'EntryNormal', data }] }));
  }

  /** Proposes a membership change; apply it with applyConfChange once it is committed. */
  proposeConfChange(cc: ConfChange): void {
    const data = encodeConfChange(cc);
    this.raft.step(makeMessage({ type: 'MsgProp', from: this.raft.id, entries: [{ term: 0, index: 0, type: 'EntryConfChange', data }] }));
  }

  /** Applies a committed membership change; returns the membership after it. */
  applyConfChange(cc: ConfChange): ConfState {
    return this.raft.applyConfChange(cc);
  }

  /** Feeds in a message from another node. Local-only message types are refused. */
  step(m: Message): void {
    if (LOCAL_MESSAGES.has(m.type)) {
      throw new RaftError('StepLocalMsg', `raft: cannot step ${m.type} received from the network; it is a local message`);
    }
    if (RESPONSES.has(m.type) && !this.raft.trk.progress.has(m.from)) {
      throw new RaftError('StepPeerNotFound', `raft: ${m.type} from ${m.from}, which is not a member; ignoring it`);
    }
    this.raft.step(m);
  }

  /**
   * Asks for a linearizable read point. The answer comes as a ReadState tagged with ctx in a
   * later Ready; nothing comes if leadership changes first, so callers time out and retry.
   */
  readIndex(ctx: Uint8Array): void {
    this.raft.step(makeMessage({ type: 'MsgReadIndex', entries: [{ term: 0, index: 0, type: 'EntryNormal', data: ctx }] }));
  }

  /** Asks the leader (directly or via this node) to hand leadership to `transferee`. */
  transferLeader(transferee: NodeId): void {
    this.raft.step(makeMessage({ type: 'MsgTransferLeader', from: transferee }));
  }

  /** The transport could not deliver to `id`: stop optimistic replication to it. */
  reportUnreachable(id: NodeId): void {
    this.raft.step(makeMessage({ type: 'MsgUnreachable', from: id }));
  }

  /**
   * The transport finished (or failed) sending a MsgSnap to `id`. Call it for every MsgSnap:
   * until then the leader sends nothing else to that follower, and if it compacted its log
   * meanwhile the follower's acknowledgement alone cannot get it out of StateSnapshot.
   */
  reportSnapshot(id: NodeId, ok: boolean): void {
    this.raft.step(makeMessage({ type: 'MsgSnapStatus', from: id, reject: !ok }));
  }

  hasReady(): boolean {
    const r = this.raft;
    const ss = r.softState();
    if (ss.lead !== this.prevSoftState.lead || ss.raftState !== this.prevSoftState.raftState) return true;
    const hs = r.hardState();
    if (!isEmptyHardState(hs) && !hardStateEqual(hs, this.prevHardState)) return true;
    return (
      r.raftLog.hasNextUnstableSnapshot() ||
      r.msgs.length > 0 ||
      r.raftLog.hasNextUnstableEnts() ||
      r.raftLog.hasNextCommittedEnts() ||
      r.readStates.length > 0
    );
  }

  /** The work to do now (see ready.ts). Call advance() before asking for the next one. */
  ready(): Ready {
    if (this.pending) {
      throw new RaftError('ReadyNotAdvanced', 'raft: ready() called again before advance(); handle the previous Ready and call advance() first');
    }
    const r = this.raft;
    const entries = [...r.raftLog.unstable.entries];
    const ss = r.softState();
    const hs = r.hardState();
    const softChanged = ss.lead !== this.prevSoftState.lead || ss.raftState !== this.prevSoftState.raftState;
    const hardChanged = !isEmptyHardState(hs) && !hardStateEqual(hs, this.prevHardState);
    const rd: Ready = {
      ...(softChanged ? { softState: ss } : {}),
      ...(hardChanged ? { hardState: hs } : {}),
      readStates: r.readStates,
      entries,
      ...(r.raftLog.unstable.snapshot ? { snapshot: r.raftLog.unstable.snapshot } : {}),
      committedEntries: r.raftLog.nextCommittedEnts(),
      messages: r.msgs,
      // Term and vote must survive a crash (or we could vote twice); so must new entries
      // (we acknowledge them). A commit index alone can be recomputed.
      mustSync: entries.length > 0 || hs.term !== this.prevHardState.term || hs.vote !== this.prevHardState.vote,
    };
    if (softChanged) this.prevSoftState = ss;
    if (hardChanged) this.prevHardState = hs;
    r.msgs = [];
    r.readStates = [];
    this.pending = rd;
    return rd;
  }

  /** The last Ready has been handled: its entries are stable and its committed entries applied. */
  advance(): void {
    const rd = this.pending;
    if (!rd) return;
    this.pending = undefined;
    const log = this.raft.raftLog;
    const lastEnt = rd.entries[rd.entries.length - 1];
    if (lastEnt) log.stableTo(lastEnt.index, lastEnt.term);
    if (rd.snapshot) {
      log.stableSnapTo(rd.snapshot.metadata.index);
      log.appliedTo(rd.snapshot.metadata.index);
    }
    const lastApplied = rd.committedEntries[rd.committedEntries.length - 1];
    if (lastApplied) log.appliedTo(lastApplied.index);
  }

  status(): Status {
    const r = this.raft;
    const progress = new Map<NodeId, ProgressStatus>();
    if (r.state === 'StateLeader') r.trk.visit((id, pr) => progress.set(id, progressStatus(pr)));
    return {
      id: r.id,
      term: r.term,
      vote: r.vote,
      commit: r.raftLog.committed,
      applied: r.raftLog.applied,
      lead: r.lead,
      raftState: r.state,
      leadTransferee: r.leadTransferee,
      config: r.trk.confState(),
      progress,
    };
  }
}
