// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Pod } from 'kubernetes-types/core/v1';
import PodsView from './PodsView.vue';
import { createAppI18n } from '../i18n';
import { jsonResponse, line, settle, streamResponse, type FakeStream } from '../test/fake-stream';

// happy-dom does no layout, so the table's virtual list would measure a 0 px viewport and show
// no rows. This ResizeObserver reports a 600 px tall box, as a window would; it must be in place
// before Naive UI (vueuc) creates its shared observer, hence vi.hoisted.
vi.hoisted(() => {
  class SizedResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element): void {
      const contentRect = { x: 0, y: 0, top: 0, left: 0, right: 1200, bottom: 600, width: 1200, height: 600 };
      queueMicrotask(() =>
        this.callback([{ target, contentRect } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver),
      );
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  globalThis.ResizeObserver = SizedResizeObserver as unknown as typeof ResizeObserver;
});

const pod = (namespace: string, name: string, rv: string, phase: string, waiting?: string): Pod => ({
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { namespace, name, uid: `uid-${namespace}-${name}`, resourceVersion: rv, creationTimestamp: new Date(Date.now() - 90_000).toISOString() },
  spec: { nodeName: 'kd-worker-1', containers: [{ name: 'app' }] },
  status: {
    phase,
    podIP: '10.244.1.7',
    containerStatuses: [
      {
        name: 'app',
        image: 'nginx',
        imageID: '',
        restartCount: 0,
        ready: phase === 'Running' && !waiting,
        state: waiting ? { waiting: { reason: waiting } } : phase === 'Running' ? { running: {} } : {},
      },
    ],
  },
});

describe('PodsView', () => {
  let watch: FakeStream | null;
  let wrapper: VueWrapper | null;
  const initial = [
    pod('default', 'web-1', '10', 'Running'),
    pod('default', 'web-2', '11', 'Running', 'CrashLoopBackOff'),
    pod('kube-system', 'coredns-1', '12', 'Pending'),
  ];

  beforeEach(() => {
    watch = null;
    setActivePinia(createPinia());
    // The real api → store → view path, over a fetch that plays the console server.
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url.startsWith('/k8s/api/v1/pods?watch=1')) {
        const { response, stream } = streamResponse(init?.signal);
        watch = stream;
        return response;
      }
      if (url.startsWith('/k8s/api/v1/pods?')) return jsonResponse({ kind: 'PodList', metadata: { resourceVersion: '20' }, items: initial });
      return jsonResponse({ kind: 'Status', code: 404, reason: 'NotFound', message: 'not found' }, 404);
    });
  });

  afterEach(() => {
    wrapper?.unmount();
    wrapper = null;
    vi.unstubAllGlobals();
  });

  async function mountView() {
    wrapper = mount(PodsView, { global: { plugins: [createAppI18n('en')] }, attachTo: document.body });
    await settle();
    await flushPromises();
    return wrapper;
  }

  const rowNames = (w: VueWrapper) =>
    w.findAll('[data-testid^="pod-row-"]').map((r) => r.attributes('data-testid')?.slice('pod-row-'.length));

  it('renders one row per pod, with status text and colour', async () => {
    const w = await mountView();
    expect(w.find('[data-testid="pods-table"]').exists()).toBe(true);
    expect(rowNames(w)).toEqual(['web-1', 'web-2', 'coredns-1']);
    const web2 = w.find('[data-testid="pod-row-web-2"]');
    expect(web2.attributes('data-namespace')).toBe('default');
    const status = web2.find('[data-testid="pod-status"]');
    expect(status.text()).toBe('CrashLoopBackOff');
    expect(status.attributes('data-tone')).toBe('error');
    expect(w.find('[data-testid="pod-row-web-1"]').text()).toContain('1/1');
    expect(w.find('[data-testid="pod-row-web-1"]').text()).toContain('90s');
    expect(w.text()).toContain('3 of 3 pods');
  });

  it('follows the watch: a created pod appears, a deleted one goes', async () => {
    const w = await mountView();
    expect(watch).not.toBeNull();
    watch?.push(line({ type: 'ADDED', object: pod('default', 'new-pod', '21', 'Pending', 'ContainerCreating') }));
    watch?.push(line({ type: 'DELETED', object: initial[0] }));
    await settle();
    await flushPromises();
    expect(rowNames(w)).toEqual(['web-2', 'coredns-1', 'new-pod']);
    expect(w.find('[data-testid="pod-row-new-pod"] [data-testid="pod-status"]').attributes('data-tone')).toBe('warning');
  });

  it('filters by the search text', async () => {
    const w = await mountView();
    await w.find('[data-testid="pods-search"] input').setValue('coredns');
    await flushPromises();
    expect(rowNames(w)).toEqual(['coredns-1']);
    expect(w.text()).toContain('1 of 3 pods');
  });
});
