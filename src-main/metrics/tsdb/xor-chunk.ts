/**
 * A Gorilla-style chunk (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series
 * Database", VLDB 2015), written from the paper:
 *
 * - timestamps: the first is stored raw (64 bits), later ones as the delta-of-delta in a
 *   prefix-coded bucket: `0` (same spacing), `10`+14 bits, `110`+17 bits, `1110`+20 bits,
 *   `1111`+64 bits;
 * - values: the first raw, later ones as the XOR with the previous value: `0` (same value),
 *   `10` + the meaningful bits inside the previous leading/trailing-zero window, or `11` + 5 bits of
 *   leading zeros + 6 bits of length + the meaningful bits.
 *
 * Regular scrapes (fixed spacing, slowly changing values) cost 1–2 bytes per sample.
 */
import { BitReader, BitWriter } from './bitstream';
import { clz64, ctz64, floatToWords, wordsToFloat } from './float-bits';

const words: [number, number] = [0, 0];

/** Payload bits of the delta-of-delta buckets selected by 1, 2 or 3 leading 1-bits. */
const DOD_BITS = [0, 14, 17, 20];

function writeFloatRaw(w: BitWriter, hi: number, lo: number): void {
  w.writeBits(hi, 32);
  w.writeBits(lo, 32);
}

/** Writes an integral number (|n| < 2^53) as the 64 raw bits of its float64 form. */
function writeIntRaw(w: BitWriter, n: number): void {
  floatToWords(n, words);
  writeFloatRaw(w, words[0], words[1]);
}

function readIntRaw(r: BitReader): number {
  const hi = r.readBits(32);
  const lo = r.readBits(32);
  return wordsToFloat(hi, lo);
}

/** Two's complement of n in `bits` bits. */
function toUnsigned(n: number, bits: number): number {
  return n < 0 ? n + 2 ** bits : n;
}

function fromUnsigned(u: number, bits: number): number {
  return u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
}

/** Appends samples to one chunk. Timestamps must be strictly increasing (the series checks). */
export class XorAppender {
  readonly w = new BitWriter(32);
  count = 0;
  minT = 0;
  maxT = 0;
  private prevDelta = 0;
  private prevHi = 0;
  private prevLo = 0;
  private leading = -1;
  private trailing = 0;

  append(t: number, v: number): void {
    const w = this.w;
    floatToWords(v, words);
    const hi = words[0];
    const lo = words[1];
    if (this.count === 0) {
      writeIntRaw(w, t);
      writeFloatRaw(w, hi, lo);
      this.minT = t;
    } else {
      const delta = t - this.maxT;
      const dod = delta - this.prevDelta;
      if (dod === 0) {
        w.writeBits(0, 1);
      } else if (dod >= -8191 && dod <= 8192) {
        w.writeBits(0b10, 2);
        w.writeBits(toUnsigned(dod, 14), 14);
      } else if (dod >= -65535 && dod <= 65536) {
        w.writeBits(0b110, 3);
        w.writeBits(toUnsigned(dod, 17), 17);
      } else if (dod >= -524287 && dod <= 524288) {
        w.writeBits(0b1110, 4);
        w.writeBits(toUnsigned(dod, 20), 20);
      } else {
        w.writeBits(0b1111, 4);
        writeIntRaw(w, dod);
      }
      this.prevDelta = delta;
      this.writeValue(hi, lo);
    }
    this.prevHi = hi;
    this.prevLo = lo;
    this.maxT = t;
    this.count++;
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const xh = (hi ^ this.prevHi) >>> 0;
    const xl = (lo ^ this.prevLo) >>> 0;
    if (xh === 0 && xl === 0) {
      w.writeBits(0, 1);
      return;
    }
    let lead = clz64(xh, xl);
    const trail = ctz64(xh, xl);
    if (lead > 31) lead = 31;
    if (this.leading >= 0 && lead >= this.leading && trail >= this.trailing) {
      w.writeBits(0b10, 2);
      writeShifted(w, xh, xl, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = lead;
    this.trailing = trail;
    const sig = 64 - lead - trail;
    w.writeBits(0b11, 2);
    w.writeBits(lead, 5);
    w.writeBits(sig === 64 ? 0 : sig, 6);
    writeShifted(w, xh, xl, trail, sig);
  }
}

/** Writes `len` bits of the 64-bit (hi,lo) value shifted right by `shift`. */
function writeShifted(w: BitWriter, hi: number, lo: number, shift: number, len: number): void {
  let h: number;
  let l: number;
  if (shift === 0) {
    h = hi;
    l = lo;
  } else if (shift < 32) {
    l = ((lo >>> shift) | (hi << (32 - shift))) >>> 0;
    h = hi >>> shift;
  } else {
    l = hi >>> (shift - 32);
    h = 0;
  }
  if (len > 32) {
    w.writeBits(h, len - 32);
    w.writeBits(l, 32);
  } else {
    w.writeBits(l >>> 0, len);
  }
}

/** Reads `len` bits and returns them shifted left by `shift` as (hi, lo) in `words`. */
function readShifted(r: BitReader, shift: number, len: number): void {
  let h = 0;
  let l: number;
  if (len > 32) {
    h = r.readBits(len - 32);
    l = r.readBits(32);
  } else {
    l = r.readBits(len);
  }
  if (shift === 0) {
    words[0] = h;
    words[1] = l;
  } else if (shift < 32) {
    words[0] = ((h << shift) | (l >>> (32 - shift))) >>> 0;
    words[1] = (l << shift) >>> 0;
  } else {
    words[0] = (l << (shift - 32)) >>> 0;
    words[1] = 0;
  }
}

/** Decodes every sample of a chunk, calling fn(t, v) in order. Returns early if fn returns false. */
export function decodeChunk(bytes: Uint8Array, bitLen: number, count: number, fn: (t: number, v: number) => boolean | void): void {
  if (count === 0) return;
  const r = new BitReader(bytes, bitLen);
  let t = readIntRaw(r);
  let hi = r.readBits(32);
  let lo = r.readBits(32);
  if (fn(t, wordsToFloat(hi, lo)) === false) return;
  let delta = 0;
  let leading = 0;
  let trailing = 0;
  for (let i = 1; i < count; i++) {
    // The prefix is up to four 1-bits ended by a 0: 0, 10, 110, 1110, 1111.
    let ones = 0;
    while (ones < 4 && r.readBit() === 1) ones++;
    const dod = ones === 0 ? 0 : ones === 4 ? readIntRaw(r) : fromUnsigned(r.readBits(DOD_BITS[ones]!), DOD_BITS[ones]!);
    delta += dod;
    t += delta;
    if (r.readBit() === 1) {
      if (r.readBit() === 1) {
        leading = r.readBits(5);
        let sig = r.readBits(6);
        if (sig === 0) sig = 64;
        trailing = 64 - leading - sig;
      }
      readShifted(r, trailing, 64 - leading - trailing);
      hi = (hi ^ words[0]) >>> 0;
      lo = (lo ^ words[1]) >>> 0;
    }
    if (fn(t, wordsToFloat(hi, lo)) === false) return;
  }
}
