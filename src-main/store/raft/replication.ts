/**
 * How the leader sends its log: MsgApp within each follower's flow control, MsgSnap when the
 * entries a follower needs are compacted, heartbeats, and MsgTimeoutNow for transfers.
 */
import { entriesSize } from './entry-size';
import { isRaftError } from './errors';
import type { Progress } from './progress';
import type { Raft } from './raft';
import { makeMessage, type Entry, type NodeId } from './types';

/** Sends the next MsgApp to `to` if its flow control allows; a snapshot if entries are gone. */
export function sendAppend(r: Raft, to: NodeId): void {
  maybeSendAppend(r, to, true);
}

/**
 * Sends a MsgApp to `to` unless it is paused. With sendIfEmpty false nothing is sent when there
 * are no new entries (no point in an empty append just to carry the commit index). Returns
 * whether a message was sent.
 */
export function maybeSendAppend(r: Raft, to: NodeId, sendIfEmpty: boolean): boolean {
  const pr = r.trk.progress.get(to);
  if (!pr || pr.isPaused()) return false;
  const prevIndex = pr.next - 1;
  let prevTerm: number;
  let ents: Entry[] = [];
  try {
    prevTerm = r.raftLog.term(prevIndex);
    // A throttled follower in StateReplicate only gets empty appends (to learn the commit index
    // and keep it talking) until acknowledgements free inflight room.
    if (pr.state !== 'StateReplicate' || !pr.inflights.full()) ents = r.raftLog.entries(pr.next, r.maxMsgSize);
  } catch (err) {
    if (!isRaftError(err, 'Compacted')) throw err;
    return maybeSendSnapshot(r, to, pr);
  }
  if (ents.length === 0 && !sendIfEmpty) return false;
  r.send(makeMessage({ type: 'MsgApp', to, index: prevIndex, logTerm: prevTerm, entries: ents, commit: r.raftLog.committed }));
  pr.sentEntries(ents.length, entriesSize(ents));
  pr.sentCommit = r.raftLog.committed;
  return true;
}

function maybeSendSnapshot(r: Raft, to: NodeId, pr: Progress): boolean {
  if (!pr.recentActive) {
    // A snapshot is expensive; do not ship one to a node that may be down.
    r.logger.debug(`ignore sending snapshot to ${to} since it is not recently active`);
    return false;
  }
  let snapshot;
  try {
    snapshot = r.raftLog.snapshot();
  } catch (err) {
    if (isRaftError(err, 'SnapshotTemporarilyUnavailable')) {
      r.logger.debug(`${r.id} failed to send snapshot to ${to} because snapshot is temporarily unavailable`);
      return false;
    }
    throw err;
  }
  if (snapshot.metadata.index === 0) throw new Error('need non-empty snapshot');
  const { index, term } = snapshot.metadata;
  r.logger.debug(`${r.id} [firstindex: ${r.raftLog.firstIndex()}, commit: ${r.raftLog.committed}] sent snapshot[index: ${index}, term: ${term}] to ${to} [${pr}]`);
  pr.becomeSnapshot(index);
  r.logger.debug(`${r.id} paused sending replication messages to ${to} [${pr}]`);
  r.send(makeMessage({ type: 'MsgSnap', to, snapshot }));
  return true;
}

export function sendHeartbeat(r: Raft, to: NodeId, context: Uint8Array | undefined): void {
  const pr = r.trk.progress.get(to);
  if (!pr) return;
  // The follower may not have our log up to our commit index yet; telling it to commit past its
  // match could make it commit entries of a stale tail.
  const commit = Math.min(pr.match, r.raftLog.committed);
  r.send(makeMessage({ type: 'MsgHeartbeat', to, commit, context }));
  pr.sentCommit = commit;
}

export function bcastAppend(r: Raft): void {
  r.trk.visit((id) => {
    if (id !== r.id) sendAppend(r, id);
  });
}

/** Heartbeats carry the newest pending read context, so their acks confirm pending reads. */
export function bcastHeartbeat(r: Raft): void {
  bcastHeartbeatWithCtx(r, r.readOnly.lastPendingRequestCtx());
}

export function bcastHeartbeatWithCtx(r: Raft, context: Uint8Array | undefined): void {
  r.trk.visit((id) => {
    if (id !== r.id) sendHeartbeat(r, id, context);
  });
}

export function sendTimeoutNow(r: Raft, to: NodeId): void {
  r.send(makeMessage({ type: 'MsgTimeoutNow', to }));
}
