/** Public surface of the metrics store. */
export * from './labels';
export * from './matchers';
export * from './queryable';
export { MemTsdb, AppendError, type MemTsdbOptions, type TsdbStats } from './mem-tsdb';
export { STALE_NAN, isStaleNaN } from './stale';
export { RegexSyntaxError } from './regex';
