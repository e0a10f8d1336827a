/** Big-endian bit streams over byte arrays, for the Gorilla-style chunk encoding. */

export class BitWriter {
  private buf: Uint8Array;
  /** Number of bits written so far. */
  bitLen = 0;

  constructor(initialBytes = 32) {
    this.buf = new Uint8Array(initialBytes);
  }

  /** Writes the low n bits of v (0 <= n <= 32), most significant first. */
  writeBits(v: number, n: number): void {
    if (n === 0) return;
    const needBytes = (this.bitLen + n + 7) >>> 3;
    if (needBytes > this.buf.length) {
      const next = new Uint8Array(Math.max(needBytes, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    while (n > 0) {
      const used = this.bitLen & 7;
      const free = 8 - used;
      const take = free < n ? free : n;
      const bits = (v >>> (n - take)) & ((1 << take) - 1);
      this.buf[this.bitLen >>> 3]! |= bits << (free - take);
      this.bitLen += take;
      n -= take;
    }
  }

  writeBit(b: number): void {
    this.writeBits(b, 1);
  }

  /** Bytes allocated for the stream (what it costs in memory). */
  capacity(): number {
    return this.buf.length;
  }

  /** A right-sized copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, (this.bitLen + 7) >>> 3);
  }

  /** The live buffer (may be longer than the written bits). */
  bytes(): Uint8Array {
    return this.buf;
  }
}

export class BitReader {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly bitLen: number,
  ) {}

  /** Reads n bits (0 <= n <= 32) as an unsigned number. */
  readBits(n: number): number {
    if (this.pos + n > this.bitLen) throw new Error('chunk truncated');
    let acc = 0;
    while (n > 0) {
      const used = this.pos & 7;
      const avail = 8 - used;
      const take = avail < n ? avail : n;
      const byte = this.buf[this.pos >>> 3]!;
      const bits = (byte >>> (avail - take)) & ((1 << take) - 1);
      acc = acc * (1 << take) + bits;
      this.pos += take;
      n -= take;
    }
    return acc;
  }

  readBit(): number {
    return this.readBits(1);
  }
}
