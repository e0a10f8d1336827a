/**
 * The promqltest script language (as in Prometheus's promql/testdata):
 *
 *     load 5m
 *       http_requests{job="api"} 0+10x10
 *
 *     eval instant at 50m sum by (job) (http_requests)
 *       {job="api"} 50
 *
 *     eval_fail instant at 0m rate(http_requests)
 *     eval_ordered instant at 50m sort(http_requests)
 *     clear
 *
 * Expected lines are `metric{labels} value`, or a bare number for a scalar result. `#` starts a
 * comment line. A blank line ends a block.
 */
import type { Labels } from '../../tsdb/labels';
import { parseDuration, parseNumber } from '../literals';
import { parseSeriesDesc, type SeriesDesc } from './series-desc';

export interface LoadCommand {
  readonly kind: 'load';
  readonly line: number;
  readonly interval: number;
  readonly series: SeriesDesc[];
}

export interface ExpectedSample {
  readonly labels: Labels;
  readonly value: number;
}

export interface EvalCommand {
  readonly kind: 'eval';
  readonly line: number;
  readonly expr: string;
  /** Evaluation time in ms. */
  readonly at: number;
  readonly fail: boolean;
  readonly ordered: boolean;
  /** A scalar expectation, or null when series are expected. */
  readonly scalar: number | null;
  readonly samples: ExpectedSample[];
}

export type Command = LoadCommand | EvalCommand | { readonly kind: 'clear'; readonly line: number };

export class ScriptError extends Error {}

const EVAL_RE = /^eval(?:_(fail|ordered))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;

export function parseScript(text: string): Command[] {
  const lines = text.split('\n').map((l) => (l.trim().startsWith('#') ? '' : l.trim()));
  const cmds: Command[] = [];
  const fail = (i: number, msg: string): never => {
    throw new ScriptError(`line ${i + 1}: ${msg}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '') continue;
    const word = l.split(/\s+/)[0]!.toLowerCase();
    if (word === 'clear') {
      cmds.push({ kind: 'clear', line: i + 1 });
    } else if (word === 'load') {
      const m = /^load\s+(.+?)$/.exec(l);
      const interval = m ? parseDuration(m[1]!) : null;
      if (interval === null) fail(i, 'invalid load command. (load <step:duration>)');
      const series: SeriesDesc[] = [];
      const start = i;
      while (i + 1 < lines.length && lines[i + 1] !== '') {
        i++;
        try {
          series.push(parseSeriesDesc(lines[i]!));
        } catch (e) {
          fail(i, e instanceof Error ? e.message : String(e));
        }
      }
      cmds.push({ kind: 'load', line: start + 1, interval: interval!, series });
    } else if (word.startsWith('eval')) {
      const m = EVAL_RE.exec(l);
      if (!m) fail(i, 'invalid evaluation command. (eval[_fail|_ordered] instant [at <offset:duration>] <query>');
      const at = parseDuration(m![2] ?? '0s');
      if (at === null) fail(i, `invalid step definition ${JSON.stringify(m![2])}`);
      const start = i;
      let scalar: number | null = null;
      const samples: ExpectedSample[] = [];
      while (i + 1 < lines.length && lines[i + 1] !== '') {
        i++;
        const line = lines[i]!;
        const n = parseNumber(line);
        if (n !== null) {
          scalar = n;
          continue;
        }
        try {
          const d = parseSeriesDesc(line);
          if (d.values.length !== 1 || d.values[0] === null) fail(i, 'expecting exactly one value per expected series');
          samples.push({ labels: d.labels, value: d.values[0]! });
        } catch (e) {
          if (e instanceof ScriptError) throw e;
          // `{}` alone has no matcher; accept it for the empty label set.
          const empty = /^\{\}\s+(\S+)$/.exec(line);
          const v = empty ? parseNumber(empty[1]!) : null;
          if (v === null) fail(i, e instanceof Error ? e.message : String(e));
          samples.push({ labels: [], value: v! });
        }
      }
      cmds.push({ kind: 'eval', line: start + 1, expr: m![3]!, at: at!, fail: m![1] === 'fail', ordered: m![1] === 'ordered', scalar, samples });
    } else {
      fail(i, `invalid command ${JSON.stringify(l)}`);
    }
  }
  return cmds;
}
