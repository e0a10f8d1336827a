/** Query results in the shape of Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`). */
import { labelsToRecord } from '../tsdb/labels';
import { formatFloatF, formatValue } from './format';
import type { QueryValue } from './values';

export type ApiSamplePair = [number, string];

export type ApiData =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: ApiSamplePair }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: ApiSamplePair[] }[] }
  | { resultType: 'scalar'; result: ApiSamplePair }
  | { resultType: 'string'; result: [number, string] };

const sec = (ms: number): number => ms / 1000;

/** The `data` member of a successful API response. */
export function toApiData(v: QueryValue): ApiData {
  switch (v.type) {
    case 'vector':
      return { resultType: 'vector', result: v.samples.map((s) => ({ metric: labelsToRecord(s.metric), value: [sec(s.t), formatValue(s.v)] })) };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: v.series.map((s) => ({ metric: labelsToRecord(s.metric), values: s.points.map((p): ApiSamplePair => [sec(p.t), formatValue(p.v)]) })),
      };
    case 'scalar':
      // Prometheus writes scalars with FormatFloat 'f' (no exponent).
      return { resultType: 'scalar', result: [sec(v.t), formatFloatF(v.v)] };
    case 'string':
      return { resultType: 'string', result: [sec(v.t), v.v] };
  }
}

/** A whole success response body, as the API serves it. */
export function toApiResponse(v: QueryValue): { status: 'success'; data: ApiData } {
  return { status: 'success', data: toApiData(v) };
}

/** An error response body: parse and evaluation errors are `bad_data` / `execution`. */
export function toApiError(err: Error, errorType: 'bad_data' | 'execution' = 'bad_data'): { status: 'error'; errorType: string; error: string } {
  const msg = errorType === 'bad_data' && err.name === 'ParseError' ? `invalid parameter "query": ${err.message}` : err.message;
  return { status: 'error', errorType, error: msg };
}
