/** Request options as the query parameters the API server reads, shared by both clients. */
import type { WriteOptions } from './cluster-client';

export type Params = Record<string, string | number | boolean | undefined>;

/** Parameters with a value, as URL query parameters. */
export function queryParams(params: Params): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q;
}

export function writeParams(opts: WriteOptions | undefined): Params {
  return { dryRun: opts?.dryRun ? 'All' : undefined, fieldManager: opts?.fieldManager, fieldValidation: opts?.fieldValidation };
}
