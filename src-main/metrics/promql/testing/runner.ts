/**
 * Runs promqltest scripts against our engine and in-memory TSDB. Each eval runs as an instant
 * query, as a range query from t−1m to t+1m (checking the point at t), and again with `@` pinned
 * at other times, the way Prometheus's own test runner does.
 */
import { Engine } from '../engine';
import { parseExpr } from '../parser';
import { MemTsdb } from '../../tsdb/mem-tsdb';
import { labelsKey, labelsString, type Labels } from '../../tsdb/labels';
import type { QueryValue } from '../values';
import { atVariantTimes, pinAt } from './at-variants';
import { parseScript, type EvalCommand, type LoadCommand } from './script';
import { formatValue } from '../format';

const MIN_NORMAL = 2.2250738585072014e-308;
const EPSILON = 0.000001;

/** Relative comparison with the tolerance promqltest uses (NaN equals NaN). */
export function almostEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || diff < MIN_NORMAL) return diff < EPSILON * MIN_NORMAL;
  return diff / (Math.abs(a) + Math.abs(b)) < EPSILON;
}

export interface ScriptFailure {
  readonly line: number;
  readonly expr: string;
  readonly message: string;
}

/** Loads a load block into the store: sample i of a series sits at i × interval. */
export function applyLoad(db: MemTsdb, cmd: LoadCommand): void {
  for (const s of cmd.series) {
    s.values.forEach((v, i) => {
      if (v !== null) db.append(s.labels, i * cmd.interval, v);
    });
  }
}

type Got = { labels: Labels; value: number }[] | number;

function toGot(v: QueryValue): Got | string {
  if (v.type === 'scalar') return v.v;
  if (v.type === 'vector') return v.samples.map((s) => ({ labels: s.metric, value: s.v }));
  return `unexpected ${v.type} result`;
}

function compare(cmd: EvalCommand, got: Got, ordered: boolean): string | null {
  if (typeof got === 'number') {
    if (cmd.scalar === null) return `expected vector, got scalar ${formatValue(got)}`;
    return almostEqual(cmd.scalar, got) ? null : `expected scalar ${formatValue(cmd.scalar)}, got ${formatValue(got)}`;
  }
  if (cmd.scalar !== null) return `expected scalar ${formatValue(cmd.scalar)}, got a vector`;
  const want = new Map(cmd.samples.map((s, i) => [labelsKey(s.labels), { ...s, i }]));
  if (want.size !== got.length) {
    const list = got.map((g) => `${labelsString(g.labels)} ${formatValue(g.value)}`).join('; ');
    return `expected ${want.size} samples, got ${got.length}: ${list}`;
  }
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want.get(labelsKey(g.labels));
    if (!w) return `unexpected series ${labelsString(g.labels)} ${formatValue(g.value)}`;
    if (ordered && w.i !== i) return `expected ${labelsString(g.labels)} at position ${w.i + 1}, got it at ${i + 1}`;
    if (!almostEqual(w.value, g.value)) return `${labelsString(g.labels)}: expected ${formatValue(w.value)}, got ${formatValue(g.value)}`;
  }
  return null;
}

export function runScript(text: string, engine = new Engine()): ScriptFailure[] {
  const failures: ScriptFailure[] = [];
  let db = new MemTsdb({ retentionMs: Infinity });
  for (const cmd of parseScript(text)) {
    if (cmd.kind === 'clear') {
      db = new MemTsdb({ retentionMs: Infinity });
      continue;
    }
    if (cmd.kind === 'load') {
      applyLoad(db, cmd);
      continue;
    }
    const fail = (message: string): void => {
      failures.push({ line: cmd.line, expr: cmd.expr, message });
    };
    let expr;
    try {
      expr = parseExpr(cmd.expr);
    } catch (e) {
      if (!cmd.fail) fail(`parse error: ${(e as Error).message}`);
      continue;
    }
    const runs = [{ expr, at: cmd.at }, ...atVariantTimes(expr, cmd.at).map((t) => ({ expr: pinAt(expr, cmd.at), at: t }))];
    const before = failures.length;
    for (const run of runs) {
      // One failure per eval is enough to read.
      if (failures.length > before) break;
      let got: Got | string;
      try {
        got = toGot(engine.instantQuery(db, run.expr, run.at));
      } catch (e) {
        if (!cmd.fail) fail(`instant query at ${run.at}: ${(e as Error).message}`);
        continue;
      }
      if (cmd.fail) {
        fail(`expected an error at ${run.at}, got none`);
        continue;
      }
      if (typeof got === 'string') {
        fail(got);
        continue;
      }
      const msg = compare(cmd, got, cmd.ordered);
      if (msg) fail(`instant query at ${run.at}: ${msg}`);
      // Range mode changes what start() and end() mean, so such queries are compared only here.
      if (cmd.ordered || /@\s*(?:start|end)\s*\(/.test(cmd.expr)) continue;
      try {
        const m = engine.rangeQuery(db, run.expr, run.at - 60_000, run.at + 60_000, 60_000);
        if (m.type !== 'matrix') throw new Error('range query did not return a matrix');
        const atT: { labels: Labels; value: number }[] = [];
        for (const s of m.series) {
          const p = s.points.find((x) => x.t === run.at);
          if (p) atT.push({ labels: s.metric, value: p.v });
        }
        const rangeMsg = compare(cmd, typeof got === 'number' ? atT[0]?.value ?? NaN : atT, false);
        if (rangeMsg) fail(`range query at ${run.at}: ${rangeMsg}`);
      } catch (e) {
        fail(`range query at ${run.at}: ${(e as Error).message}`);
      }
    }
  }
  return failures;
}
