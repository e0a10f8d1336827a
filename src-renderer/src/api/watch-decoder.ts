/**
 * Decodes a Kubernetes watch stream: newline-delimited JSON WatchEvents arriving in arbitrary
 * chunks (a chunk may end in the middle of a line, or in the middle of a UTF-8 character).
 * Pure: bytes in, events out; the reading loop lives in kube-client.ts.
 */
import type { Status } from 'kubernetes-types/meta/v1';
import { isStatus } from './kube-errors';
import type { KubeObject } from './kube-types';

export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  | { type: 'ERROR'; object: Status };

const OBJECT_EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

export class WatchDecodeError extends Error {
  override readonly name = 'WatchDecodeError';
}

/** One line of a watch stream → one event. Throws WatchDecodeError for a line that is not one. */
export function parseWatchLine(line: string): WatchEvent {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new WatchDecodeError(`watch stream: not JSON: ${line.slice(0, 120)}`);
  }
  if (typeof v !== 'object' || v === null) throw new WatchDecodeError(`watch stream: not an event: ${line.slice(0, 120)}`);
  const { type, object } = v as { type?: unknown; object?: unknown };
  if (typeof object !== 'object' || object === null) {
    throw new WatchDecodeError(`watch stream: event without object: ${line.slice(0, 120)}`);
  }
  if (type === 'ERROR') {
    // An ERROR event carries a metav1.Status; tolerate servers that omit its kind.
    const status: Status = isStatus(object) ? object : { kind: 'Status', ...(object as Status) };
    return { type: 'ERROR', object: status };
  }
  if (typeof type === 'string' && OBJECT_EVENT_TYPES.has(type)) {
    return { type: type as 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', object: object as KubeObject };
  }
  throw new WatchDecodeError(`watch stream: unknown event type ${JSON.stringify(type)}`);
}

export class WatchStreamDecoder {
  private readonly text = new TextDecoder();
  private pending = '';

  /** Feeds one chunk; returns the events completed by it, in order. */
  push(chunk: Uint8Array | string): WatchEvent[] {
    this.pending += typeof chunk === 'string' ? chunk : this.text.decode(chunk, { stream: true });
    const events: WatchEvent[] = [];
    let start = 0;
    for (;;) {
      const nl = this.pending.indexOf('\n', start);
      if (nl < 0) break;
      const line = this.pending.slice(start, nl).trim();
      start = nl + 1;
      if (line) events.push(parseWatchLine(line));
    }
    this.pending = this.pending.slice(start);
    return events;
  }

  /** The stream ended: a last line without its newline is still an event. */
  end(): WatchEvent[] {
    this.pending += this.text.decode();
    const line = this.pending.trim();
    this.pending = '';
    return line ? [parseWatchLine(line)] : [];
  }
}
