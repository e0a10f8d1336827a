/** The cluster summary from the console API (name, kind, version), loaded once and retried. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { RealClock, type Clock } from '../../../src-main/common/clock';
import type { ClusterSummary } from '../../../src-main/common/console-api';
import { consoleApi, type ConsoleApi } from '../api';
import { backoffMs } from '../api/kube-client';
import { useConnectionStore } from './connection';

export interface ClusterStoreDeps {
  api?: ConsoleApi;
  clock?: Clock;
}

export function createClusterStore(deps: ClusterStoreDeps = {}) {
  return defineStore('cluster', () => {
    const api = deps.api ?? consoleApi;
    const clock = deps.clock ?? new RealClock();
    const connection = useConnectionStore();

    const summary = ref<ClusterSummary | null>(null);
    const error = ref<string | null>(null);
    const loading = ref(false);
    let attempt = 0;

    async function load(): Promise<void> {
      if (loading.value) return;
      loading.value = true;
      if (!summary.value) connection.report('cluster', 'connecting');
      try {
        summary.value = await api.getCluster();
        error.value = null;
        attempt = 0;
        connection.report('cluster', 'ok');
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
        connection.report('cluster', 'failed', error.value);
        clock.setTimeout(() => void load(), backoffMs(attempt++));
      } finally {
        loading.value = false;
      }
    }

    return { summary, error, loading, load };
  });
}

export const useClusterStore = createClusterStore();
