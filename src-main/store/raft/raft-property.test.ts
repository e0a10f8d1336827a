/**
 * Randomized safety test: many seeded runs of a cluster over a hostile network (see
 * testing/chaos-cluster.ts for what is checked). A failure names its seed; rerun that seed
 * alone to debug it.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from './testing/chaos-cluster';

const SEEDS = 200;
const STEPS = 2500;

describe('raft safety under random faults', () => {
  it(`keeps Raft's safety properties over ${SEEDS} seeds`, () => {
    let committed = 0;
    let leaders = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = runChaos({ seed, nodes: 3 + (seed % 3), steps: STEPS, preVote: seed % 2 === 0, checkQuorum: seed % 4 < 2 });
      committed += r.committed;
      leaders += r.leadersElected;
    }
    // The runs must actually make progress, or they check nothing.
    expect(committed).toBeGreaterThan(SEEDS * 5);
    expect(leaders).toBeGreaterThan(SEEDS);
  });
});
