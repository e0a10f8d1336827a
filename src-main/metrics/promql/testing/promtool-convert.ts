/**
 * Turns a promqltest script into `promtool test rules` unit-test files, so the real Prometheus
 * can evaluate the same queries on the same data. The expected samples written into the file
 * are what OUR engine returns, so promtool passing means Prometheus computes exactly the same
 * values (promtool compares floats for exact equality).
 *
 * One file per group of commands between `clear`s. Left out: eval_fail (promtool cannot expect
 * errors), results with NaN (NaN never equals NaN there), and string or range-vector results.
 * promtool only loads samples up to its last evaluation time, so each file ends with a test at a
 * time after the last sample.
 */
import { Engine } from '../engine';
import { formatDuration } from '../literals';
import { metricString, type Labels } from '../../tsdb/labels';
import { MemTsdb } from '../../tsdb/mem-tsdb';
import { isStaleNaN } from '../../tsdb/stale';
import { formatValue } from '../format';
import { applyLoad } from './runner';
import { parseScript, type Command, type EvalCommand, type LoadCommand } from './script';

export interface PromtoolCase {
  readonly line: number;
  readonly expr: string;
  readonly at: number;
  readonly samples: { labels: Labels; value: number }[];
}

export interface PromtoolFile {
  /** 1-based index of the group within the script. */
  readonly group: number;
  readonly yaml: string;
  readonly cases: PromtoolCase[];
  /** Evals that could not be expressed, with the reason. */
  readonly skipped: { line: number; expr: string; reason: string }[];
}

/** Subquery default step used in both engines (promtool takes it from evaluation_interval). */
export const PROMTOOL_EVAL_INTERVAL = 60_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function yamlString(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

function yamlFloat(v: number): string {
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  return formatValue(v);
}

function seriesValues(load: LoadCommand, values: (number | null)[], step: number): string {
  const per = load.interval / step;
  const out: string[] = [];
  values.forEach((v, i) => {
    if (i > 0) for (let k = 1; k < per; k++) out.push('_');
    out.push(v === null ? '_' : isStaleNaN(v) ? 'stale' : formatValue(v));
  });
  return out.join(' ');
}

function groupToFile(group: number, cmds: Command[], engine: Engine): PromtoolFile {
  const loads = cmds.filter((c): c is LoadCommand => c.kind === 'load');
  const evals = cmds.filter((c): c is EvalCommand => c.kind === 'eval');
  const db = new MemTsdb({ retentionMs: Infinity });
  const step = loads.reduce((g, l) => gcd(g, l.interval), 0) || 60_000;
  let lastSample = 0;
  const input: string[] = [];
  for (const l of loads) {
    applyLoad(db, l);
    for (const s of l.series) {
      lastSample = Math.max(lastSample, (s.values.length - 1) * l.interval);
      input.push(`      - series: ${yamlString(metricString(s.labels) || '{}')}\n        values: ${yamlString(seriesValues(l, s.values, step))}`);
    }
  }
  const cases: PromtoolCase[] = [];
  const skipped: PromtoolFile['skipped'] = [];
  for (const e of evals) {
    const skip = (reason: string): void => {
      skipped.push({ line: e.line, expr: e.expr, reason });
    };
    if (e.fail) {
      skip('eval_fail');
      continue;
    }
    try {
      const v = engine.instantQuery(db, e.expr, e.at);
      if (v.type === 'scalar') cases.push({ line: e.line, expr: e.expr, at: e.at, samples: [{ labels: [], value: v.v }] });
      else if (v.type === 'vector') cases.push({ line: e.line, expr: e.expr, at: e.at, samples: v.samples.map((s) => ({ labels: s.metric, value: s.v })) });
      else skip(`${v.type} result`);
    } catch (err) {
      skip(`our engine failed: ${(err as Error).message}`);
    }
  }
  const kept = cases.filter((c) => {
    if (c.samples.some((s) => Number.isNaN(s.value))) {
      skipped.push({ line: c.line, expr: c.expr, reason: 'NaN in result' });
      return false;
    }
    return true;
  });
  const lastEval = Math.max(lastSample, ...kept.map((c) => c.at));
  const loadAll = Math.ceil((lastEval + 1) / PROMTOOL_EVAL_INTERVAL) * PROMTOOL_EVAL_INTERVAL;
  const tests = kept.map((c) => {
    const samples = c.samples.map((s) => `          - labels: ${yamlString(metricString(s.labels) || '{}')}\n            value: ${yamlFloat(s.value)}`).join('\n');
    return `      - expr: ${yamlString(c.expr)}\n        eval_time: ${formatDuration(c.at)}\n        exp_samples:${samples ? '\n' + samples : ' []'}`;
  });
  tests.push(`      - expr: 'vector(1)'\n        eval_time: ${formatDuration(loadAll)}\n        exp_samples:\n          - labels: '{}'\n            value: 1`);
  const yaml = [
    `evaluation_interval: ${formatDuration(PROMTOOL_EVAL_INTERVAL)}`,
    'tests:',
    `  - interval: ${formatDuration(step)}`,
    `    input_series:${input.length ? '\n' + input.join('\n') : ' []'}`,
    '    promql_expr_test:',
    tests.join('\n'),
    '',
  ].join('\n');
  return { group, yaml, cases: kept, skipped };
}

/** Converts a script; one file per `clear`-separated group that has evals. */
export function scriptToPromtool(text: string, engine = new Engine({ noStepSubqueryInterval: PROMTOOL_EVAL_INTERVAL })): PromtoolFile[] {
  const groups: Command[][] = [[]];
  for (const c of parseScript(text)) {
    if (c.kind === 'clear') groups.push([]);
    else groups[groups.length - 1]!.push(c);
  }
  return groups.filter((g) => g.some((c) => c.kind === 'eval')).map((g, i) => groupToFile(i + 1, g, engine));
}
