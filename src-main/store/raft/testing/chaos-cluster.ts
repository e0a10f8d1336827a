/**
 * A randomized run of a 3–5 node cluster over a hostile network (drops, duplicates, reordering,
 * partitions) with crashes, compaction, proposals, reads and leadership transfers, checking
 * Raft's safety properties after every step:
 *
 * - election safety: at most one leader per term;
 * - log matching of committed entries: once an index is committed anywhere, every node that
 *   persists a committed entry there has the same one, and it is never overwritten;
 * - commit never goes back (per node between restarts, and on disk always);
 * - state machine safety: every node applies the same entry at each index.
 *
 * Everything random comes from one seed, so a failure is reproduced by its seed.
 */
import { seededRand, type Rand } from '../../../common/rand';
import { describeMessage } from '../describe';
import { isRaftError } from '../errors';
import { discardLogger, type RaftLogger } from '../logger';
import type { Message, NodeId } from '../types';
import { TestNode, digest } from './test-node';

export interface ChaosOptions {
  readonly seed: number;
  readonly nodes: number;
  readonly steps: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** For debugging one seed: receives every node's log lines. */
  readonly logger?: RaftLogger;
}

export interface ChaosResult {
  readonly committed: number;
  readonly leadersElected: number;
  readonly delivered: number;
  readonly restarts: number;
}

const encoder = new TextEncoder();

export class SafetyViolation extends Error {}

export function runChaos(o: ChaosOptions): ChaosResult {
  return new ChaosCluster(o).run();
}

class ChaosCluster {
  private readonly rand: Rand;
  private readonly nodes: TestNode[] = [];
  private network: Message[] = [];
  /** Partition group of each node; messages only flow within a group. */
  private group = new Map<NodeId, number>();
  private readonly leaderOfTerm = new Map<number, NodeId>();
  private readonly committedDigest = new Map<number, string>();
  private readonly appliedDigest = new Map<number, string>();
  private readonly lastCommit = new Map<NodeId, number>();
  private readonly lastDurableCommit = new Map<NodeId, number>();
  private readonly verifiedUpTo = new Map<NodeId, number>();
  private step = 0;
  private delivered = 0;
  private restarts = 0;
  private proposals = 0;

  constructor(private readonly o: ChaosOptions) {
    this.rand = seededRand(o.seed);
    const voters = Array.from({ length: o.nodes }, (_, i) => i + 1);
    for (const id of voters) {
      const node = new TestNode(
        {
          id,
          rand: seededRand(o.seed * 31 + id),
          logger: o.logger ?? discardLogger,
          electionTick: 6,
          heartbeatTick: 2,
          preVote: o.preVote,
          checkQuorum: o.checkQuorum,
          readOnlyOption: 'safe',
          maxSizePerMsg: 64,
          maxInflightMsgs: 4,
        },
        { voters, learners: [], index: 1 },
      );
      node.onApply = (n, index, d) => this.checkApplied(n, index, d);
      this.nodes.push(node);
      this.group.set(id, 0);
    }
  }

  private fail(why: string): never {
    throw new SafetyViolation(`seed ${this.o.seed} step ${this.step}: ${why}`);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.rand.int(xs.length)];
  }

  run(): ChaosResult {
    for (this.step = 0; this.step < this.o.steps; this.step++) {
      this.randomAction();
      this.checkInvariants();
    }
    this.settle();
    return {
      committed: Math.max(...this.nodes.map((n) => n.rawNode.status().commit)),
      leadersElected: this.leaderOfTerm.size,
      delivered: this.delivered,
      restarts: this.restarts,
    };
  }

  private randomAction(): void {
    const p = this.rand.float();
    const node = this.pick(this.nodes);
    if (p < 0.25) node.rawNode.tick();
    else if (p < 0.62) this.deliverRandom();
    else if (p < 0.8) this.processReady(node);
    else if (p < 0.92) this.propose(node);
    else if (p < 0.94) this.repartition();
    else if (p < 0.96) this.compact(node);
    else if (p < 0.965) this.restart(node);
    else if (p < 0.99) node.rawNode.readIndex(encoder.encode(`read-${this.step}`));
    else this.transfer(node);
  }

  private processReady(node: TestNode): void {
    if (!node.rawNode.hasReady()) return;
    const before = node.storage.initialState().hardState.commit;
    const rd = node.processReady();
    // A persisted committed entry must never be replaced.
    for (const e of rd.entries) {
      const want = this.committedDigest.get(e.index);
      if (want !== undefined && e.index <= before && want !== digest(e)) {
        this.fail(`node ${node.id} overwrote committed entry ${e.index} (${want}) with ${digest(e)}`);
      }
    }
    this.network.push(...rd.messages);
  }

  private deliverRandom(): void {
    if (this.network.length === 0) return;
    // Any message in flight may overtake the others: that is the reordering.
    const i = this.rand.int(this.network.length);
    const m = this.network[i];
    const dup = this.rand.float() < 0.03;
    if (!dup) this.network.splice(i, 1);
    const lost = this.rand.float() < 0.1 || this.group.get(m.from) !== this.group.get(m.to);
    if (lost) this.reportSnapshot(m, false);
    else this.deliver(m);
  }

  /**
   * The transport knows whether a snapshot got through and must tell the leader, which
   * otherwise waits for it forever (etcd's ReportSnapshot contract).
   */
  private reportSnapshot(m: Message, ok: boolean): void {
    if (m.type === 'MsgSnap') this.nodes[m.from - 1]?.rawNode.reportSnapshot(m.to, ok);
  }

  private deliver(m: Message): void {
    this.reportSnapshot(m, true);
    const to = this.nodes[m.to - 1];
    if (!to) return;
    this.delivered++;
    try {
      to.rawNode.step(m);
    } catch (err) {
      if (isRaftError(err, 'StepPeerNotFound') || isRaftError(err, 'ProposalDropped')) return;
      throw new Error(`seed ${this.o.seed} step ${this.step}: stepping ${describeMessage(m)}: ${String(err)}`, { cause: err });
    }
  }

  private propose(node: TestNode): void {
    try {
      node.rawNode.propose(encoder.encode(`p${this.proposals++}`));
    } catch (err) {
      if (!isRaftError(err, 'ProposalDropped')) throw err;
    }
  }

  private transfer(node: TestNode): void {
    try {
      node.rawNode.transferLeader(this.pick(this.nodes).id);
    } catch (err) {
      if (!isRaftError(err, 'ProposalDropped')) throw err;
    }
  }

  private repartition(): void {
    if (this.rand.float() < 0.5) {
      for (const n of this.nodes) this.group.set(n.id, 0);
      return;
    }
    for (const n of this.nodes) this.group.set(n.id, this.rand.int(2));
  }

  private compact(node: TestNode): void {
    const first = node.storage.firstIndex();
    const applied = node.appliedIndex;
    if (applied <= first) return;
    node.compact(first + this.rand.int(applied - first + 1));
  }

  private restart(node: TestNode): void {
    // The node forgets everything not on disk: its volatile commit index may go back.
    node.restart();
    this.lastCommit.set(node.id, node.rawNode.status().commit);
    this.restarts++;
  }

  private checkApplied(node: TestNode, index: number, d: string): void {
    const seen = this.appliedDigest.get(index);
    if (seen === undefined) this.appliedDigest.set(index, d);
    else if (seen !== d) this.fail(`node ${node.id} applied ${d} at index ${index}, another node applied ${seen}`);
  }

  private checkInvariants(): void {
    for (const n of this.nodes) {
      const st = n.rawNode.status();
      if (st.raftState === 'StateLeader') {
        const other = this.leaderOfTerm.get(st.term);
        if (other !== undefined && other !== n.id) this.fail(`nodes ${other} and ${n.id} are both leaders of term ${st.term}`);
        this.leaderOfTerm.set(st.term, n.id);
      }
      if (st.commit < (this.lastCommit.get(n.id) ?? 0)) this.fail(`node ${n.id} commit went back from ${this.lastCommit.get(n.id)} to ${st.commit}`);
      this.lastCommit.set(n.id, st.commit);
      const durable = n.storage.initialState().hardState.commit;
      if (durable < (this.lastDurableCommit.get(n.id) ?? 0)) this.fail(`node ${n.id} persisted commit went back to ${durable}`);
      this.lastDurableCommit.set(n.id, durable);
      this.checkCommittedLog(n, durable);
    }
  }

  /** Compares the node's persisted committed entries with what the cluster has committed. */
  private checkCommittedLog(n: TestNode, durableCommit: number): void {
    const s = n.storage;
    const from = Math.max((this.verifiedUpTo.get(n.id) ?? 0) + 1, s.firstIndex());
    const to = Math.min(durableCommit, s.lastIndex());
    if (from > to) return;
    for (const e of s.entries(from, to + 1, Infinity)) {
      const d = digest(e);
      const want = this.committedDigest.get(e.index);
      if (want === undefined) this.committedDigest.set(e.index, d);
      else if (want !== d) this.fail(`node ${n.id} has committed ${d} at index ${e.index}, but ${want} was committed there`);
    }
    this.verifiedUpTo.set(n.id, to);
  }

  /**
   * After the chaos: heal the network and run fairly until every node has the same commit
   * index and one leader leads them all. This checks liveness and gives the safety checks a
   * final, fully replicated state to look at.
   */
  private settle(): void {
    for (const n of this.nodes) this.group.set(n.id, 0);
    for (let round = 0; round < 400; round++) {
      for (const n of this.nodes) {
        n.rawNode.tick();
        if (n.rawNode.hasReady()) this.processReady(n);
      }
      const msgs = this.network;
      this.network = [];
      for (const m of msgs) this.deliver(m);
      for (const n of this.nodes) if (n.rawNode.hasReady()) this.processReady(n);
      this.checkInvariants();
      const sts = this.nodes.map((n) => n.rawNode.status());
      const leader = sts.find((s) => s.raftState === 'StateLeader');
      // Settled: one leader that has committed an entry of its own term, and everyone caught up.
      const ownTerm = leader !== undefined && this.nodes[leader.id - 1].storage.term(leader.commit) === leader.term;
      if (leader && ownTerm && sts.every((s) => s.lead === leader.id && s.commit === leader.commit && s.applied === s.commit)) return;
    }
    const summary = this.nodes.map((n) => {
      const s = n.rawNode.status();
      const prs = [...s.progress].map(([id, pr]) => `${id}=[${pr.text}]`).join(' ');
      const log = `log=[${n.storage.firstIndex()},${n.storage.lastIndex()}]`;
      return `${n.id}:${s.raftState} term=${s.term} lead=${s.lead} commit=${s.commit} applied=${s.applied} ${log}${prs ? ' ' + prs : ''}`;
    });
    this.fail(`the cluster did not settle after the network healed: ${summary.join('; ')}`);
  }
}
