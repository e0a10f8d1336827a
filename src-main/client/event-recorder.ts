/**
 * Records core/v1 Events about objects, as client-go's event recorder does for the components:
 * named `<object>.<hex nanoseconds>`, in the object's namespace (`default` for cluster-scoped
 * objects), with source and reporting component. A repeat of the same event within ten minutes
 * bumps count and lastTimestamp instead of creating another one. Writing events never blocks or
 * fails the caller.
 */
import type { Clock } from '../common/clock';
import { metaTime as timestamp } from '../kube/meta-time';
import type { KubeObject } from '../kube/object';
import { EVENTS } from '../kube/registry';
import type { ClusterClient } from './cluster-client';

export type EventType = 'Normal' | 'Warning';

interface Seen {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  at: number;
}

const AGGREGATE_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 4096;


export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private lastNanos = 0n;

  constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly component: string,
    private readonly host = '',
  ) {}

  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    void this.record(obj, type, reason, message, fieldPath).catch(() => undefined);
  }

  private async record(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): Promise<void> {
    const now = this.clock.now();
    const namespace = obj.metadata.namespace || 'default';
    const involvedObject = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const key = [obj.metadata.uid, obj.kind, namespace, obj.metadata.name, fieldPath ?? '', type, reason, message].join('\u0000');
    const prior = this.seen.get(key);
    if (prior && now - prior.at < AGGREGATE_WINDOW_MS) {
      prior.count++;
      prior.at = now;
      try {
        await this.client.patch(EVENTS, prior.namespace, prior.name, 'merge', { count: prior.count, lastTimestamp: timestamp(now) });
        return;
      } catch {
        // The event was deleted (events expire): record a new one.
      }
    }
    let nanos = BigInt(now) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    const name = `${obj.metadata.name ?? ''}.${nanos.toString(16)}`;
    const ts = timestamp(now);
    this.remember(key, { name, namespace, count: 1, firstTimestamp: ts, at: now });
    await this.client.create(EVENTS, namespace, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      source: { component: this.component, ...(this.host ? { host: this.host } : {}) },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: this.host,
    });
  }

  private remember(key: string, s: Seen): void {
    if (this.seen.size >= MAX_REMEMBERED) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(key, s);
  }
}
