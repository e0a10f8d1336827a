/** Public surface of the PromQL engine. */
export { Engine, type EngineOptions } from './engine';
export { parseExpr } from './parser';
export { typeOf } from './check';
export { ParseError, EvalError } from './errors';
export { toApiData, toApiResponse, toApiError, type ApiData } from './api-json';
export { formatValue, formatTimestamp } from './format';
export type { QueryValue, Sample, Series, Point } from './values';
export type { Expr, ValueType } from './ast';
