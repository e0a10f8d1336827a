/** The narrow read interface the query engine needs from storage. */
import type { Labels } from './labels';
import type { LabelMatcher } from './matchers';

/** Walks a series' samples in time order. Call next() before the first at(). */
export interface SampleIterator {
  next(): boolean;
  /** Timestamp in milliseconds of the current sample. */
  t(): number;
  /** Value of the current sample; may be the staleness marker (see isStaleNaN). */
  v(): number;
}

export interface StorageSeries {
  readonly labels: Labels;
  /** Samples with mint <= t <= maxt of the select() that returned this series. */
  iterator(): SampleIterator;
}

export interface Queryable {
  /**
   * Series whose labels satisfy every matcher and that may have samples in [mint, maxt]
   * (milliseconds, both inclusive), sorted by labels.
   */
  select(matchers: readonly LabelMatcher[], mint: number, maxt: number): StorageSeries[];
  /** All label names in use, sorted. */
  labelNames(): string[];
  /** All values of one label, sorted. */
  labelValues(name: string): string[];
}
