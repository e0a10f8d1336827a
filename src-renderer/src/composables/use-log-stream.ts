/**
 * A container's log, streamed into a capped LogBuffer while the caller is alive. A new request
 * starts whenever the target (pod, container, options) changes, and when `instance` changes
 * after the stream has ended (the container started or restarted, so there is a new log to
 * follow). The lines are handed to the view at most once per animation frame. The request is
 * aborted when the caller's scope ends (the drawer closes).
 */
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { podLogs, type LogStreamHandle, type PodLogClient, type PodLogOptions } from '../api';
import { DEFAULT_LOG_CAPACITY, LogBuffer } from '../model/log-buffer';

export interface LogTarget {
  namespace: string;
  name: string;
  options: PodLogOptions;
  /** Identifies the container instance (restart count, state); a change restarts an ended stream. */
  instance: string;
}

export type LogStreamStatus = 'idle' | 'connecting' | 'streaming' | 'ended' | 'error';

const nextFrame = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16);

export function useLogStream(target: Ref<LogTarget | null>, client: PodLogClient = podLogs, capacity = DEFAULT_LOG_CAPACITY) {
  const buffer = new LogBuffer(capacity);
  const lines = shallowRef<readonly string[]>([]);
  const dropped = ref(0);
  const status = ref<LogStreamStatus>('idle');
  const error = ref<string | null>(null);
  let handle: LogStreamHandle | null = null;
  let flushPending = false;

  function flush(): void {
    flushPending = false;
    lines.value = buffer.lines();
    dropped.value = buffer.dropped;
  }

  function scheduleFlush(): void {
    if (flushPending) return;
    flushPending = true;
    nextFrame(flush);
  }

  function stop(): void {
    handle?.stop();
    handle = null;
  }

  function start(): void {
    stop();
    buffer.clear();
    flush();
    error.value = null;
    const t = target.value;
    if (!t) {
      status.value = 'idle';
      return;
    }
    status.value = 'connecting';
    handle = client.stream(t.namespace, t.name, t.options, {
      onOpen: () => (status.value = 'streaming'),
      onText: (text) => {
        if (buffer.push(text)) scheduleFlush();
      },
      onEnd: (err) => {
        handle = null;
        buffer.end();
        flush();
        status.value = err ? 'error' : 'ended';
        error.value = err?.message ?? null;
      },
    });
  }

  const requestKey = computed(() => {
    const t = target.value;
    return t ? JSON.stringify([t.namespace, t.name, t.options]) : '';
  });
  watch(requestKey, start, { immediate: true });
  watch(
    () => target.value?.instance,
    () => {
      if (status.value === 'ended' || status.value === 'error') start();
    },
  );
  onScopeDispose(stop);

  return { lines, dropped, status, error, restart: start };
}
