/** Runs every tests/testdata/promql/*.test script through our engine. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from './runner';

const dir = path.resolve(import.meta.dirname, '../../../../tests/testdata/promql');
const files = readdirSync(dir).filter((f) => f.endsWith('.test')).sort();

describe('promqltest scripts', () => {
  it('finds scripts', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(f, () => {
      const failures = runScript(readFileSync(path.join(dir, f), 'utf8'));
      expect(failures.map((x) => `line ${x.line}: ${x.expr}: ${x.message}`)).toEqual([]);
    });
  }
});
