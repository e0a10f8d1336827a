import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src-main/common/clock';
import { createKubeClient, type WatchError } from './kube-client';
import type { WatchEvent } from './watch-decoder';
import { jsonResponse, line, settle, streamResponse, type FakeRequest, type FakeStream } from '../test/fake-stream';

const pod = (name: string, rv: string) => ({ kind: 'Pod', metadata: { name, uid: `uid-${name}`, resourceVersion: rv } });
const status = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

/** A fetch whose watch requests get streams the test drives; other requests use `other`. */
function watchServer(other: (req: FakeRequest) => Response = () => jsonResponse({}, 404)) {
  const requests: FakeRequest[] = [];
  const streams: FakeStream[] = [];
  let next: (() => Response) | null = null;
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    if (!url.includes('watch=1')) return other({ url, init });
    if (next) {
      const r = next();
      next = null;
      return r;
    }
    const { response, stream } = streamResponse(init?.signal);
    streams.push(stream);
    return response;
  };
  return {
    fetch,
    requests,
    streams,
    answerNextWatchWith(r: () => Response) {
      next = r;
    },
  };
}

function collect() {
  const events: WatchEvent[] = [];
  const errors: WatchError[] = [];
  return { events, errors, onEvent: (e: WatchEvent) => events.push(e), onError: (e: WatchError) => errors.push(e) };
}

describe('kube.list', () => {
  it('follows continue tokens and keeps the first page resourceVersion', async () => {
    const pages: Record<string, unknown> = {
      '': { kind: 'PodList', metadata: { resourceVersion: '10', continue: 'c1' }, items: [pod('a', '5')] },
      c1: { kind: 'PodList', metadata: { resourceVersion: '10' }, items: [pod('b', '6')] },
    };
    const urls: string[] = [];
    const client = createKubeClient({
      fetch: async (url) => {
        urls.push(url);
        return jsonResponse(pages[new URL(url, 'http://x').searchParams.get('continue') ?? '']);
      },
      pageSize: 1,
    });
    const list = await client.list('/api/v1/pods');
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['a', 'b']);
    expect(list.metadata?.resourceVersion).toBe('10');
    expect(urls).toEqual(['/k8s/api/v1/pods?limit=1', '/k8s/api/v1/pods?limit=1&continue=c1']);
  });

  it('turns a Status into an Error carrying its message, code and reason', async () => {
    const client = createKubeClient({
      fetch: async () =>
        jsonResponse(status(403, 'Forbidden', 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope'), 403),
    });
    await expect(client.list('/api/v1/pods')).rejects.toMatchObject({
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
      code: 403,
      reason: 'Forbidden',
    });
  });

  it('says what failed when the answer is not a Status', async () => {
    const client = createKubeClient({ fetch: async () => new Response('upstream down', { status: 502, statusText: 'Bad Gateway' }) });
    await expect(client.list('/api/v1/nodes')).rejects.toThrow('GET /api/v1/nodes: the server answered 502 Bad Gateway: upstream down');
  });

  it('says the console server cannot be reached when fetch itself fails', async () => {
    const client = createKubeClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(client.list('/api/v1/nodes')).rejects.toThrow(/cannot reach the console server \(Failed to fetch\)/);
  });
});

describe('kube.watch', () => {
  it('asks for bookmarks from the given resourceVersion and delivers events in order', async () => {
    const server = watchServer();
    const client = createKubeClient({ fetch: server.fetch, clock: new FakeClock() });
    const c = collect();
    const opened: number[] = [];
    client.watch('/api/v1/pods', '10', c.onEvent, c.onError, { onOpen: () => opened.push(1) });
    await settle();
    expect(server.requests[0].url).toBe('/k8s/api/v1/pods?watch=1&resourceVersion=10&allowWatchBookmarks=true');
    expect(opened).toEqual([1]);
    const s = server.streams[0];
    s.push(line({ type: 'ADDED', object: pod('a', '11') }) + '{"type":"MODI');
    s.push(`FIED","object":${JSON.stringify(pod('a', '12'))}}\n`);
    s.push(line({ type: 'DELETED', object: pod('a', '13') }));
    await settle();
    expect(c.events.map((e) => `${e.type}:${e.object.metadata?.resourceVersion}`)).toEqual(['ADDED:11', 'MODIFIED:12', 'DELETED:13']);
    expect(c.errors).toEqual([]);
  });

  it('reconnects from the last resourceVersion it saw (a BOOKMARK counts) when the stream ends', async () => {
    const clock = new FakeClock();
    const server = watchServer();
    const client = createKubeClient({ fetch: server.fetch, clock });
    const c = collect();
    client.watch('/api/v1/pods', '10', c.onEvent, c.onError);
    await settle();
    server.streams[0].push(line({ type: 'ADDED', object: pod('a', '11') }));
    server.streams[0].push(line({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '20' } } }));
    await settle();
    clock.step(60_000); // a long, healthy stream…
    server.streams[0].close(); // …that the server ends (its watch timeout)
    await settle();
    clock.step(0);
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].url).toContain('resourceVersion=20');
    expect(c.errors).toEqual([]);
  });

  it('backs off and reports willRetry after a network failure', async () => {
    const clock = new FakeClock();
    const server = watchServer();
    const client = createKubeClient({ fetch: server.fetch, clock });
    const c = collect();
    server.answerNextWatchWith(() => {
      throw new TypeError('Failed to fetch');
    });
    client.watch('/api/v1/pods', '10', c.onEvent, c.onError);
    await settle();
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]).toMatchObject({ expired: false, willRetry: true });
    expect(server.requests).toHaveLength(1);
    clock.step(999);
    await settle();
    expect(server.requests).toHaveLength(1);
    clock.step(1);
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].url).toContain('resourceVersion=10');
  });

  it('ends with expired=true on an ERROR 410 event, and does not reconnect', async () => {
    const clock = new FakeClock();
    const server = watchServer();
    const client = createKubeClient({ fetch: server.fetch, clock });
    const c = collect();
    client.watch('/api/v1/pods', '10', c.onEvent, c.onError);
    await settle();
    server.streams[0].push(line({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 10 (50)') }));
    server.streams[0].push(line({ type: 'ADDED', object: pod('late', '51') }));
    await settle();
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]).toMatchObject({ expired: true, willRetry: false, message: 'too old resource version: 10 (50)' });
    expect(c.events).toEqual([]);
    expect(server.streams[0].aborted).toBe(true);
    clock.step(60_000);
    await settle();
    expect(server.requests).toHaveLength(1);
  });

  it('treats an HTTP 410 answer to the watch request as expired too', async () => {
    const server = watchServer();
    const client = createKubeClient({ fetch: server.fetch, clock: new FakeClock() });
    const c = collect();
    server.answerNextWatchWith(() => jsonResponse(status(410, 'Gone', 'resourceVersion 3 is gone'), 410));
    client.watch('/api/v1/pods', '3', c.onEvent, c.onError);
    await settle();
    expect(c.errors.map((e) => [e.expired, e.message])).toEqual([[true, 'resourceVersion 3 is gone']]);
  });

  it('stop() aborts the request and cancels a pending reconnect', async () => {
    const clock = new FakeClock();
    const server = watchServer();
    const client = createKubeClient({ fetch: server.fetch, clock });
    const c = collect();
    const handle = client.watch('/api/v1/pods', '10', c.onEvent, c.onError);
    await settle();
    handle.stop();
    await settle();
    expect(server.streams[0].aborted).toBe(true);
    expect(c.errors).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
    clock.step(120_000);
    await settle();
    expect(server.requests).toHaveLength(1);
  });
});
