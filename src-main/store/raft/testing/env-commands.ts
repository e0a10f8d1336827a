/**
 * The commands of the Raft script language. Each takes its arguments from a TestCase and acts on
 * an InteractionEnv; the text they print is the expected output in the script.
 *
 *   add-nodes <n> [voters=(1,2,3)] [learners=(4)] [index=N] [prevote=true] [checkquorum=true]
 *             [election-tick=3] [heartbeat-tick=1] [read-only=safe|lease-based]
 *             [max-size-per-msg=N] [max-inflight-msgs=N]
 *   campaign <id>                      propose <id> <data>
 *   propose-conf-change <id> v4|l4|r4  read-index <id> <ctx>
 *   transfer-leadership from=<id> to=<id>
 *   process-ready <id>...              deliver-msgs [drop=(<id>,...)] [<id>...]
 *   stabilize [<id>...]                tick <id> [n]
 *   tick-heartbeat <id>                tick-election <id>   (2*electionTick-1 ticks: enough for any randomized timeout)
 *   isolate <id>...                    heal
 *   compact <id> <index>               restart <id>
 *   report-unreachable <id> <peer>     log-level debug|info|warn|error|none
 *   raft-log <id>   raft-state   status <id>
 */
import { parseConfChange } from '../conf-change';
import type { ReadOnlyOption } from '../read-only';
import type { NodeId } from '../types';
import type { CommandArg, TestCase } from './datadriven';
import { DEFAULT_SETTINGS, type InteractionEnv, type NodeSettings } from './interaction-env';
import { LOG_LEVELS, type LogLevel } from './test-logger';

const encoder = new TextEncoder();

class Args {
  constructor(private readonly tc: TestCase) {}

  private fail(why: string): never {
    throw new Error(`line ${this.tc.line}: ${this.tc.command}: ${why}`);
  }

  positional(): string[] {
    return this.tc.args.filter((a) => a.values.length === 0).map((a) => a.key);
  }

  ids(): NodeId[] {
    return this.positional().map((p) => this.toInt(p, 'node id'));
  }

  id(at = 0): NodeId {
    const p = this.positional()[at];
    if (p === undefined) this.fail('missing node id');
    return this.toInt(p, 'node id');
  }

  word(at: number): string {
    const p = this.positional()[at];
    if (p === undefined) this.fail(`missing argument ${at + 1}`);
    return p;
  }

  private get(key: string): CommandArg | undefined {
    return this.tc.args.find((a) => a.key === key && a.values.length > 0);
  }

  int(key: string, dflt: number): number {
    const a = this.get(key);
    return a ? this.toInt(a.values[0], key) : dflt;
  }

  intList(key: string): NodeId[] | undefined {
    return this.get(key)?.values.map((v) => this.toInt(v, key));
  }

  bool(key: string, dflt: boolean): boolean {
    const a = this.get(key);
    if (!a) return dflt;
    if (a.values[0] !== 'true' && a.values[0] !== 'false') this.fail(`${key} must be true or false`);
    return a.values[0] === 'true';
  }

  str(key: string): string | undefined {
    return this.get(key)?.values[0];
  }

  private toInt(s: string, what: string): number {
    const n = Number(s);
    if (!Number.isInteger(n)) this.fail(`${what} "${s}" is not an integer`);
    return n;
  }
}

function settingsFrom(a: Args): NodeSettings {
  const ro = a.str('read-only') ?? 'safe';
  if (ro !== 'safe' && ro !== 'lease-based') throw new Error(`read-only must be safe or lease-based, not ${ro}`);
  const readOnlyOption: ReadOnlyOption = ro === 'safe' ? 'safe' : 'leaseBased';
  return {
    electionTick: a.int('election-tick', DEFAULT_SETTINGS.electionTick),
    heartbeatTick: a.int('heartbeat-tick', DEFAULT_SETTINGS.heartbeatTick),
    preVote: a.bool('prevote', DEFAULT_SETTINGS.preVote),
    checkQuorum: a.bool('checkquorum', DEFAULT_SETTINGS.checkQuorum),
    readOnlyOption,
    maxSizePerMsg: a.int('max-size-per-msg', DEFAULT_SETTINGS.maxSizePerMsg),
    maxInflightMsgs: a.int('max-inflight-msgs', DEFAULT_SETTINGS.maxInflightMsgs),
  };
}

function tickN(env: InteractionEnv, id: NodeId, n: number): void {
  const node = env.node(id);
  for (let i = 0; i < n; i++) node.rawNode.tick();
}

/** Runs one case and returns its output. */
export function runCommand(env: InteractionEnv, tc: TestCase): string {
  const a = new Args(tc);
  return env.capture(() => {
    switch (tc.command) {
      case 'add-nodes': {
        const voters = a.intList('voters');
        const bootstrap = voters ? { voters, learners: a.intList('learners') ?? [], index: a.int('index', 1) } : undefined;
        env.addNodes(a.id(), settingsFrom(a), bootstrap);
        return;
      }
      case 'campaign':
        env.guard(() => env.node(a.id()).rawNode.campaign());
        return;
      case 'propose':
        env.guard(() => env.node(a.id()).rawNode.propose(encoder.encode(a.word(1))));
        return;
      case 'propose-conf-change': {
        const cc = parseConfChange(a.word(1));
        if (!cc) throw new Error(`line ${tc.line}: conf change must be v<id>, l<id> or r<id>, not ${a.word(1)}`);
        env.guard(() => env.node(a.id()).rawNode.proposeConfChange(cc));
        return;
      }
      case 'read-index':
        env.guard(() => env.node(a.id()).rawNode.readIndex(encoder.encode(a.word(1))));
        return;
      case 'transfer-leadership':
        env.guard(() => env.node(a.int('from', 0)).rawNode.transferLeader(a.int('to', 0)));
        return;
      case 'process-ready':
        for (const id of a.ids()) env.processReady(id);
        return;
      case 'deliver-msgs':
        for (const id of a.intList('drop') ?? []) env.deliver(id, true);
        for (const id of a.ids()) env.deliver(id, false);
        return;
      case 'stabilize': {
        const ids = a.ids();
        env.stabilize(ids.length > 0 ? ids : env.nodes.map((n) => n.id));
        return;
      }
      case 'tick':
        tickN(env, a.id(), a.positional().length > 1 ? Number(a.word(1)) : 1);
        return;
      case 'tick-heartbeat':
        tickN(env, a.id(), env.node(a.id()).opts.heartbeatTick);
        return;
      case 'tick-election':
        tickN(env, a.id(), 2 * env.node(a.id()).opts.electionTick - 1);
        return;
      case 'isolate':
        for (const id of a.ids()) env.isolated.add(id);
        return;
      case 'heal':
        env.isolated.clear();
        return;
      case 'compact': {
        const node = env.node(a.id());
        node.compact(Number(a.word(1)));
        env.raftLog(node.id);
        return;
      }
      case 'restart':
        env.node(a.id()).restart();
        return;
      case 'report-unreachable':
        env.node(a.id()).rawNode.reportUnreachable(a.id(1));
        return;
      case 'log-level': {
        const level = a.word(0);
        if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`line ${tc.line}: unknown log level ${level}`);
        env.logger.level = level as LogLevel;
        return;
      }
      case 'raft-log':
        env.raftLog(a.id());
        return;
      case 'raft-state':
        env.raftState();
        return;
      case 'status':
        env.status(a.id());
        return;
      default:
        throw new Error(`line ${tc.line}: unknown command "${tc.command}"`);
    }
  });
}
