/**
 * Errors the Raft core reports to its caller. They are expected outcomes (a proposal with no
 * leader to take it, an out-of-date snapshot), so each carries a code to branch on and a
 * message that says what happened and what to do.
 */
export type RaftErrorCode =
  | 'ProposalDropped'
  | 'StepLocalMsg'
  | 'StepPeerNotFound'
  | 'Compacted'
  | 'Unavailable'
  | 'SnapOutOfDate'
  | 'SnapshotTemporarilyUnavailable'
  | 'ReadyNotAdvanced'
  | 'InvalidConfChange';

export class RaftError extends Error {
  constructor(
    readonly code: RaftErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RaftError';
  }
}

export function isRaftError(err: unknown, code: RaftErrorCode): err is RaftError {
  return err instanceof RaftError && err.code === code;
}

export const errCompacted = (): RaftError =>
  new RaftError('Compacted', 'requested index is unavailable due to compaction; send a snapshot instead');

export const errUnavailable = (): RaftError =>
  new RaftError('Unavailable', 'requested entry at index is unavailable: it is past the end of the log');

export const errSnapOutOfDate = (): RaftError =>
  new RaftError('SnapOutOfDate', 'requested index is older than the existing snapshot');
