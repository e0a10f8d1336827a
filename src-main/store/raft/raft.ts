/**
 * The Raft state machine of one node. Everything it does is a reaction to step(msg) or tick();
 * what it wants done (messages to send, entries to persist) piles up in msgs and the log's
 * unstable part, which RawNode hands to the application as a Ready.
 *
 * Per-role message handling lives in step-leader.ts and step-follower.ts, sending in
 * replication.ts; this file holds the state, the role transitions, elections and the checks
 * every message goes through first (its term).
 */
import type { Rand } from '../../common/rand';
import { applyConfChangeToTracker, restoreTracker, type ConfigAndProgress } from './conf-changer';
import { DEFAULT_MAX_INFLIGHT_MSGS, DEFAULT_MAX_SIZE_PER_MSG, validateConfig, type RaftConfig } from './config';
import { discardLogger, type RaftLogger } from './logger';
import { Progress } from './progress';
import { RaftLog } from './raft-log';
import { ReadOnly } from './read-only';
import { bcastAppend, maybeSendAppend } from './replication';
import { stepLeader } from './step-leader';
import { stepCandidate, stepFollower } from './step-follower';
import { describeConfig, ProgressTracker } from './tracker';
import {
  NONE,
  isEmptyHardState,
  makeMessage,
  type ConfChange,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type MessageType,
  type NodeId,
  type ReadState,
  type Snapshot,
  type SoftState,
  type StateType,
} from './types';

export type CampaignType = 'CampaignPreElection' | 'CampaignElection' | 'CampaignTransfer';

/** Marks the vote requests of a leadership transfer, which bypass the leader lease. */
export const CAMPAIGN_TRANSFER_CTX = new TextEncoder().encode('CampaignTransfer');

export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = NONE;
  lead: NodeId = NONE;
  state: StateType = 'StateFollower';
  isLearner = false;
  readonly raftLog: RaftLog;
  trk: ProgressTracker;
  /** Outgoing messages, handed out (and cleared) with the next Ready. */
  msgs: Message[] = [];
  readStates: ReadState[] = [];

  readonly maxMsgSize: number;
  readonly checkQuorum: boolean;
  readonly preVote: boolean;
  readonly disableProposalForwarding: boolean;
  readonly heartbeatTimeout: number;
  readonly electionTimeout: number;
  /** Drawn from [electionTimeout, 2*electionTimeout) on every reset. */
  randomizedElectionTimeout = 0;
  /** Ticks since the last election timeout (leader) or since we heard from the leader (follower). */
  electionElapsed = 0;
  /** Leader only: ticks since the last heartbeat. */
  heartbeatElapsed = 0;
  /** The node leadership is being handed to, or NONE. */
  leadTransferee: NodeId = NONE;
  /**
   * Index of the latest conf change the leader appended; a new one is refused until this is
   * applied, so at most one membership change is in flight (what single-step changes rely on).
   */
  pendingConfIndex = 0;
  readOnly: ReadOnly;
  /** ReadIndex requests that arrived before this leader committed an entry of its own term. */
  pendingReadIndexMessages: Message[] = [];
  readonly logger: RaftLogger;
  private readonly rand: Rand;

  constructor(c: RaftConfig) {
    validateConfig(c);
    this.id = c.id;
    this.logger = c.logger ?? discardLogger;
    this.rand = c.rand;
    this.maxMsgSize = c.maxSizePerMsg ?? DEFAULT_MAX_SIZE_PER_MSG;
    this.raftLog = new RaftLog(c.storage, this.logger, c.maxCommittedSizePerReady ?? this.maxMsgSize);
    this.trk = new ProgressTracker(c.maxInflightMsgs ?? DEFAULT_MAX_INFLIGHT_MSGS, c.maxInflightBytes ?? 0);
    this.checkQuorum = c.checkQuorum ?? false;
    this.preVote = c.preVote ?? false;
    this.disableProposalForwarding = c.disableProposalForwarding ?? false;
    this.heartbeatTimeout = c.heartbeatTick;
    this.electionTimeout = c.electionTick;
    this.readOnly = new ReadOnly(c.readOnlyOption ?? 'safe');

    const { hardState, confState } = c.storage.initialState();
    this.switchToConfig(restoreTracker(this.trk, this.raftLog.lastIndex(), confState));
    if (!isEmptyHardState(hardState)) this.loadState(hardState);
    if (c.applied !== undefined && c.applied > 0) this.raftLog.appliedTo(c.applied);
    this.becomeFollower(this.term, NONE);
    this.logger.info(
      `newRaft ${this.id} [peers: [${this.trk.voterIds().join(',')}], term: ${this.term}, commit: ${this.raftLog.committed}, applied: ${this.raftLog.applied}, lastindex: ${this.raftLog.lastIndex()}, lastterm: ${this.raftLog.lastTerm()}]`,
    );
  }

  softState(): SoftState {
    return { lead: this.lead, raftState: this.state };
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.raftLog.committed };
  }

  private loadState(hs: HardState): void {
    if (hs.commit < this.raftLog.committed || hs.commit > this.raftLog.lastIndex()) {
      throw new Error(`${this.id} state.commit ${hs.commit} is out of range [${this.raftLog.committed}, ${this.raftLog.lastIndex()}]`);
    }
    this.raftLog.committed = hs.commit;
    this.term = hs.term;
    this.vote = hs.vote;
  }

  /** Queues a message, stamping sender and term (proposals and read requests carry no term). */
  send(m: Message): void {
    const from = m.from === NONE ? this.id : m.from;
    const isVote = m.type === 'MsgVote' || m.type === 'MsgVoteResp' || m.type === 'MsgPreVote' || m.type === 'MsgPreVoteResp';
    if (isVote) {
      // Votes carry the term of the election, which for pre-votes is not our own.
      if (m.term === 0) throw new Error(`term should be set when sending ${m.type}`);
      this.msgs.push({ ...m, from });
      return;
    }
    if (m.term !== 0) throw new Error(`term should not be set when sending ${m.type} (was ${m.term})`);
    const term = m.type === 'MsgProp' || m.type === 'MsgReadIndex' ? 0 : this.term;
    this.msgs.push({ ...m, from, term });
  }

  // ---- role transitions ----

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = NONE;
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTimeout = this.electionTimeout + this.rand.int(this.electionTimeout);
    this.abortLeaderTransfer();
    this.trk.resetVotes();
    const last = this.raftLog.lastIndex();
    this.trk.visit((id, old) => {
      const pr = new Progress(last + 1, this.trk.maxInflight, this.trk.maxInflightBytes, old.isLearner);
      if (id === this.id) pr.match = last;
      this.trk.progress.set(id, pr);
    });
    this.pendingConfIndex = 0;
    this.readOnly = new ReadOnly(this.readOnly.option);
    // Requests waiting for this leader's first commit are dropped; clients retry elsewhere.
    this.pendingReadIndexMessages = [];
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.state = 'StateFollower';
    this.logger.info(`${this.id} became follower at term ${this.term}`);
  }

  becomeCandidate(): void {
    if (this.state === 'StateLeader') throw new Error('invalid transition [leader -> candidate]');
    this.reset(this.term + 1);
    this.vote = this.id;
    this.state = 'StateCandidate';
    this.logger.info(`${this.id} became candidate at term ${this.term}`);
  }

  becomePreCandidate(): void {
    if (this.state === 'StateLeader') throw new Error('invalid transition [leader -> pre-candidate]');
    // A pre-candidate changes neither term nor vote: that is the point of pre-voting.
    this.trk.resetVotes();
    this.lead = NONE;
    this.state = 'StatePreCandidate';
    this.logger.info(`${this.id} became pre-candidate at term ${this.term}`);
  }

  becomeLeader(): void {
    if (this.state === 'StateFollower') throw new Error('invalid transition [follower -> leader]');
    this.reset(this.term);
    this.lead = this.id;
    this.state = 'StateLeader';
    const pr = this.trk.progress.get(this.id);
    if (pr) {
      // The leader trivially replicates to itself, and always counts as active.
      pr.becomeReplicate();
      pr.recentActive = true;
    }
    // Whether or not a conf change is pending in the uncommitted tail, refusing new ones until
    // everything we have is applied is safe and saves scanning the log.
    this.pendingConfIndex = this.raftLog.lastIndex();
    // An entry of our own term: committing it commits everything before it (§5.4.2), and it
    // tells us when reads can be served (committedEntryInCurrentTerm).
    this.appendEntry([{ term: 0, index: 0, type: 'EntryNormal', data: new Uint8Array(0) }]);
    this.logger.info(`${this.id} became leader at term ${this.term}`);
  }

  // ---- time ----

  tick(): void {
    if (this.state === 'StateLeader') this.tickHeartbeat();
    else this.tickElection();
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.step(makeMessage({ type: 'MsgHup', from: this.id }));
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.electionTimeout) {
      this.electionElapsed = 0;
      if (this.checkQuorum) this.step(makeMessage({ type: 'MsgCheckQuorum', from: this.id }));
      // A transfer that did not finish within an election timeout has failed; take proposals again.
      if (this.state === 'StateLeader' && this.leadTransferee !== NONE) this.abortLeaderTransfer();
    }
    if (this.state !== 'StateLeader') return;
    if (this.heartbeatElapsed >= this.heartbeatTimeout) {
      this.heartbeatElapsed = 0;
      this.step(makeMessage({ type: 'MsgBeat', from: this.id }));
    }
  }

  // ---- log ----

  /** Appends proposals at the end of our log in our term, and commits if we are alone. */
  appendEntry(es: readonly Entry[]): void {
    const li = this.raftLog.lastIndex();
    const stamped = es.map((e, i): Entry => ({ ...e, term: this.term, index: li + 1 + i }));
    const last = this.raftLog.append(stamped);
    this.trk.progress.get(this.id)?.maybeUpdate(last);
    this.maybeCommit();
  }

  /** Advances the commit index to what a quorum has; true if it moved. */
  maybeCommit(): boolean {
    return this.raftLog.maybeCommit(this.trk.committed(), this.term);
  }

  committedEntryInCurrentTerm(): boolean {
    return this.raftLog.termOrZero(this.raftLog.committed) === this.term;
  }

  abortLeaderTransfer(): void {
    this.leadTransferee = NONE;
  }

  /** Whether this node may become leader: a voter, and not in the middle of taking a snapshot. */
  promotable(): boolean {
    const pr = this.trk.progress.get(this.id);
    return pr !== undefined && !pr.isLearner && !this.raftLog.hasNextUnstableSnapshot();
  }

  private hasUnappliedConfChanges(): boolean {
    if (this.raftLog.applied >= this.raftLog.committed) return false;
    const ents = this.raftLog.slice(this.raftLog.applied + 1, this.raftLog.committed + 1, Infinity);
    return ents.some((e) => e.type === 'EntryConfChange');
  }

  // ---- elections ----

  hup(t: CampaignType): void {
    if (this.state === 'StateLeader') {
      this.logger.debug(`${this.id} ignoring MsgHup because already leader`);
      return;
    }
    if (!this.promotable()) {
      this.logger.warn(`${this.id} is unpromotable and can not campaign`);
      return;
    }
    // Leading with a configuration we have not applied could count the wrong quorum.
    if (this.hasUnappliedConfChanges()) {
      this.logger.warn(`${this.id} cannot campaign at term ${this.term} since there are still pending configuration changes to apply`);
      return;
    }
    this.logger.info(`${this.id} is starting a new election at term ${this.term}`);
    this.campaign(t);
  }

  campaign(t: CampaignType): void {
    let term: number;
    let voteMsg: MessageType;
    if (t === 'CampaignPreElection') {
      this.becomePreCandidate();
      voteMsg = 'MsgPreVote';
      // Pre-votes ask about the next term without moving to it.
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      voteMsg = 'MsgVote';
      term = this.term;
    }
    const respType = voteMsg === 'MsgVote' ? 'MsgVoteResp' : 'MsgPreVoteResp';
    if (this.poll(this.id, respType, true).result === 'VoteWon') {
      // Our own vote was enough: a single-voter cluster.
      if (t === 'CampaignPreElection') this.campaign('CampaignElection');
      else this.becomeLeader();
      return;
    }
    const lastIndex = this.raftLog.lastIndex();
    const lastTerm = this.raftLog.lastTerm();
    for (const id of this.trk.voterIds()) {
      if (id === this.id) continue;
      this.logger.info(`${this.id} [logterm: ${lastTerm}, index: ${lastIndex}] sent ${voteMsg} request to ${id} at term ${this.term}`);
      const context = t === 'CampaignTransfer' ? CAMPAIGN_TRANSFER_CTX : undefined;
      this.send(makeMessage({ type: voteMsg, to: id, term, index: lastIndex, logTerm: lastTerm, context }));
    }
  }

  poll(id: NodeId, t: MessageType, granted: boolean): ReturnType<ProgressTracker['tallyVotes']> {
    if (granted) this.logger.info(`${this.id} received ${t} from ${id} at term ${this.term}`);
    else this.logger.info(`${this.id} received ${t} rejection from ${id} at term ${this.term}`);
    this.trk.recordVote(id, granted);
    return this.trk.tallyVotes();
  }

  // ---- the entry point ----

  step(m: Message): void {
    if (m.term > this.term) {
      if (!this.stepHigherTerm(m)) return;
    } else if (m.term !== 0 && m.term < this.term) {
      this.stepLowerTerm(m);
      return;
    }
    switch (m.type) {
      case 'MsgHup':
        this.hup(this.preVote ? 'CampaignPreElection' : 'CampaignElection');
        return;
      case 'MsgVote':
      case 'MsgPreVote':
        this.handleVoteRequest(m);
        return;
      default:
        if (this.state === 'StateLeader') stepLeader(this, m);
        else if (this.state === 'StateFollower') stepFollower(this, m);
        else stepCandidate(this, m);
    }
  }

  /** A message from a newer term. Returns false if it must be ignored. */
  private stepHigherTerm(m: Message): boolean {
    if (m.type === 'MsgVote' || m.type === 'MsgPreVote') {
      const force = m.context !== undefined && bytesEqual(m.context, CAMPAIGN_TRANSFER_CTX);
      const inLease = this.checkQuorum && this.lead !== NONE && this.electionElapsed < this.electionTimeout;
      if (!force && inLease) {
        // We heard from a live leader within the election timeout: this candidate is most
        // likely a node that was cut off, and must not depose a working leader (Raft §6).
        this.logger.info(
          `${this.id} [logterm: ${this.raftLog.lastTerm()}, index: ${this.raftLog.lastIndex()}, vote: ${this.vote}] ignored ${m.type} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}: lease is not expired (remaining ticks: ${this.electionTimeout - this.electionElapsed})`,
        );
        return false;
      }
    }
    if (m.type === 'MsgPreVote') return true; // a pre-vote never changes our term
    // A granted pre-vote carries the term we asked about; only a rejection reveals a newer term.
    if (m.type === 'MsgPreVoteResp' && !m.reject) return true;
    this.logger.info(`${this.id} [term: ${this.term}] received a ${m.type} message with higher term from ${m.from} [term: ${m.term}]`);
    const fromLeader = m.type === 'MsgApp' || m.type === 'MsgHeartbeat' || m.type === 'MsgSnap';
    this.becomeFollower(m.term, fromLeader ? m.from : NONE);
    return true;
  }

  private stepLowerTerm(m: Message): void {
    if ((this.checkQuorum || this.preVote) && (m.type === 'MsgHeartbeat' || m.type === 'MsgApp')) {
      // A leader of an older term. With CheckQuorum/PreVote we do not bump our term on vote
      // requests, so a node that raised its term while partitioned could never rejoin; telling
      // the stale leader our term makes it step down and lets the cluster move on.
      this.send(makeMessage({ type: 'MsgAppResp', to: m.from }));
    } else if (m.type === 'MsgPreVote') {
      // Answer rather than ignore, or a pre-candidate with a lower term could wait forever.
      this.logger.info(
        `${this.id} [logterm: ${this.raftLog.lastTerm()}, index: ${this.raftLog.lastIndex()}, vote: ${this.vote}] rejected ${m.type} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}`,
      );
      this.send(makeMessage({ type: 'MsgPreVoteResp', to: m.from, term: this.term, reject: true }));
    } else {
      this.logger.info(`${this.id} [term: ${this.term}] ignored a ${m.type} message with lower term from ${m.from} [term: ${m.term}]`);
    }
  }

  private handleVoteRequest(m: Message): void {
    const canVote =
      // a repeat of the vote we already cast,
      this.vote === m.from ||
      // or we have not voted and know of no leader in this term,
      (this.vote === NONE && this.lead === NONE) ||
      // or a pre-vote for a future term;
      (m.type === 'MsgPreVote' && m.term > this.term);
    const respType = m.type === 'MsgVote' ? 'MsgVoteResp' : 'MsgPreVoteResp';
    const lastTerm = this.raftLog.lastTerm();
    const lastIndex = this.raftLog.lastIndex();
    // and the candidate's log is at least as up to date as ours (§5.4.1).
    if (canVote && this.raftLog.isUpToDate(m.index, m.logTerm)) {
      this.logger.info(
        `${this.id} [logterm: ${lastTerm}, index: ${lastIndex}, vote: ${this.vote}] cast ${m.type} for ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}`,
      );
      // Answer with the term of the request, not ours: for a pre-vote ours is older and the
      // pre-candidate would discard the answer as stale.
      this.send(makeMessage({ type: respType, to: m.from, term: m.term }));
      if (m.type === 'MsgVote') {
        this.electionElapsed = 0;
        this.vote = m.from;
      }
    } else {
      this.logger.info(
        `${this.id} [logterm: ${lastTerm}, index: ${lastIndex}, vote: ${this.vote}] rejected ${m.type} from ${m.from} [logterm: ${m.logTerm}, index: ${m.index}] at term ${this.term}`,
      );
      this.send(makeMessage({ type: respType, to: m.from, term: this.term, reject: true }));
    }
  }

  // ---- membership ----

  applyConfChange(cc: ConfChange): ConfState {
    return this.switchToConfig(applyConfChangeToTracker(this.trk, this.raftLog.lastIndex(), cc));
  }

  switchToConfig(next: ConfigAndProgress): ConfState {
    this.trk.config = next.config;
    this.trk.progress = next.progress;
    this.logger.info(`${this.id} switched to configuration ${describeConfig(this.trk.config)}`);
    const cs = this.trk.confState();
    const pr = this.trk.progress.get(this.id);
    this.isLearner = pr !== undefined && pr.isLearner;
    if ((pr === undefined || this.isLearner) && this.state === 'StateLeader') {
      // We were removed (or demoted): stop leading, so the rest elect a leader among themselves.
      this.becomeFollower(this.term, NONE);
      return cs;
    }
    if (this.state !== 'StateLeader' || cs.voters.length === 0) return cs;
    if (this.maybeCommit()) {
      // A smaller quorum may have committed more already.
      bcastAppend(this);
    } else {
      // Probe new members right away instead of making them wait for a heartbeat.
      this.trk.visit((id) => {
        if (id !== this.id) maybeSendAppend(this, id, false);
      });
    }
    if (this.leadTransferee !== NONE && !this.trk.config.voters.has(this.leadTransferee)) this.abortLeaderTransfer();
    return cs;
  }

  /**
   * Installs a snapshot from the leader. Returns false if it brings nothing new (we already
   * have its last entry; then we only fast-forward the commit index).
   */
  restore(s: Snapshot): boolean {
    const { index, term, confState } = s.metadata;
    if (index <= this.raftLog.committed) return false;
    if (this.state !== 'StateFollower') {
      // Only followers receive snapshots; anything else is a bug, but refuse instead of crash.
      this.logger.warn(`${this.id} attempted to restore snapshot as leader; should never happen`);
      this.becomeFollower(this.term + 1, NONE);
      return false;
    }
    if (!confState.voters.includes(this.id) && !confState.learners.includes(this.id)) {
      this.logger.warn(`${this.id} attempted to restore snapshot but it is not in the ConfState ${JSON.stringify(confState)}; should never happen`);
      return false;
    }
    if (this.raftLog.matchTerm(index, term)) {
      this.logger.info(
        `${this.id} [commit: ${this.raftLog.committed}, lastindex: ${this.raftLog.lastIndex()}, lastterm: ${this.raftLog.lastTerm()}] fast-forwarded commit to snapshot [index: ${index}, term: ${term}]`,
      );
      this.raftLog.commitTo(index);
      return false;
    }
    this.raftLog.restore(s);
    this.trk = new ProgressTracker(this.trk.maxInflight, this.trk.maxInflightBytes);
    this.switchToConfig(restoreTracker(this.trk, this.raftLog.lastIndex(), confState));
    this.logger.info(
      `${this.id} [commit: ${this.raftLog.committed}, lastindex: ${this.raftLog.lastIndex()}, lastterm: ${this.raftLog.lastTerm()}] restored snapshot [index: ${index}, term: ${term}]`,
    );
    return true;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}
