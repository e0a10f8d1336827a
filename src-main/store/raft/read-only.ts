/**
 * Pending ReadIndex requests on the leader. Each remembers the commit index at the time it
 * arrived; once a quorum has acknowledged a heartbeat carrying its context, the leader knows it
 * was still the leader when the request arrived, and the read can be served at that index.
 * Requests are answered in arrival order, so an ack for a later request also releases every
 * earlier one.
 */
import type { Message, NodeId } from './types';

/** 'safe': confirm leadership with a heartbeat round. 'leaseBased': trust the election lease
 * (relies on bounded clock drift; only valid together with CheckQuorum). */
export type ReadOnlyOption = 'safe' | 'leaseBased';

export interface ReadIndexStatus {
  readonly req: Message;
  readonly index: number;
  readonly acks: Map<NodeId, boolean>;
}

export function ctxKey(ctx: Uint8Array): string {
  let s = '';
  for (const b of ctx) s += b.toString(16).padStart(2, '0');
  return s;
}

export class ReadOnly {
  private pending = new Map<string, ReadIndexStatus>();
  private queue: string[] = [];

  constructor(readonly option: ReadOnlyOption) {}

  /** Registers a request (its context is entries[0].data) at the current commit index. */
  addRequest(index: number, m: Message): void {
    const key = ctxKey(m.entries[0].data);
    if (this.pending.has(key)) return;
    this.pending.set(key, { req: m, index, acks: new Map() });
    this.queue.push(key);
  }

  /** Records that `id` acknowledged the heartbeat for ctx; returns all acks so far. */
  recvAck(id: NodeId, ctx: Uint8Array): Map<NodeId, boolean> | undefined {
    const rs = this.pending.get(ctxKey(ctx));
    if (!rs) return undefined;
    rs.acks.set(id, true);
    return rs.acks;
  }

  /** Removes and returns the requests up to and including the one with ctx. */
  advance(ctx: Uint8Array): ReadIndexStatus[] {
    const key = ctxKey(ctx);
    const at = this.queue.indexOf(key);
    if (at < 0) return [];
    const done = this.queue.slice(0, at + 1);
    this.queue = this.queue.slice(at + 1);
    const out: ReadIndexStatus[] = [];
    for (const k of done) {
      const rs = this.pending.get(k);
      if (rs) out.push(rs);
      this.pending.delete(k);
    }
    return out;
  }

  /** The newest pending context: heartbeats carry it so their acks also confirm older reads. */
  lastPendingRequestCtx(): Uint8Array | undefined {
    const key = this.queue[this.queue.length - 1];
    return key === undefined ? undefined : this.pending.get(key)?.req.entries[0].data;
  }
}
