/**
 * Series descriptions of the promqltest language: `metric{label="v"} 0+10x5 _ stale 3`.
 * `a+bxN` expands to N+1 values a, a+b, ..., `axN` repeats a N+1 times, `_` skips one step,
 * `_xN` skips N steps, `stale` writes a staleness marker.
 */
import { parseExpr } from '../parser';
import { labelsFromRecord, type Labels } from '../../tsdb/labels';
import { STALE_NAN } from '../../tsdb/stale';
import { parseNumber } from '../literals';

/** One step of a series: a value or a skipped step (null). */
export type SeriesValue = number | null;

export interface SeriesDesc {
  readonly labels: Labels;
  readonly values: SeriesValue[];
}

/** Splits `metric{...} rest` at the first space outside braces and quotes. */
function splitMetric(line: string): [string, string] {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (/\s/.test(c) && depth === 0) return [line.slice(0, i), line.slice(i).trim()];
  }
  return [line, ''];
}

/** Parses the metric part with the PromQL parser (only `=` matchers make sense here). */
export function parseMetric(text: string): Labels {
  const e = parseExpr(text);
  if (e.kind !== 'vectorSelector') throw new Error(`not a series name: ${text}`);
  const rec: Record<string, string> = {};
  for (const m of e.matchers) {
    if (m.type !== '=') throw new Error(`only = may be used in series descriptions: ${text}`);
    rec[m.name] = m.value;
  }
  return labelsFromRecord(rec);
}

const NUM = String.raw`[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[iI]nf|NaN|nan)`;
const ITEM = new RegExp(`^(${NUM})(?:([+-](?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[iI]nf))?x(\\d+))?$`);

export function expandValues(text: string): SeriesValue[] {
  const out: SeriesValue[] = [];
  for (const tok of text.split(/\s+/).filter((x) => x !== '')) {
    if (tok === '_') {
      out.push(null);
      continue;
    }
    const skip = /^_x(\d+)$/.exec(tok);
    if (skip) {
      for (let i = 0; i < Number(skip[1]); i++) out.push(null);
      continue;
    }
    if (tok === 'stale') {
      out.push(STALE_NAN);
      continue;
    }
    const m = ITEM.exec(tok);
    if (!m) throw new Error(`unexpected ${JSON.stringify(tok)} in series values`);
    let v = parseNumber(m[1]!)!;
    if (m[3] === undefined) {
      out.push(v);
      continue;
    }
    const delta = m[2] === undefined ? 0 : parseNumber(m[2])!;
    for (let i = 0; i <= Number(m[3]); i++) {
      out.push(v);
      v += delta;
    }
  }
  return out;
}

export function parseSeriesDesc(line: string): SeriesDesc {
  const [metric, rest] = splitMetric(line.trim());
  return { labels: parseMetric(metric), values: expandValues(rest) };
}
