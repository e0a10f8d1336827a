/**
 * What a leader does with each message: accept proposals, track followers' acknowledgements
 * and commit, serve ReadIndex, and hand over leadership on request.
 */
import { decodeConfChange } from './conf-change';
import { RaftError } from './errors';
import { voteResult } from './quorum';
import type { Raft } from './raft';
import { bcastAppend, bcastHeartbeat, bcastHeartbeatWithCtx, maybeSendAppend, sendAppend, sendTimeoutNow } from './replication';
import { NONE, makeMessage, type Entry, type Message } from './types';

export function stepLeader(r: Raft, m: Message): void {
  // Messages that do not need the sender's progress.
  switch (m.type) {
    case 'MsgBeat':
      bcastHeartbeat(r);
      return;
    case 'MsgCheckQuorum':
      if (!r.trk.quorumActive()) {
        // We may be on the minority side of a partition; a leader there would keep clients
        // waiting on proposals that can never commit.
        r.logger.warn(`${r.id} stepped down to follower since quorum is not active`);
        r.becomeFollower(r.term, NONE);
      }
      // Everyone (but us) must prove again to be alive by the next check.
      r.trk.visit((id, pr) => {
        if (id !== r.id) pr.recentActive = false;
      });
      return;
    case 'MsgProp':
      stepProposal(r, m);
      return;
    case 'MsgReadIndex':
      stepReadIndex(r, m);
      return;
    default:
      break;
  }

  const pr = r.trk.progress.get(m.from);
  if (!pr) {
    r.logger.debug(`${r.id} no progress available for ${m.from}`);
    return;
  }
  switch (m.type) {
    case 'MsgAppResp':
      pr.recentActive = true;
      if (m.reject) handleAppReject(r, m);
      else handleAppAccept(r, m);
      return;
    case 'MsgHeartbeatResp': {
      pr.recentActive = true;
      pr.msgAppFlowPaused = false;
      // Even a follower whose inflights are full gets an (empty) append, so that it recovers if
      // all of the messages that filled them were lost.
      if (pr.match < r.raftLog.lastIndex() || pr.state === 'StateProbe') sendAppend(r, m.from);
      if (r.readOnly.option !== 'safe' || !m.context || m.context.byteLength === 0) return;
      const acks = r.readOnly.recvAck(m.from, m.context);
      if (!acks || voteResult(r.trk.config.voters, acks) !== 'VoteWon') return;
      for (const rs of r.readOnly.advance(m.context)) respondToReadIndex(r, rs.req, rs.index);
      return;
    }
    case 'MsgSnapStatus':
      if (pr.state !== 'StateSnapshot') return;
      if (m.reject) pr.pendingSnapshot = 0; // it never got there: probe from match, not the snapshot
      pr.becomeProbe();
      r.logger.debug(`${r.id} snapshot ${m.reject ? 'failed' : 'succeeded'}, resumed sending replication messages to ${m.from} [${pr}]`);
      // Wait for the follower's MsgAppResp (or a heartbeat interval after a failure).
      pr.msgAppFlowPaused = true;
      return;
    case 'MsgUnreachable':
      // In optimistic replication a lost MsgApp is likely; go back to probing.
      if (pr.state === 'StateReplicate') pr.becomeProbe();
      r.logger.debug(`${r.id} failed to send message to ${m.from} because it is unreachable [${pr}]`);
      return;
    case 'MsgTransferLeader':
      stepTransferLeader(r, m);
      return;
    default:
      return;
  }
}

function stepProposal(r: Raft, m: Message): void {
  if (m.entries.length === 0) throw new Error(`${r.id} stepped empty MsgProp`);
  if (!r.trk.progress.has(r.id)) {
    throw new RaftError('ProposalDropped', `raft proposal dropped: node ${r.id} was removed from the configuration; propose to another member`);
  }
  if (r.leadTransferee !== NONE) {
    r.logger.debug(`${r.id} [term ${r.term}] transfer leadership to ${r.leadTransferee} is in progress; dropping proposal`);
    throw new RaftError('ProposalDropped', `raft proposal dropped: leadership is being transferred to ${r.leadTransferee}; retry with the new leader`);
  }
  const ents: Entry[] = m.entries.map((e, i) => {
    if (e.type !== 'EntryConfChange') return e;
    const cc = decodeConfChange(e.data);
    let failedCheck = '';
    if (r.pendingConfIndex > r.raftLog.applied) {
      failedCheck = `possible unapplied conf change at index ${r.pendingConfIndex} (applied to ${r.raftLog.applied})`;
    } else if (cc.type === 'ConfChangeRemoveNode' && r.trk.config.voters.size === 1 && r.trk.config.voters.has(cc.nodeId)) {
      failedCheck = 'it would remove the last voter';
    }
    if (failedCheck !== '') {
      // Keep the slot (the caller may count on the index) but make it a no-op.
      r.logger.info(`${r.id} ignoring conf change ${cc.type} ${cc.nodeId}: ${failedCheck}`);
      return { ...e, type: 'EntryNormal', data: new Uint8Array(0) };
    }
    r.pendingConfIndex = r.raftLog.lastIndex() + i + 1;
    return e;
  });
  r.appendEntry(ents);
  bcastAppend(r);
}

function handleAppReject(r: Raft, m: Message): void {
  const pr = r.trk.progress.get(m.from);
  if (!pr) return;
  // rejectHint is the follower's guess of where our logs could match and logTerm its term
  // there. Jump to the last index of ours whose term is <= that term: everything after it in
  // the follower's log cannot match ours, so a divergent tail costs one round trip per term
  // rather than one per entry.
  r.logger.debug(`${r.id} received MsgAppResp(rejected, hint: (index ${m.rejectHint}, term ${m.logTerm})) from ${m.from} for index ${m.index}`);
  let nextProbe = m.rejectHint;
  if (m.logTerm > 0) [nextProbe] = r.raftLog.findConflictByTerm(m.rejectHint, m.logTerm);
  if (pr.maybeDecrTo(m.index, nextProbe)) {
    r.logger.debug(`${r.id} decreased progress of ${m.from} to [${pr}]`);
    if (pr.state === 'StateReplicate') pr.becomeProbe();
    sendAppend(r, m.from);
  }
}

function handleAppAccept(r: Raft, m: Message): void {
  const pr = r.trk.progress.get(m.from);
  if (!pr) return;
  // An ack of what we already knew still moves a probing follower to replicate.
  if (!pr.maybeUpdate(m.index) && !(pr.match === m.index && pr.state === 'StateProbe')) return;
  if (pr.state === 'StateProbe') {
    pr.becomeReplicate();
  } else if (pr.state === 'StateSnapshot' && pr.match + 1 >= r.raftLog.firstIndex()) {
    // Whatever snapshot it applied, the follower can now be caught up from the log.
    r.logger.debug(`${r.id} recovered from needing snapshot, resumed sending replication messages to ${m.from} [${pr}]`);
    pr.becomeProbe();
    pr.becomeReplicate();
  } else if (pr.state === 'StateReplicate') {
    pr.inflights.freeLE(m.index);
  }
  if (r.maybeCommit()) {
    // Reads that waited for this leader's first commit can go now.
    releasePendingReadIndexMessages(r);
    bcastAppend(r);
  } else if (m.from !== r.id && pr.canBumpCommit(r.raftLog.committed)) {
    // Tell it the commit index now rather than at the next heartbeat.
    sendAppend(r, m.from);
  }
  // Flow control may have room for several messages now; send without empty ones.
  if (m.from !== r.id) {
    while (maybeSendAppend(r, m.from, false)) {
      // keep sending
    }
  }
  if (m.from === r.leadTransferee && pr.match === r.raftLog.lastIndex()) {
    r.logger.info(`${r.id} sent MsgTimeoutNow to ${m.from} after received MsgAppResp`);
    sendTimeoutNow(r, m.from);
  }
}

function stepTransferLeader(r: Raft, m: Message): void {
  const pr = r.trk.progress.get(m.from);
  if (!pr) return;
  if (pr.isLearner) {
    r.logger.debug(`${r.id} is learner. Ignored transferring leadership`);
    return;
  }
  const transferee = m.from;
  const last = r.leadTransferee;
  if (last !== NONE) {
    if (last === transferee) {
      r.logger.info(`${r.id} [term ${r.term}] transfer leadership to ${transferee} is in progress, ignores request to same node ${transferee}`);
      return;
    }
    r.abortLeaderTransfer();
    r.logger.info(`${r.id} [term ${r.term}] abort previous transferring leadership to ${last}`);
  }
  if (transferee === r.id) {
    r.logger.debug(`${r.id} is already leader. Ignored transferring leadership to self`);
    return;
  }
  r.logger.info(`${r.id} [term ${r.term}] starts to transfer leadership to ${transferee}`);
  // The transfer must finish within one election timeout, or it is abandoned (tickHeartbeat).
  r.electionElapsed = 0;
  r.leadTransferee = transferee;
  if (pr.match === r.raftLog.lastIndex()) {
    sendTimeoutNow(r, transferee);
    r.logger.info(`${r.id} sends MsgTimeoutNow to ${transferee} immediately as ${transferee} already has up-to-date log`);
  } else {
    sendAppend(r, transferee);
  }
}

function stepReadIndex(r: Raft, m: Message): void {
  if (r.trk.isSingleton()) {
    // Nobody else could have been elected: the commit index is safe to read at.
    respondToReadIndex(r, m, r.raftLog.committed);
    return;
  }
  // Until we commit an entry of our own term we do not know the true commit index: entries
  // of earlier terms in our log may be committed already without our knowing.
  if (!r.committedEntryInCurrentTerm()) {
    r.pendingReadIndexMessages.push(m);
    return;
  }
  sendReadIndexResponse(r, m);
}

function sendReadIndexResponse(r: Raft, m: Message): void {
  if (r.readOnly.option === 'leaseBased') {
    respondToReadIndex(r, m, r.raftLog.committed);
    return;
  }
  r.readOnly.addRequest(r.raftLog.committed, m);
  r.readOnly.recvAck(r.id, m.entries[0].data);
  bcastHeartbeatWithCtx(r, m.entries[0].data);
}

function releasePendingReadIndexMessages(r: Raft): void {
  if (r.pendingReadIndexMessages.length === 0 || !r.committedEntryInCurrentTerm()) return;
  const msgs = r.pendingReadIndexMessages;
  r.pendingReadIndexMessages = [];
  for (const m of msgs) sendReadIndexResponse(r, m);
}

/** Answers a read: locally if it is ours, with MsgReadIndexResp if a follower forwarded it. */
function respondToReadIndex(r: Raft, req: Message, index: number): void {
  if (req.from === NONE || req.from === r.id) {
    r.readStates.push({ index, requestCtx: req.entries[0].data });
    return;
  }
  r.send(makeMessage({ type: 'MsgReadIndexResp', to: req.from, index, entries: req.entries }));
}
