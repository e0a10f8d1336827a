/**
 * Rough performance figures (printed, with generous bounds so slow CI machines pass): ingest
 * rate, bytes per sample, and a 1 h range query over 1,000 series at a 15 s step.
 */
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { Engine } from './engine';
import { MemTsdb } from '../tsdb/mem-tsdb';

describe('performance', () => {
  it('ingests, compresses and answers a 1 h range query over 1,000 series', () => {
    const db = new MemTsdb();
    const refs: number[] = [];
    for (let s = 0; s < 1000; s++) {
      refs.push(db.ref({ __name__: 'http_requests_total', pod: `pod-${s}`, job: `job-${s % 10}`, code: s % 7 === 0 ? '500' : '200' }));
    }
    const start = 1_700_000_000_000;
    const steps = 2 * 240; // 2 h of 15 s scrapes
    const counters = new Float64Array(1000);
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      const t = start + i * 15_000 + (i % 4);
      for (let s = 0; s < 1000; s++) {
        counters[s]! += (s * 7 + i) % 11;
        db.appendRef(refs[s]!, t, counters[s]!);
      }
    }
    const ingestMs = performance.now() - t0;
    const samples = steps * 1000;
    const stats = db.stats();
    const engine = new Engine();
    const end = start + (steps - 1) * 15_000;
    const q0 = performance.now();
    const res = engine.rangeQuery(db, 'sum by (job) (rate(http_requests_total[5m]))', end - 3_600_000, end, 15_000);
    const queryMs = performance.now() - q0;
    const r0 = performance.now();
    const raw = engine.rangeQuery(db, 'http_requests_total', end - 3_600_000, end, 15_000);
    const rawMs = performance.now() - r0;
    console.log(
      `ingest: ${Math.round(samples / (ingestMs / 1000))} samples/s; ${stats.bytesPerSample.toFixed(2)} bytes/sample (${stats.chunkBytes} bytes for ${stats.samples} samples); ` +
        `1h range query, 1000 series, 15s step: sum by (job)(rate[5m]) ${queryMs.toFixed(0)} ms, raw selector ${rawMs.toFixed(0)} ms`,
    );
    expect(res.type === 'matrix' && res.series.length).toBe(10);
    expect(raw.type === 'matrix' && raw.series.length).toBe(1000);
    expect(samples / (ingestMs / 1000)).toBeGreaterThan(50_000);
    expect(queryMs).toBeLessThan(5000);
    expect(stats.bytesPerSample).toBeLessThan(4);
  });
});
