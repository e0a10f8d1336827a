/** The console API (what only Kubedeck's console server offers, beyond the Kubernetes API). */
import { CONSOLE_API_PREFIX, type ClusterSummary } from '../../../src-main/common/console-api';
import { errorFromResponse, isAbortError, networkError } from './kube-errors';
import type { FetchFn } from './kube-client';

export interface ConsoleApi {
  getCluster(): Promise<ClusterSummary>;
}

export function createConsoleApi(fetchFn: FetchFn = (input, init) => globalThis.fetch(input, init)): ConsoleApi {
  return {
    async getCluster() {
      const path = `${CONSOLE_API_PREFIX}/cluster`;
      const what = `GET ${path}`;
      let res: Response;
      try {
        res = await fetchFn(path, { headers: { Accept: 'application/json' } });
      } catch (e) {
        if (isAbortError(e)) throw e;
        throw networkError(what, e);
      }
      if (!res.ok) throw await errorFromResponse(res, what);
      return (await res.json()) as ClusterSummary;
    },
  };
}

export const consoleApi: ConsoleApi = createConsoleApi();
