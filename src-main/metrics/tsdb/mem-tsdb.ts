/**
 * An in-memory time-series database: series named by label sets, Gorilla-compressed chunks, a
 * postings index for matchers, and retention by time. Pure: the caller passes every timestamp.
 */
import { compareLabels, labelsFromRecord, labelsKey, METRIC_NAME, type Labels } from './labels';
import type { LabelMatcher } from './matchers';
import { AppendError, ArrayIterator, MemSeries } from './mem-series';
import { PostingsIndex } from './postings';
import type { Queryable, StorageSeries } from './queryable';

export { AppendError } from './mem-series';

export interface MemTsdbOptions {
  /** Samples older than (latest retention call's now − retentionMs) are dropped. Default 1 day. */
  readonly retentionMs?: number;
  /** Samples per chunk before it is closed (Prometheus uses 120). */
  readonly samplesPerChunk?: number;
}

export interface TsdbStats {
  readonly series: number;
  readonly samples: number;
  /** Encoded bytes of all chunks. */
  readonly chunkBytes: number;
  readonly bytesPerSample: number;
}

export class MemTsdb implements Queryable {
  readonly retentionMs: number;
  private readonly samplesPerChunk: number;
  private readonly byKey = new Map<string, MemSeries>();
  private readonly byRef = new Map<number, MemSeries>();
  private readonly postings = new PostingsIndex();
  private nextRef = 1;
  /** Samples before this time were removed by retention and may not be appended again. */
  private minValidTime = -Infinity;

  constructor(opts: MemTsdbOptions = {}) {
    this.retentionMs = opts.retentionMs ?? 24 * 3600_000;
    this.samplesPerChunk = opts.samplesPerChunk ?? 120;
  }

  /** Returns the series ref for a label set, creating the series when new. */
  ref(labels: Labels | Readonly<Record<string, string>>): number {
    const ls = Array.isArray(labels) ? (labels as Labels) : labelsFromRecord(labels as Record<string, string>);
    const key = labelsKey(ls);
    let s = this.byKey.get(key);
    if (!s) {
      if (ls.length === 0) throw new AppendError('empty label set');
      s = new MemSeries(this.nextRef++, ls, this.samplesPerChunk);
      this.byKey.set(key, s);
      this.byRef.set(s.ref, s);
      this.postings.add(s.ref, ls);
    }
    return s.ref;
  }

  /** Appends one sample. Throws AppendError for out-of-order, duplicate or too-old samples. */
  append(labels: Labels | Readonly<Record<string, string>>, t: number, v: number): number {
    const ref = this.ref(labels);
    this.appendRef(ref, t, v);
    return ref;
  }

  appendRef(ref: number, t: number, v: number): void {
    const s = this.byRef.get(ref);
    if (!s) throw new AppendError(`unknown series ref ${ref}`);
    if (!Number.isInteger(t)) throw new AppendError('timestamp must be an integer number of milliseconds');
    if (t < this.minValidTime) throw new AppendError('out of bounds');
    s.append(t, v);
  }

  /** Applies retention relative to `now`: drops samples older than now − retentionMs. */
  applyRetention(now: number): void {
    this.truncateBefore(now - this.retentionMs);
  }

  /** Drops every sample before minT; series left without samples are removed. */
  truncateBefore(minT: number): void {
    if (minT <= this.minValidTime) return;
    this.minValidTime = minT;
    const gone = new Set<number>();
    for (const s of this.byRef.values()) {
      s.truncateBefore(minT);
      if (s.isEmpty() && s.lastT < minT) gone.add(s.ref);
    }
    for (const ref of gone) {
      const s = this.byRef.get(ref)!;
      this.byRef.delete(ref);
      this.byKey.delete(labelsKey(s.labels));
    }
    this.postings.remove(gone);
  }

  select(matchers: readonly LabelMatcher[], mint: number, maxt: number): StorageSeries[] {
    const lo = Math.max(mint, this.minValidTime);
    const out: StorageSeries[] = [];
    for (const ref of this.postings.select(matchers)) {
      const s = this.byRef.get(ref)!;
      if (s.isEmpty() || s.lastT < lo || s.minTime() > maxt) continue;
      const labels = s.labels;
      out.push({ labels, iterator: () => {
        const { ts, vs } = s.read(lo, maxt);
        return new ArrayIterator(ts, vs);
      } });
    }
    out.sort((x, y) => compareLabels(x.labels, y.labels));
    return out;
  }

  labelNames(): string[] {
    return this.postings.labelNames();
  }

  labelValues(name: string): string[] {
    return this.postings.labelValues(name);
  }

  /** Number of series, mostly for tests and the console. */
  seriesCount(): number {
    return this.byRef.size;
  }

  metricNames(): string[] {
    return this.labelValues(METRIC_NAME);
  }

  stats(): TsdbStats {
    let samples = 0;
    let bytes = 0;
    for (const s of this.byRef.values()) {
      samples += s.sampleCount();
      bytes += s.encodedBytes();
    }
    return { series: this.byRef.size, samples, chunkBytes: bytes, bytesPerSample: samples === 0 ? 0 : bytes / samples };
  }
}
