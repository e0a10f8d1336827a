import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { computed } from 'vue';
import type { Pod } from 'kubernetes-types/core/v1';
import { FakeClock } from '../../../src-main/common/clock';
import { WatchError, type KubeClient, type KubeList, type KubeObject, type WatchEvent } from '../api';
import { applyWatchEvent, createResourceStore } from './resource-store';
import { useConnectionStore } from './connection';

const pod = (name: string, rv: string, phase = 'Running'): Pod => ({
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: rv },
  status: { phase },
});

interface WatchCall {
  path: string;
  rv: string;
  emit(e: WatchEvent<Pod>): void;
  fail(e: WatchError): void;
  stopped: boolean;
}

/** A KubeClient that records calls, answers lists from a queue and lets the test drive watches. */
class FakeKubeClient implements KubeClient {
  readonly lists: string[] = [];
  readonly watches: WatchCall[] = [];
  readonly answers: (KubeList<Pod> | Error)[] = [];

  async list<T extends KubeObject>(path: string): Promise<KubeList<T>> {
    this.lists.push(path);
    const a = this.answers.shift();
    if (!a) throw new Error('no list answer queued');
    if (a instanceof Error) throw a;
    return a as KubeList<T>;
  }

  watch<T extends KubeObject>(
    path: string,
    rv: string,
    onEvent: (e: WatchEvent<T>) => void,
    onError: (e: WatchError) => void,
  ) {
    const call: WatchCall = {
      path,
      rv,
      emit: (e) => onEvent(e as WatchEvent<T>),
      fail: onError,
      stopped: false,
    };
    this.watches.push(call);
    return { stop: () => (call.stopped = true) };
  }

  get lastWatch(): WatchCall {
    return this.watches[this.watches.length - 1];
  }
}

const list = (rv: string, ...items: Pod[]): KubeList<Pod> => ({ kind: 'PodList', metadata: { resourceVersion: rv }, items });
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('applyWatchEvent', () => {
  it('sets on ADDED/MODIFIED, removes on DELETED, ignores BOOKMARK', () => {
    const m = new Map<string, Pod>();
    expect(applyWatchEvent(m, { type: 'ADDED', object: pod('a', '1') })).toBe(true);
    expect(applyWatchEvent(m, { type: 'MODIFIED', object: pod('a', '2', 'Failed') })).toBe(true);
    expect(m.get('uid-a')?.status?.phase).toBe('Failed');
    expect(applyWatchEvent(m, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '3' } } })).toBe(false);
    expect(applyWatchEvent(m, { type: 'DELETED', object: pod('a', '4') })).toBe(true);
    expect(applyWatchEvent(m, { type: 'DELETED', object: pod('a', '4') })).toBe(false);
    expect(m.size).toBe(0);
  });
});

describe('createResourceStore', () => {
  let client: FakeKubeClient;
  let clock: FakeClock;
  let useStore: ReturnType<typeof createResourceStore<Pod>>;

  beforeEach(() => {
    setActivePinia(createPinia());
    client = new FakeKubeClient();
    clock = new FakeClock();
    useStore = createResourceStore<Pod>({ id: 'test-pods', path: '/api/v1/pods', client, clock, lingerMs: 1000 });
  });

  it('lists, then watches from the list resourceVersion, then applies events', async () => {
    client.answers.push(list('100', pod('a', '90'), pod('b', '95')));
    const store = useStore();
    const names = computed(() => [...store.items.values()].map((p) => `${p.metadata?.name}:${p.status?.phase}`));
    store.start();
    await tick();
    expect(store.synced).toBe(true);
    expect(store.state).toBe('watching');
    expect(names.value).toEqual(['a:Running', 'b:Running']);
    expect(client.lastWatch).toMatchObject({ path: '/api/v1/pods', rv: '100' });

    const w = client.lastWatch;
    w.emit({ type: 'ADDED', object: pod('c', '101', 'Pending') });
    w.emit({ type: 'MODIFIED', object: pod('a', '102', 'Failed') });
    w.emit({ type: 'DELETED', object: pod('b', '103') });
    w.emit({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '110' } } });
    await tick(); // the store tells Vue once per burst
    expect(names.value).toEqual(['a:Failed', 'c:Pending']);
    expect(store.resourceVersion).toBe('110');
    expect(store.size).toBe(2);
  });

  it('relists on 410 Expired, dropping what vanished meanwhile, and watches from the new list', async () => {
    client.answers.push(list('100', pod('a', '90'), pod('b', '95')));
    const store = useStore();
    store.start();
    await tick();
    const first = client.lastWatch;

    client.answers.push(list('500', pod('a', '450'), pod('z', '480')));
    first.fail(new WatchError('too old resource version: 100 (400)', true, false));
    await tick();
    expect(client.lists).toHaveLength(2);
    expect([...store.items.keys()]).toEqual(['uid-a', 'uid-z']);
    expect(store.resourceVersion).toBe('500');
    expect(client.lastWatch.rv).toBe('500');
    expect(client.watches).toHaveLength(2);
    expect(store.state).toBe('watching');
  });

  it('shows reconnecting while the client retries, and watching again when events flow', async () => {
    client.answers.push(list('1'));
    const store = useStore();
    const connection = useConnectionStore();
    store.start();
    await tick();
    client.lastWatch.fail(new WatchError('WATCH /api/v1/pods: cannot reach the console server', false, true));
    expect(store.state).toBe('reconnecting');
    expect(connection.state).toBe('reconnecting');
    expect(store.error).toMatch(/cannot reach/);
    client.lastWatch.emit({ type: 'ADDED', object: pod('a', '2') });
    expect(store.state).toBe('watching');
    expect(store.error).toBeNull();
    expect(connection.state).toBe('connected');
    expect(client.watches).toHaveLength(1);
  });

  it('keeps the old cache when a list fails, and retries after a back-off', async () => {
    client.answers.push(new Error('pods is forbidden'));
    const store = useStore();
    store.start();
    await tick();
    expect(store.state).toBe('error');
    expect(store.error).toBe('pods is forbidden');
    expect(useConnectionStore().state).toBe('disconnected');
    client.answers.push(list('7', pod('a', '7')));
    clock.step(1000);
    await tick();
    expect(store.state).toBe('watching');
    expect(store.size).toBe(1);
  });

  it('watches while retained, and stops a linger period after the last release', async () => {
    client.answers.push(list('1'));
    const store = useStore();
    const releaseA = store.retain();
    const releaseB = store.retain();
    await tick();
    expect(client.lists).toHaveLength(1);
    releaseA();
    releaseB();
    clock.step(999);
    expect(client.lastWatch.stopped).toBe(false);
    const releaseC = store.retain(); // a view came back in time: no relist
    clock.step(5000);
    expect(client.lastWatch.stopped).toBe(false);
    expect(client.lists).toHaveLength(1);
    releaseC();
    releaseC(); // releasing twice counts once
    clock.step(1000);
    expect(client.lastWatch.stopped).toBe(true);
    expect(store.state).toBe('idle');
  });

  it('ignores a list answer that arrives after stop()', async () => {
    let answer!: (l: KubeList<Pod>) => void;
    client.list = <T extends KubeObject>() => new Promise<KubeList<T>>((r) => (answer = r as (l: KubeList<Pod>) => void));
    const store = useStore();
    store.start();
    store.stop();
    answer(list('9', pod('a', '9')));
    await tick();
    expect(store.size).toBe(0);
    expect(client.watches).toHaveLength(0);
  });
});
