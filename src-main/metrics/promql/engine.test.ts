import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { parseExpr } from './parser';
import { toApiData, toApiError } from './api-json';
import { formatValue } from './format';
import { MemTsdb } from '../tsdb/mem-tsdb';
import { STALE_NAN } from '../tsdb/stale';

function db(): MemTsdb {
  const d = new MemTsdb({ retentionMs: Infinity });
  for (let i = 0; i <= 20; i++) {
    d.append({ __name__: 'demo_requests_total', code: '200', job: 'demo' }, i * 15_000, i * 30);
    d.append({ __name__: 'demo_requests_total', code: '500', job: 'demo' }, i * 15_000, i);
  }
  d.append({ __name__: 'up', job: 'demo' }, 0, 1);
  d.append({ __name__: 'up', job: 'demo' }, 15_000, STALE_NAN);
  return d;
}

describe('parse errors use Prometheus wording and positions', () => {
  const cases: [string, string][] = [
    ['rate(demo_requests_total)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['rate(x[5m], 1)', '1:1: parse error: expected 1 argument(s) in call to "rate", got 2'],
    ['round()', '1:1: parse error: expected at least 1 argument(s) in call to "round", got 0'],
    ['round(x, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
    ['{job=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['foo{__name__="bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
    ['1 > 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['a + bool b', '1:3: parse error: bool modifier can only be used on comparison operators'],
    ['1 and a', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['a and on(x) group_left b', '1:1: parse error: no grouping allowed for "and" operation'],
    ['a + on(x) group_left(x) b', '1:3: parse error: label "x" must not occur in ON and GROUP clause at once'],
    ['sum(x[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
    ['topk(x, y)', '1:6: parse error: expected type scalar in aggregation parameter, got instant vector'],
    ['-x[5m]', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"'],
    ['x[5m][1m]', '1:1: parse error: ranges only allowed for vector selectors'],
    ['rate(x[5m])[5m:1m][1m:]', '1:1: parse error: subquery is only allowed on instant vector, got range vector instead'],
    ['sum(x) offset 5m', '1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['x offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
    ['x @ 1 @ 2', '1:1: parse error: @ <timestamp> may not be set multiple times'],
    ['foo(bar)', '1:1: parse error: unknown function with name "foo"'],
    ['first_over_time(x[5m])', '1:1: parse error: unknown function with name "first_over_time"'],
    ['x[5]', '1:3: parse error: missing unit character in duration'],
    ['a + b[5m]', '1:5: parse error: binary expression must contain only scalar and instant vector types'],
    ['x{a=~"("}', '1:3: parse error: error parsing regexp: Invalid regular expression: /^(?:()$/: Unterminated group'],
  ];
  for (const [q, msg] of cases) {
    it(q, () => {
      expect(() => parseExpr(q)).toThrow(msg);
    });
  }

  it('binds offset, @ and ranges tighter than operators', () => {
    const e = parseExpr('a - b offset 1m');
    expect(e.kind === 'binary' && e.rhs.kind === 'vectorSelector' && e.rhs.offset).toBe(60_000);
    const u = parseExpr('-a offset 1m');
    expect(u.kind === 'unary' && u.expr.kind === 'vectorSelector' && u.expr.offset).toBe(60_000);
  });
});

describe('engine results in the HTTP API shape', () => {
  const engine = new Engine();

  it('vector with __name__ dropped by rate and kept by selectors', () => {
    const data = toApiData(engine.instantQuery(db(), 'rate(demo_requests_total{code="200"}[1m])', 300_000));
    expect(JSON.stringify(data)).toBe('{"resultType":"vector","result":[{"metric":{"code":"200","job":"demo"},"value":[300,"2"]}]}');
    const sel = toApiData(engine.instantQuery(db(), 'demo_requests_total{code="500"}', 300_500));
    expect(JSON.stringify(sel)).toBe('{"resultType":"vector","result":[{"metric":{"__name__":"demo_requests_total","code":"500","job":"demo"},"value":[300.5,"20"]}]}');
  });

  it('matrix from a range selector carries raw sample times', () => {
    const data = toApiData(engine.instantQuery(db(), 'demo_requests_total{code="500"}[30s]', 300_000));
    expect(JSON.stringify(data)).toBe('{"resultType":"matrix","result":[{"metric":{"__name__":"demo_requests_total","code":"500","job":"demo"},"values":[[270,"18"],[285,"19"],[300,"20"]]}]}');
  });

  it('range query: step-aligned points, series sorted by labels', () => {
    const data = toApiData(engine.rangeQuery(db(), 'sum by (code) (rate(demo_requests_total[1m]))', 120_000, 180_000, 30_000));
    expect(data).toEqual({
      resultType: 'matrix',
      result: [
        { metric: { code: '200' }, values: [[120, '2'], [150, '2'], [180, '2']] },
        { metric: { code: '500' }, values: [[120, '0.06666666666666667'], [150, '0.06666666666666667'], [180, '0.06666666666666667']] },
      ],
    });
  });

  it('scalar and string results', () => {
    expect(toApiData(engine.instantQuery(db(), '1 + 1', 1_795_343_529_124))).toEqual({ resultType: 'scalar', result: [1795343529.124, '2'] });
    expect(toApiData(engine.instantQuery(db(), '"hello"', 1000))).toEqual({ resultType: 'string', result: [1, 'hello'] });
  });

  it('staleness marker hides a series at once; empty results are an empty vector', () => {
    expect(toApiData(engine.instantQuery(db(), 'up', 20_000))).toEqual({ resultType: 'vector', result: [] });
    expect(toApiData(engine.instantQuery(db(), 'up', 10_000)).result).toHaveLength(1);
  });

  it('errors: parse errors are bad_data with the query parameter named', () => {
    try {
      engine.instantQuery(db(), 'rate(demo_requests_total)', 0);
      expect.unreachable();
    } catch (e) {
      expect(toApiError(e as Error)).toEqual({
        status: 'error',
        errorType: 'bad_data',
        error: 'invalid parameter "query": 1:6: parse error: expected type range vector in call to function "rate", got instant vector',
      });
    }
  });

  it('evaluation errors carry Prometheus messages', () => {
    const d = db();
    d.append({ __name__: 'limits', job: 'demo' }, 0, 1);
    d.append({ __name__: 'limits', job: 'demo', x: 'y' }, 0, 1);
    expect(() => engine.instantQuery(d, 'demo_requests_total + ignoring(code, x) limits', 0)).toThrow(
      'found duplicate series for the match group {job="demo"} on the right hand-side of the operation: [{__name__="limits", job="demo", x="y"}, {__name__="limits", job="demo"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
    expect(() => engine.instantQuery(d, 'limits + ignoring(x, code) demo_requests_total', 0)).toThrow('found duplicate series for the match group');
    expect(() => engine.rangeQuery(d, 'up[5m]', 0, 10, 1)).toThrow('invalid expression type "range vector" for range query, must be Scalar or instant Vector');
    expect(() => engine.rangeQuery(d, 'up', 0, 10, 0)).toThrow('zero or negative query resolution step widths are not accepted. Try a positive integer');
  });

  it('formats floats like Prometheus', () => {
    expect([1e-7, 1.5e21, 1e21, 0.1, -0, Infinity, -Infinity, NaN, 123456789012, 2.5e-6, 9.9e-7].map(formatValue)).toEqual([
      '1e-07', '1.5e+21', '1e+21', '0.1', '-0', '+Inf', '-Inf', 'NaN', '123456789012', '0.0000025', '9.9e-07',
    ]);
  });
});
