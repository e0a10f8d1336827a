import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { FakeClock } from '../../../src-main/common/clock';
import type { ClusterSummary } from '../../../src-main/common/console-api';
import { createClusterStore } from './cluster';
import { useConnectionStore } from './connection';

const summary: ClusterSummary = { name: 'dev', kind: 'embedded', server: 'https://127.0.0.1:6443', kubernetesVersion: 'v1.32.0' };
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('useClusterStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the summary, and after a failure retries on the clock', async () => {
    const answers: (ClusterSummary | Error)[] = [new Error('GET /api/console/v1/cluster: cannot reach the console server'), summary];
    const clock = new FakeClock();
    const useStore = createClusterStore({
      clock,
      api: {
        getCluster: async () => {
          const a = answers.shift();
          if (!a || a instanceof Error) throw a ?? new Error('no answer');
          return a;
        },
      },
    });
    const store = useStore();
    const connection = useConnectionStore();
    await store.load();
    expect(store.summary).toBeNull();
    expect(store.error).toMatch(/cannot reach/);
    expect(connection.state).toBe('disconnected');
    expect(connection.problems).toEqual(['cluster: GET /api/console/v1/cluster: cannot reach the console server']);

    clock.step(1000);
    await tick();
    expect(store.summary).toEqual(summary);
    expect(store.error).toBeNull();
    expect(connection.state).toBe('connected');
  });
});
