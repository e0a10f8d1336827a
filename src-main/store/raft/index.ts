/** The Raft consensus core: a pure state machine driven by RawNode (see raw-node.ts, ready.ts). */
export { RawNode } from './raw-node';
export type { Ready } from './ready';
export type { Status, ProgressStatus } from './status';
export type { RaftConfig } from './config';
export type { RaftLogger } from './logger';
export { discardLogger } from './logger';
export type { Storage, InitialState } from './storage';
export { MemoryStorage } from './memory-storage';
export { RaftError, isRaftError, type RaftErrorCode } from './errors';
export { encodeConfChange, decodeConfChange } from './conf-change';
export type { ReadOnlyOption } from './read-only';
export type { ProgressState } from './progress';
export * from './types';
