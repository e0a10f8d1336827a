/**
 * What followers and (pre-)candidates do with each message: take the leader's log, forward
 * what only the leader can handle, and count votes.
 */
import { RaftError } from './errors';
import type { Raft } from './raft';
import { bcastAppend } from './replication';
import { makeMessage, NONE, type Message } from './types';

export function stepFollower(r: Raft, m: Message): void {
  switch (m.type) {
    case 'MsgProp':
      if (r.lead === NONE) {
        r.logger.info(`${r.id} no leader at term ${r.term}; dropping proposal`);
        throw new RaftError('ProposalDropped', `raft proposal dropped: no leader at term ${r.term}; retry once a leader is elected`);
      }
      if (r.disableProposalForwarding) {
        r.logger.info(`${r.id} not forwarding to leader ${r.lead} at term ${r.term}; dropping proposal`);
        throw new RaftError('ProposalDropped', `raft proposal dropped: node ${r.id} does not forward proposals; send it to the leader ${r.lead}`);
      }
      r.send({ ...m, to: r.lead });
      return;
    case 'MsgApp':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleAppendEntries(r, m);
      return;
    case 'MsgHeartbeat':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleHeartbeat(r, m);
      return;
    case 'MsgSnap':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleSnapshot(r, m);
      return;
    case 'MsgTransferLeader':
      if (r.lead === NONE) {
        r.logger.info(`${r.id} no leader at term ${r.term}; dropping leader transfer msg`);
        return;
      }
      r.send({ ...m, to: r.lead, term: 0 });
      return;
    case 'MsgTimeoutNow':
      // The leader asks us to take over. No pre-vote: we know the cluster is healthy, and the
      // vote requests are marked so that the others' leader lease does not refuse them.
      r.logger.info(`${r.id} [term ${r.term}] received MsgTimeoutNow from ${m.from} and starts an election to get leadership.`);
      r.hup('CampaignTransfer');
      return;
    case 'MsgReadIndex':
      if (r.lead === NONE) {
        r.logger.info(`${r.id} no leader at term ${r.term}; dropping index reading msg`);
        return;
      }
      r.send({ ...m, to: r.lead });
      return;
    case 'MsgReadIndexResp':
      if (m.entries.length !== 1) {
        r.logger.error(`${r.id} invalid format of MsgReadIndexResp from ${m.from}, entries count: ${m.entries.length}`);
        return;
      }
      r.readStates.push({ index: m.index, requestCtx: m.entries[0].data });
      return;
    default:
      return;
  }
}

export function stepCandidate(r: Raft, m: Message): void {
  // Count only answers to our current kind of election: as a candidate we may still get
  // pre-vote answers from the pre-candidate phase of this term.
  const myVoteResp = r.state === 'StatePreCandidate' ? 'MsgPreVoteResp' : 'MsgVoteResp';
  switch (m.type) {
    case 'MsgProp':
      r.logger.info(`${r.id} no leader at term ${r.term}; dropping proposal`);
      throw new RaftError('ProposalDropped', `raft proposal dropped: no leader at term ${r.term} (election in progress); retry shortly`);
    case 'MsgApp':
      // Someone else won this term.
      r.becomeFollower(m.term, m.from);
      handleAppendEntries(r, m);
      return;
    case 'MsgHeartbeat':
      r.becomeFollower(m.term, m.from);
      handleHeartbeat(r, m);
      return;
    case 'MsgSnap':
      r.becomeFollower(m.term, m.from);
      handleSnapshot(r, m);
      return;
    case 'MsgTimeoutNow':
      r.logger.debug(`${r.id} [term ${r.term} state ${r.state}] ignored MsgTimeoutNow from ${m.from}`);
      return;
    default:
      break;
  }
  if (m.type !== myVoteResp) return;
  const { granted, rejected, result } = r.poll(m.from, m.type, !m.reject);
  r.logger.info(`${r.id} has received ${granted} ${m.type} votes and ${rejected} vote rejections`);
  if (result === 'VoteWon') {
    if (r.state === 'StatePreCandidate') {
      r.campaign('CampaignElection');
    } else {
      r.becomeLeader();
      // Announce ourselves (and our empty entry) right away.
      bcastAppend(r);
    }
  } else if (result === 'VoteLost') {
    // A pre-vote answer carries the future term we asked about; stay in ours.
    r.becomeFollower(r.term, NONE);
  }
}

function handleAppendEntries(r: Raft, m: Message): void {
  if (m.index < r.raftLog.committed) {
    // Old news (a duplicate or reordered MsgApp); say how far we are.
    r.send(makeMessage({ type: 'MsgAppResp', to: m.from, index: r.raftLog.committed }));
    return;
  }
  const lastNew = r.raftLog.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
  if (lastNew !== undefined) {
    r.send(makeMessage({ type: 'MsgAppResp', to: m.from, index: lastNew }));
    return;
  }
  r.logger.debug(`${r.id} [logterm: ${r.raftLog.termOrZero(m.index)}, index: ${m.index}] rejected MsgApp [logterm: ${m.logTerm}, index: ${m.index}] from ${m.from}`);
  // Hint where our logs could match: the last (index, term) of ours at or below the leader's
  // probe with a term <= its term. Our entries past that point cannot be in the leader's log.
  const [hintIndex, hintTerm] = r.raftLog.findConflictByTerm(Math.min(m.index, r.raftLog.lastIndex()), m.logTerm);
  r.send(makeMessage({ type: 'MsgAppResp', to: m.from, index: m.index, reject: true, rejectHint: hintIndex, logTerm: hintTerm }));
}

function handleHeartbeat(r: Raft, m: Message): void {
  r.raftLog.commitTo(m.commit);
  r.send(makeMessage({ type: 'MsgHeartbeatResp', to: m.from, context: m.context }));
}

function handleSnapshot(r: Raft, m: Message): void {
  if (!m.snapshot) return;
  const { index, term } = m.snapshot.metadata;
  if (r.restore(m.snapshot)) {
    r.logger.info(`${r.id} [commit: ${r.raftLog.committed}] restored snapshot [index: ${index}, term: ${term}]`);
    r.send(makeMessage({ type: 'MsgAppResp', to: m.from, index: r.raftLog.lastIndex() }));
  } else {
    r.logger.info(`${r.id} [commit: ${r.raftLog.committed}] ignored snapshot [index: ${index}, term: ${term}]`);
    r.send(makeMessage({ type: 'MsgAppResp', to: m.from, index: r.raftLog.committed }));
  }
}
