/**
 * The world a Raft script runs in: numbered nodes, a network that holds every message in flight
 * until a command delivers (or drops) it, and an output buffer the commands and the nodes'
 * loggers write to. Nothing happens unless a command says so, which is what makes the scripts
 * exact.
 */
import { seededRand } from '../../../common/rand';
import { describeEntries, describeMessage, describeReady } from '../describe';
import { RaftError } from '../errors';
import type { Message, NodeId } from '../types';
import { TestLogger } from './test-logger';
import { TestNode, type NodeOptions } from './test-node';

export type NodeSettings = Omit<NodeOptions, 'id' | 'rand' | 'logger'>;

export const DEFAULT_SETTINGS: NodeSettings = {
  electionTick: 3,
  heartbeatTick: 1,
  preVote: false,
  checkQuorum: false,
  readOnlyOption: 'safe',
  maxSizePerMsg: Infinity,
  maxInflightMsgs: 256,
};

export class InteractionEnv {
  readonly nodes: TestNode[] = [];
  /** Sent and not yet delivered, in send order. */
  messages: Message[] = [];
  /** Nodes cut off from everyone: their messages (both ways) are dropped on delivery. */
  readonly isolated = new Set<NodeId>();
  private out: string[] = [];
  readonly logger = new TestLogger((line) => this.out.push(line));

  /** Runs fn and returns everything written meanwhile (or "ok"). */
  capture(fn: () => void): string {
    this.out = [];
    this.logger.indent = '';
    fn();
    const text = this.out.filter((l) => l.trim() !== '').join('\n');
    return text === '' ? 'ok' : text;
  }

  print(...lines: string[]): void {
    for (const l of lines) for (const part of l.split('\n')) this.out.push(part);
  }

  node(id: NodeId): TestNode {
    const n = this.nodes[id - 1];
    if (!n) throw new Error(`no node ${id} (there are ${this.nodes.length}); add it with add-nodes`);
    return n;
  }

  addNodes(count: number, settings: NodeSettings, bootstrap?: { voters: NodeId[]; learners: NodeId[]; index: number }): void {
    for (let k = 0; k < count; k++) {
      const id = this.nodes.length + 1;
      const opts: NodeOptions = { ...settings, id, rand: seededRand(id), logger: this.logger };
      this.nodes.push(new TestNode(opts, bootstrap));
    }
  }

  /** Runs a call against a node, printing a dropped proposal instead of failing the script. */
  guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof RaftError)) throw err;
      this.print(`error: ${err.message}`);
    }
  }

  processReady(id: NodeId): void {
    const n = this.node(id);
    if (!n.rawNode.hasReady()) return;
    this.print(`> ${id} handling Ready`);
    this.logger.indent = '  ';
    const rd = n.processReady((ready) => this.print(...describeReady(ready).map((l) => `  ${l.replace(/\n/g, '\n  ')}`)));
    this.logger.indent = '';
    this.messages.push(...rd.messages);
  }

  /** Delivers (or with drop, discards) the queued messages addressed to id; returns how many. */
  deliver(id: NodeId, drop: boolean): number {
    const mine = this.messages.filter((m) => m.to === id);
    if (mine.length === 0) return 0;
    this.messages = this.messages.filter((m) => m.to !== id);
    this.print(`> ${id} ${drop ? 'dropping' : 'receiving'} messages`);
    this.logger.indent = '  ';
    for (const m of mine) {
      if (drop || this.isolated.has(m.from) || this.isolated.has(m.to)) {
        this.print(`${describeMessage(m, '  ')}${drop ? '' : ' (dropped: partitioned)'}`);
        continue;
      }
      this.print(describeMessage(m, '  '));
      try {
        this.node(id).rawNode.step(m);
      } catch (err) {
        if (!(err instanceof RaftError)) throw err;
        this.print(`  error: ${err.message}`);
      }
    }
    this.logger.indent = '';
    return mine.length;
  }

  /** Readies and deliveries until nothing moves among the given nodes. */
  stabilize(ids: NodeId[]): void {
    for (let round = 0; ; round++) {
      if (round > 1000) throw new Error('stabilize did not converge in 1000 rounds');
      let moved = false;
      for (const id of ids) {
        if (this.node(id).rawNode.hasReady()) {
          this.processReady(id);
          moved = true;
        }
      }
      for (const id of ids) if (this.deliver(id, false) > 0) moved = true;
      if (!moved) return;
    }
  }

  raftLog(id: NodeId): void {
    const s = this.node(id).storage;
    const ents = s.lastIndex() >= s.firstIndex() ? s.entries(s.firstIndex(), s.lastIndex() + 1, Infinity) : [];
    if (ents.length === 0) this.print(`log is empty: first index=${s.firstIndex()}, last index=${s.lastIndex()}`);
    else this.print(...describeEntries(ents));
  }

  raftState(): void {
    for (const n of this.nodes) {
      const st = n.rawNode.status();
      const role = st.config.voters.includes(n.id) ? 'Voter' : st.config.learners.includes(n.id) ? 'Learner' : 'Non-Voter';
      const iso = this.isolated.has(n.id) ? ' (isolated)' : '';
      this.print(`${n.id}: ${st.raftState} (${role}) Term:${st.term} Lead:${st.lead}${iso}`);
    }
  }

  status(id: NodeId): void {
    const st = this.node(id).rawNode.status();
    if (st.progress.size === 0) {
      this.print(`${st.raftState} term=${st.term} lead=${st.lead} commit=${st.commit} applied=${st.applied} (no progress: not the leader)`);
      return;
    }
    for (const [pid, pr] of st.progress) this.print(`${pid}: ${pr.text}`);
  }
}
