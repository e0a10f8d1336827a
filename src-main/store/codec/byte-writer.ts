/**
 * A growable little-endian byte buffer for the store's binary formats (WAL requests, snapshots).
 * Numbers that can exceed 32 bits (revisions, leases, limits) are written as float64, which is
 * exact for every integer a JS number can hold.
 */
export class ByteWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialCapacity = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }

  /** Overwrites a u32 written earlier (a count known only at the end). */
  setU32(at: number, v: number): void {
    if (at + 4 > this.pos) throw new RangeError('setU32 past the written bytes');
    this.buf.writeUInt32LE(v, at);
  }

  f64(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  /** A length-prefixed UTF-8 string. */
  str(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.ensure(4 + n);
    this.buf.writeUInt32LE(n, this.pos);
    this.buf.write(s, this.pos + 4, n, 'utf8');
    this.pos += 4 + n;
  }

  /** A length-prefixed byte string. */
  bytes(b: Uint8Array): void {
    this.ensure(4 + b.length);
    this.buf.writeUInt32LE(b.length, this.pos);
    this.buf.set(b, this.pos + 4);
    this.pos += 4 + b.length;
  }

  /** The bytes written so far (a view; the writer must not be used afterwards). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
