/**
 * Oracle check of the PromQL engine against the real Prometheus 2.42 (`promtool test rules`).
 *
 * Every script in tests/testdata/promql is converted into promtool unit-test files whose expected
 * samples are what our engine computes. promtool compares floats exactly, so a pass means
 * Prometheus evaluates each query to the same labels and the same values.
 *
 * One caveat: Prometheus feeds series to sum/avg/stddev in the order the series were created,
 * and promtool creates them from a Go map, so the last bit of such results changes from run to
 * run. When promtool reports a mismatch, we parse its exp/got lists and accept it only if the
 * label sets are identical and every value agrees within 1e-12 relative error.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptToPromtool } from '../../src-main/metrics/promql/testing/promtool-convert';
import { runScript } from '../../src-main/metrics/promql/testing/runner';

const PROMTOOL = '/usr/bin/promtool';
const dir = path.resolve(import.meta.dirname, '../testdata/promql');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.test')).sort();
const work = mkdtempSync(path.join(tmpdir(), 'promql-oracle-'));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function promtool(file: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(PROMTOOL, ['test', 'rules', file], { cwd: work }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr });
    });
  });
}

/** Parses promtool's `{a="b"} 1.5E+00, {} 2E+00` sample lists. */
function parseSamples(list: string): [string, number][] {
  const out: [string, number][] = [];
  const re = /(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\}) ([-+]?[0-9.]+(?:E[-+]\d+)?|NaN|[-+]Inf)/g;
  for (let m = re.exec(list); m; m = re.exec(list)) out.push([m[1]!, Number(m[2]!.replace('Inf', 'Infinity'))]);
  return out;
}

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/** Failures that are more than last-bit float noise, as readable strings. */
function realMismatches(out: string): string[] {
  const bad: string[] = [];
  const blocks = out.split(/\n(?=\s*expr: )/).filter((b) => /^\s*expr: /.test(b));
  for (const b of blocks) {
    const exp = /exp: (.*)/.exec(b);
    const got = /got: (.*)/.exec(b);
    if (!exp || !got) {
      bad.push(b.trim());
      continue;
    }
    const e = parseSamples(exp[1]!);
    const g = parseSamples(got[1]!);
    const same = e.length === g.length && e.every(([l, v], i) => g[i]![0] === l && close(v, g[i]![1]));
    if (!same) bad.push(b.trim());
  }
  if (blocks.length === 0) bad.push(out.trim());
  return bad;
}

describe.skipIf(!existsSync(PROMTOOL))('PromQL engine vs promtool test rules (Prometheus 2.42)', () => {
  let checked = 0;
  let exactFiles = 0;
  let files = 0;

  for (const script of scripts) {
    it(script, async () => {
      const text = readFileSync(path.join(dir, script), 'utf8');
      const own = runScript(text);
      expect(own.map((f) => `line ${f.line}: ${f.expr}: ${f.message}`)).toEqual([]);
      for (const file of scriptToPromtool(text)) {
        const name = path.join(work, `${script.replace(/\.test$/, '')}-${file.group}.yml`);
        writeFileSync(name, file.yaml);
        const res = await promtool(name);
        files++;
        if (res.code === 0) {
          expect(res.out).toContain('SUCCESS');
          exactFiles++;
        } else {
          expect(realMismatches(res.out), `promtool on ${name}`).toEqual([]);
        }
        checked += file.cases.length;
      }
    });
  }

  it('checked a meaningful number of queries against Prometheus', () => {
    console.log(`promtool oracle: ${checked} queries in ${files} files, ${exactFiles} files bit-exact`);
    expect(checked).toBeGreaterThan(150);
  });
});
