/** Query results, shaped like Prometheus's Go values (vector, matrix, scalar, string). */
import type { Labels } from '../tsdb/labels';

export interface Point {
  /** Milliseconds since the epoch. */
  readonly t: number;
  readonly v: number;
}

/** One element of an instant vector. `t` is the evaluation time except right under timestamp(). */
export interface Sample {
  readonly metric: Labels;
  readonly t: number;
  readonly v: number;
}

export interface Series {
  readonly metric: Labels;
  readonly points: Point[];
}

export type QueryValue =
  | { readonly type: 'scalar'; readonly t: number; readonly v: number }
  | { readonly type: 'string'; readonly t: number; readonly v: string }
  | { readonly type: 'vector'; readonly t: number; readonly samples: readonly Sample[] }
  | { readonly type: 'matrix'; readonly series: readonly Series[] };

/** What one node evaluates to at one step, inside the engine. */
export type StepValue =
  | { readonly kind: 'scalar'; readonly v: number }
  | { readonly kind: 'string'; readonly v: string }
  | { readonly kind: 'vector'; readonly samples: Sample[] }
  | { readonly kind: 'matrix'; readonly series: Series[] };
