/**
 * A Raft node with the application side a test needs: storage, a trivial state machine (the
 * list of applied payloads), and the Ready loop done by the book (persist, send, apply,
 * advance). Shared by the script environment and the randomized property test.
 */
import type { Rand } from '../../../common/rand';
import { decodeConfChange } from '../conf-change';
import type { RaftLogger } from '../logger';
import { MemoryStorage } from '../memory-storage';
import { RawNode } from '../raw-node';
import type { ReadOnlyOption } from '../read-only';
import type { Ready } from '../ready';
import type { ConfState, Entry, NodeId, Snapshot } from '../types';

export interface NodeOptions {
  readonly id: NodeId;
  readonly rand: Rand;
  readonly logger: RaftLogger;
  readonly electionTick: number;
  readonly heartbeatTick: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly readOnlyOption: ReadOnlyOption;
  readonly maxSizePerMsg: number;
  readonly maxInflightMsgs: number;
}

/** An applied normal entry, as the state machine remembers it. */
export interface AppliedEntry {
  readonly index: number;
  readonly term: number;
  readonly data: string;
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Storage whose snapshot() is the node's current applied state, as etcd's interaction tests
 * do: the leader can then ship a snapshot to a new member without a prior explicit compaction.
 */
class AppSnapshotStorage extends MemoryStorage {
  source: (() => Snapshot | undefined) | undefined;

  override snapshot(): Snapshot {
    return this.source?.() ?? super.snapshot();
  }

  /** The snapshot actually stored (what a restart recovers from). */
  storedSnapshot(): Snapshot {
    return super.snapshot();
  }
}

export class TestNode {
  readonly storage = new AppSnapshotStorage();
  rawNode: RawNode;
  /** The state machine: every non-empty normal entry applied, in order. */
  state: AppliedEntry[] = [];
  appliedIndex = 0;
  confState: ConfState = { voters: [], learners: [] };
  /** Membership after each applied change, to build snapshots at older indexes. */
  private confHistory: { index: number; cs: ConfState }[] = [];
  /** Called for every entry applied (and for snapshot contents), for safety checks. */
  onApply: ((node: TestNode, index: number, digest: string) => void) | undefined;

  constructor(
    readonly opts: NodeOptions,
    bootstrap?: { voters: readonly NodeId[]; learners: readonly NodeId[]; index: number },
  ) {
    if (bootstrap) {
      const confState = { voters: [...bootstrap.voters], learners: [...bootstrap.learners] };
      this.storage.applySnapshot({ data: encodeState([]), metadata: { index: bootstrap.index, term: 1, confState } });
      this.storage.setHardState({ term: 1, vote: 0, commit: bootstrap.index });
      this.appliedIndex = bootstrap.index;
      this.confState = confState;
      this.confHistory.push({ index: bootstrap.index, cs: confState });
    }
    this.storage.source = () => this.currentSnapshot();
    this.rawNode = this.newRawNode();
  }

  get id(): NodeId {
    return this.opts.id;
  }

  private newRawNode(): RawNode {
    const o = this.opts;
    return new RawNode({
      id: o.id,
      electionTick: o.electionTick,
      heartbeatTick: o.heartbeatTick,
      storage: this.storage,
      rand: o.rand,
      applied: this.appliedIndex,
      preVote: o.preVote,
      checkQuorum: o.checkQuorum,
      readOnlyOption: o.readOnlyOption,
      maxSizePerMsg: o.maxSizePerMsg,
      maxInflightMsgs: o.maxInflightMsgs,
      logger: o.logger,
    });
  }

  /**
   * Handles one Ready by the book and returns it (its messages are for the caller to send).
   * onReady sees it before anything is applied, so a trace shows the Ready before the log
   * lines that applying it causes.
   */
  processReady(onReady?: (rd: Ready) => void): Ready {
    const rd = this.rawNode.ready();
    onReady?.(rd);
    if (rd.hardState) this.storage.setHardState(rd.hardState);
    if (rd.snapshot) {
      this.storage.applySnapshot(rd.snapshot);
      this.restoreState(rd.snapshot);
    }
    this.storage.append(rd.entries);
    for (const e of rd.committedEntries) this.apply(e);
    this.rawNode.advance();
    return rd;
  }

  private apply(e: Entry): void {
    if (e.index !== this.appliedIndex + 1) {
      throw new Error(`node ${this.id} applying entry ${e.index} after ${this.appliedIndex}: committed entries must come in order without gaps`);
    }
    this.appliedIndex = e.index;
    if (e.type === 'EntryConfChange') {
      this.confState = this.rawNode.applyConfChange(decodeConfChange(e.data));
      this.confHistory.push({ index: e.index, cs: this.confState });
    } else if (e.data.byteLength > 0) {
      this.state.push({ index: e.index, term: e.term, data: utf8.decode(e.data) });
    }
    this.onApply?.(this, e.index, digest(e));
  }

  private restoreState(s: Snapshot): void {
    this.state = decodeState(s.data);
    this.appliedIndex = s.metadata.index;
    this.confState = s.metadata.confState;
    this.confHistory = [{ index: s.metadata.index, cs: s.metadata.confState }];
    for (const a of this.state) this.onApply?.(this, a.index, `${a.term}/${a.index} ${a.data}`);
  }

  /** A snapshot of the state machine as of applied index i (i <= appliedIndex). */
  snapshotAt(i: number): Snapshot {
    let cs = this.confHistory[0]?.cs ?? this.confState;
    for (const h of this.confHistory) if (h.index <= i) cs = h.cs;
    const data = encodeState(this.state.filter((a) => a.index <= i));
    return { data, metadata: { index: i, term: this.storage.term(i), confState: cs } };
  }

  private currentSnapshot(): Snapshot | undefined {
    if (this.appliedIndex <= this.storage.storedSnapshot().metadata.index) return undefined;
    return this.snapshotAt(this.appliedIndex);
  }

  /** Takes a snapshot at index and drops the log before it, as an application would. */
  compact(index: number): void {
    const snap = this.snapshotAt(index);
    this.storage.createSnapshot(index, snap.metadata.confState, snap.data);
    this.storage.compact(index);
  }

  /**
   * A crash and restart: everything not persisted is lost. The state machine is rebuilt from
   * the stored snapshot and the committed entries after it are applied again.
   */
  restart(): void {
    const snap = this.storage.storedSnapshot();
    this.state = decodeState(snap.data);
    this.appliedIndex = snap.metadata.index;
    this.confState = snap.metadata.confState;
    this.confHistory = [{ index: snap.metadata.index, cs: snap.metadata.confState }];
    this.rawNode = this.newRawNode();
  }
}

/** What must be identical on every node that applies index i. */
export function digest(e: Entry): string {
  if (e.type === 'EntryConfChange') return `${e.term}/${e.index} conf ${Array.from(e.data).join(',')}`;
  return e.data.byteLength > 0 ? `${e.term}/${e.index} ${utf8.decode(e.data)}` : `${e.term}/${e.index} empty`;
}

function encodeState(state: readonly AppliedEntry[]): Uint8Array {
  return encoder.encode(JSON.stringify(state));
}

function decodeState(data: Uint8Array): AppliedEntry[] {
  if (data.byteLength === 0) return [];
  const raw: unknown = JSON.parse(utf8.decode(data));
  if (!Array.isArray(raw)) throw new Error('snapshot data is not a state list');
  return raw.map((x: unknown): AppliedEntry => {
    const o = x as Partial<AppliedEntry>;
    if (typeof o.index !== 'number' || typeof o.term !== 'number' || typeof o.data !== 'string') {
      throw new Error(`snapshot data has a malformed entry ${JSON.stringify(x)}`);
    }
    return { index: o.index, term: o.term, data: o.data };
  });
}
