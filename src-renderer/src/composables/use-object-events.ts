/**
 * The events about one object, live: list `/api/v1/namespaces/<ns>/events` with the field selector
 * involvedObject.uid=<uid> (what `kubectl describe` asks for), then watch the same selection from
 * the list's resourceVersion. A 410 Gone lists again. Everything stops when the caller's scope
 * ends or the object changes.
 */
import { onScopeDispose, ref, shallowReactive, watch, type Ref } from 'vue';
import type { Event } from 'kubernetes-types/core/v1';
import { kube, type KubeClient, type WatchHandle } from '../api';
import { applyWatchEvent, objectKey, withoutManagedFields } from '../stores/resource-store';

export interface ObjectRef {
  namespace: string;
  uid: string;
}

export function objectEventsPath(o: ObjectRef): string {
  const selector = `involvedObject.uid=${o.uid}`;
  return `/api/v1/namespaces/${encodeURIComponent(o.namespace)}/events?fieldSelector=${encodeURIComponent(selector)}`;
}

export function useObjectEvents(target: Ref<ObjectRef | null>, client: KubeClient = kube) {
  const items = shallowReactive(new Map<string, Event>());
  const loading = ref(false);
  const error = ref<string | null>(null);
  let handle: WatchHandle | null = null;
  let generation = 0;

  function stop(): void {
    generation++;
    handle?.stop();
    handle = null;
  }

  async function load(o: ObjectRef): Promise<void> {
    stop();
    const gen = generation;
    const path = objectEventsPath(o);
    loading.value = true;
    error.value = null;
    try {
      const list = await client.list<Event>(path);
      if (gen !== generation) return;
      items.clear();
      for (const ev of list.items) items.set(objectKey(ev), withoutManagedFields(ev));
      handle = client.watch<Event>(
        path,
        list.metadata?.resourceVersion ?? '',
        (event) => {
          applyWatchEvent(items, event);
          error.value = null;
        },
        (err) => {
          if (gen !== generation) return;
          if (err.expired) void load(o);
          else error.value = err.message;
        },
      );
    } catch (e) {
      if (gen === generation) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  watch(
    () => (target.value ? `${target.value.namespace}/${target.value.uid}` : ''),
    () => {
      items.clear();
      if (target.value) void load(target.value);
      else stop();
    },
    { immediate: true },
  );
  onScopeDispose(stop);

  return { items, loading, error };
}
