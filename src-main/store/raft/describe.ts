/**
 * One-line text forms of entries, messages and Ready, for logs and the script tests. Modelled on
 * etcd-io/raft's Describe* helpers so a trace reads the same: "1->2 MsgApp Term:1 Log:1/2
 * Commit:2 Entries:[1/3 EntryNormal "foo"]".
 */
import { decodeConfChange, describeConfChange } from './conf-change';
import type { Ready } from './ready';
import type { ConfState, Entry, HardState, Message, NodeId, Snapshot } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Printable payload: quoted text, as JSON quotes it. */
export function describeData(data: Uint8Array): string {
  return JSON.stringify(utf8.decode(data));
}

export function describeEntry(e: Entry): string {
  if (e.type === 'EntryConfChange') {
    let text: string;
    try {
      text = describeConfChange(decodeConfChange(e.data));
    } catch {
      text = `<malformed ${e.data.byteLength} bytes>`;
    }
    return `${e.term}/${e.index} EntryConfChange ${text}`;
  }
  return `${e.term}/${e.index} EntryNormal ${describeData(e.data)}`;
}

export function describeEntries(ents: readonly Entry[]): string[] {
  return ents.map(describeEntry);
}

const target = (id: NodeId): string => (id === 0 ? 'None' : String(id));

export function describeConfState(cs: ConfState): string {
  return `Voters:[${cs.voters.join(' ')}] Learners:[${cs.learners.join(' ')}]`;
}

export function describeSnapshot(s: Snapshot): string {
  return `Index:${s.metadata.index} Term:${s.metadata.term} ConfState:${describeConfState(s.metadata.confState)}`;
}

export function describeHardState(h: HardState): string {
  return `Term:${h.term} Vote:${h.vote} Commit:${h.commit}`;
}

/** A message on one line, or several when it carries more than one entry or a snapshot. */
export function describeMessage(m: Message, indent = ''): string {
  let s = `${indent}${target(m.from)}->${target(m.to)} ${m.type} Term:${m.term} Log:${m.logTerm}/${m.index}`;
  if (m.reject) s += ` Rejected (Hint: ${m.rejectHint})`;
  if (m.commit !== 0) s += ` Commit:${m.commit}`;
  if (m.context && m.context.byteLength > 0) s += ` Context:${describeData(m.context)}`;
  if (m.entries.length === 1) {
    s += ` Entries:[${describeEntry(m.entries[0])}]`;
  } else if (m.entries.length > 1) {
    s += ' Entries:[';
    for (const e of m.entries) s += `\n${indent}  ${describeEntry(e)}`;
    s += `\n${indent}]`;
  }
  if (m.snapshot) s += `\n${indent}  Snapshot: ${describeSnapshot(m.snapshot)}`;
  return s;
}

export function describeReady(rd: Ready): string[] {
  const out: string[] = [`Ready MustSync=${rd.mustSync}:`];
  if (rd.softState) out.push(`Lead:${rd.softState.lead} State:${rd.softState.raftState}`);
  if (rd.hardState) out.push(`HardState ${describeHardState(rd.hardState)}`);
  if (rd.readStates.length > 0) {
    out.push(`ReadStates ${rd.readStates.map((rs) => `{Index:${rs.index} RequestCtx:${describeData(rs.requestCtx)}}`).join(' ')}`);
  }
  if (rd.entries.length > 0) out.push('Entries:', ...describeEntries(rd.entries));
  if (rd.snapshot) out.push(`Snapshot ${describeSnapshot(rd.snapshot)}`);
  if (rd.committedEntries.length > 0) out.push('CommittedEntries:', ...describeEntries(rd.committedEntries));
  if (rd.messages.length > 0) out.push('Messages:', ...rd.messages.map((m) => describeMessage(m)));
  return out;
}
