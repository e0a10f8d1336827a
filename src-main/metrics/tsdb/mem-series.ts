/** One series in memory: closed compressed chunks plus the chunk being appended to. */
import type { Labels } from './labels';
import type { SampleIterator } from './queryable';
import { decodeChunk, XorAppender } from './xor-chunk';
import { floatToWords } from './float-bits';

export interface ClosedChunk {
  readonly bytes: Uint8Array;
  readonly bitLen: number;
  readonly count: number;
  readonly minT: number;
  readonly maxT: number;
}

export class AppendError extends Error {}

const a: [number, number] = [0, 0];
const b: [number, number] = [0, 0];

function sameBits(x: number, y: number): boolean {
  floatToWords(x, a);
  floatToWords(y, b);
  return a[0] === b[0] && a[1] === b[1];
}

export class MemSeries {
  chunks: ClosedChunk[] = [];
  head: XorAppender | null = null;
  lastT = -Infinity;
  private lastV = 0;

  constructor(
    readonly ref: number,
    readonly labels: Labels,
    private readonly samplesPerChunk: number,
  ) {}

  /**
   * Appends one sample. Older timestamps are rejected ("out of order sample"); the same timestamp
   * is accepted only with a bit-identical value, which is then ignored (as Prometheus does).
   * Returns false when the sample was an ignored duplicate.
   */
  append(t: number, v: number): boolean {
    if (t <= this.lastT) {
      if (t === this.lastT) {
        if (sameBits(v, this.lastV)) return false;
        throw new AppendError('duplicate sample for timestamp');
      }
      throw new AppendError('out of order sample');
    }
    if (this.head === null) this.head = new XorAppender();
    this.head.append(t, v);
    this.lastT = t;
    this.lastV = v;
    if (this.head.count >= this.samplesPerChunk) this.closeHead();
    return true;
  }

  private closeHead(): void {
    const h = this.head!;
    this.chunks.push({ bytes: h.w.finish(), bitLen: h.w.bitLen, count: h.count, minT: h.minT, maxT: h.maxT });
    this.head = null;
  }

  /** Drops whole chunks that end before minT. Returns the number of samples dropped. */
  truncateBefore(minT: number): number {
    let dropped = 0;
    let keep = 0;
    while (keep < this.chunks.length && this.chunks[keep]!.maxT < minT) dropped += this.chunks[keep++]!.count;
    if (keep > 0) this.chunks = this.chunks.slice(keep);
    if (this.chunks.length === 0 && this.head !== null && this.head.maxT < minT) {
      dropped += this.head.count;
      this.head = null;
    }
    return dropped;
  }

  isEmpty(): boolean {
    return this.chunks.length === 0 && this.head === null;
  }

  sampleCount(): number {
    let n = this.head?.count ?? 0;
    for (const c of this.chunks) n += c.count;
    return n;
  }

  /** Bytes used by encoded samples (exact bits rounded up per chunk). */
  encodedBytes(): number {
    let n = this.head ? (this.head.w.bitLen + 7) >>> 3 : 0;
    for (const c of this.chunks) n += c.bytes.length;
    return n;
  }

  minTime(): number {
    if (this.chunks.length > 0) return this.chunks[0]!.minT;
    return this.head ? this.head.minT : Infinity;
  }

  /** Decodes samples with mint <= t <= maxt into parallel arrays. */
  read(mint: number, maxt: number): { ts: Float64Array; vs: Float64Array } {
    const ts: number[] = [];
    const vsTyped: Float64Array[] = [];
    // Values go straight into typed arrays so NaN payloads (staleness markers) keep their bits.
    let buf = new Float64Array(128);
    let n = 0;
    const push = (t: number, v: number): boolean | void => {
      if (t > maxt) return false;
      if (t < mint) return;
      if (n === buf.length) {
        vsTyped.push(buf);
        buf = new Float64Array(buf.length * 2);
        n = 0;
      }
      ts.push(t);
      buf[n++] = v;
    };
    const sources: { bytes: Uint8Array; bitLen: number; count: number; minT: number; maxT: number }[] = this.chunks.slice();
    if (this.head) sources.push({ bytes: this.head.w.bytes(), bitLen: this.head.w.bitLen, count: this.head.count, minT: this.head.minT, maxT: this.head.maxT });
    for (const c of sources) {
      if (c.maxT < mint) continue;
      if (c.minT > maxt) break;
      decodeChunk(c.bytes, c.bitLen, c.count, push);
    }
    const vs = new Float64Array(ts.length);
    let off = 0;
    for (const part of vsTyped) {
      vs.set(part, off);
      off += part.length;
    }
    vs.set(buf.subarray(0, n), off);
    return { ts: Float64Array.from(ts), vs };
  }
}

/** Iterates decoded arrays; used by select() results. */
export class ArrayIterator implements SampleIterator {
  private i = -1;
  constructor(
    private readonly ts: Float64Array,
    private readonly vs: Float64Array,
  ) {}
  next(): boolean {
    return ++this.i < this.ts.length;
  }
  t(): number {
    return this.ts[this.i]!;
  }
  v(): number {
    return this.vs[this.i]!;
  }
}
