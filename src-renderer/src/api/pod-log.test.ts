import { describe, expect, it } from 'vitest';
import { createPodLogClient, podLogPath } from './pod-log';
import { jsonResponse, settle, streamResponse, type FakeRequest, type FakeStream } from '../test/fake-stream';

describe('podLogPath', () => {
  it('sends the options as kubectl logs does', () => {
    expect(podLogPath('default', 'web', { container: 'app', follow: true, tailLines: 100, timestamps: true })).toBe(
      '/api/v1/namespaces/default/pods/web/log?container=app&follow=true&tailLines=100&timestamps=true',
    );
    // previous logs do not follow (the instance has ended).
    expect(podLogPath('default', 'web', { container: 'app', follow: true, previous: true })).toBe(
      '/api/v1/namespaces/default/pods/web/log?container=app&previous=true',
    );
  });
});

function server() {
  const requests: FakeRequest[] = [];
  let stream: FakeStream | null = null;
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    if (url.includes('missing')) {
      return jsonResponse({ kind: 'Status', code: 400, reason: 'BadRequest', message: 'container "missing" in pod "web" is waiting to start: ContainerCreating' }, 400);
    }
    const r = streamResponse(init?.signal);
    stream = r.stream;
    return r.response;
  };
  return { fetch, requests, stream: () => stream };
}

describe('podLogs.stream', () => {
  it('hands on text as it arrives, a character split across chunks included, then ends', async () => {
    const s = server();
    const client = createPodLogClient(s.fetch);
    const got: string[] = [];
    const ends: (Error | null)[] = [];
    let opened = false;
    client.stream('default', 'web', { container: 'app', follow: true }, { onOpen: () => (opened = true), onText: (t) => got.push(t), onEnd: (e) => ends.push(e) });
    await settle();
    expect(s.requests[0].url).toBe('/k8s/api/v1/namespaces/default/pods/web/log?container=app&follow=true');
    expect(opened).toBe(true);
    const bytes = new TextEncoder().encode('héllo\n');
    s.stream()?.push(bytes.slice(0, 2)); // "h" and half of "é"
    s.stream()?.push(bytes.slice(2));
    await settle();
    s.stream()?.close();
    await settle();
    expect(got.join('')).toBe('héllo\n');
    expect(ends).toEqual([null]);
  });

  it('reports the API server\'s message when it refuses', async () => {
    const client = createPodLogClient(server().fetch);
    const ends: (Error | null)[] = [];
    client.stream('default', 'web', { container: 'missing' }, { onText: () => {}, onEnd: (e) => ends.push(e) });
    await settle();
    expect(ends[0]?.message).toBe('container "missing" in pod "web" is waiting to start: ContainerCreating');
  });

  it('stop aborts the request and reports nothing more', async () => {
    const s = server();
    const client = createPodLogClient(s.fetch);
    const ends: (Error | null)[] = [];
    const h = client.stream('default', 'web', { container: 'app', follow: true }, { onText: () => {}, onEnd: (e) => ends.push(e) });
    await settle();
    h.stop();
    await settle();
    expect(s.stream()?.aborted).toBe(true);
    expect(ends).toEqual([]);
  });
});

describe('podLogs.read', () => {
  it('reads the whole log without follow', async () => {
    const client = createPodLogClient(async (url) => new Response(url.includes('follow') ? 'followed?' : 'a\nb\n'));
    expect(await client.read('ns', 'p', { container: 'c', follow: true })).toBe('a\nb\n');
  });
});
