import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { LogStreamHandlers, PodLogClient, PodLogOptions } from '../api';
import { useLogStream, type LogTarget } from './use-log-stream';

/** A PodLogClient whose streams the test drives. */
function fakeClient() {
  const streams: { options: PodLogOptions; handlers: LogStreamHandlers; stopped: boolean }[] = [];
  const client: PodLogClient = {
    read: async () => '',
    stream(_ns, _name, options, handlers) {
      const s = { options, handlers, stopped: false };
      streams.push(s);
      return { stop: () => (s.stopped = true) };
    },
  };
  return { client, streams };
}

const frame = () => new Promise((r) => setTimeout(r, 20));

describe('useLogStream', () => {
  const target = (container: string, instance = '0:Running'): LogTarget => ({
    namespace: 'default',
    name: 'web',
    options: { container, follow: true },
    instance,
  });

  it('streams lines into a capped buffer and reports its state', async () => {
    const { client, streams } = fakeClient();
    const scope = effectScope();
    const s = scope.run(() => useLogStream(ref(target('app')), client, 3))!;
    expect(s.status.value).toBe('connecting');
    streams[0].handlers.onOpen?.();
    streams[0].handlers.onText('a\nb\nc\nd\ne');
    await frame();
    expect(s.status.value).toBe('streaming');
    expect(s.lines.value).toEqual(['b', 'c', 'd']);
    expect(s.dropped.value).toBe(1);
    streams[0].handlers.onEnd(null);
    expect(s.status.value).toBe('ended');
    expect(s.lines.value).toEqual(['c', 'd', 'e']);
    scope.stop();
  });

  it('starts over when the container or options change, and stops when the scope ends', async () => {
    const { client, streams } = fakeClient();
    const t = ref<LogTarget | null>(target('app'));
    const scope = effectScope();
    const s = scope.run(() => useLogStream(t, client))!;
    streams[0].handlers.onText('old\n');
    t.value = target('sidecar');
    await nextTick();
    expect(streams[0].stopped).toBe(true);
    expect(streams[1].options.container).toBe('sidecar');
    expect(s.lines.value).toEqual([]);
    scope.stop();
    expect(streams[1].stopped).toBe(true);
  });

  it('follows a new container instance once the old stream has ended, not before', async () => {
    const { client, streams } = fakeClient();
    const t = ref<LogTarget | null>(target('app', '0:Waiting'));
    const scope = effectScope();
    const s = scope.run(() => useLogStream(t, client))!;
    streams[0].handlers.onEnd(new Error('container "app" in pod "web" is waiting to start: ContainerCreating'));
    expect(s.status.value).toBe('error');
    expect(s.error.value).toContain('waiting to start');
    t.value = target('app', '0:Running');
    await nextTick();
    expect(streams).toHaveLength(2);
    // A change while streaming does not restart (the server ends the stream when the instance stops).
    t.value = target('app', '1:Running');
    await nextTick();
    expect(streams).toHaveLength(2);
    scope.stop();
  });
});
