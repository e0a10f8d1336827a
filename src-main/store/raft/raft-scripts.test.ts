/**
 * Runs every Raft behaviour script in tests/testdata/raft/*.txt (see testing/env-commands.ts for
 * the commands). UPDATE_GOLDEN=1 (or KUBEDECK_UPDATE_GOLDEN=1) rewrites the expected outputs
 * instead of comparing; read the diff before committing it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from './testing/run-script';

const DIR = fileURLToPath(new URL('../../../tests/testdata/raft/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1' || process.env.KUBEDECK_UPDATE_GOLDEN === '1';
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

describe('raft scripts', () => {
  it('has scripts to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file, () => {
      const path = join(DIR, file);
      const want = readFileSync(path, 'utf8');
      const got = runScript(want, file);
      if (UPDATE) {
        if (got !== want) writeFileSync(path, got);
        return;
      }
      expect(got, `${file} differs; rerun with UPDATE_GOLDEN=1 and read the diff`).toBe(want);
    });
  }
});
