/** Reads what ByteWriter wrote. Every read is bounds-checked; a short buffer is a CorruptDataError. */
export class CorruptDataError extends Error {
  constructor(what: string) {
    super(`store: corrupt data: ${what}`);
    this.name = 'CorruptDataError';
  }
}

export class ByteReader {
  private readonly buf: Buffer;
  private pos = 0;

  constructor(data: Uint8Array) {
    this.buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.buf.length) throw new CorruptDataError(`${what} runs past the end of the record`);
  }

  u8(): number {
    this.need(1, 'byte');
    return this.buf[this.pos++];
  }

  u32(): number {
    this.need(4, 'u32');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8, 'number');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  str(): string {
    const n = this.u32();
    this.need(n, 'string');
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** A copy of the next byte string, so that it does not pin the buffer it was read from. */
  bytes(): Uint8Array {
    const n = this.u32();
    this.need(n, 'bytes');
    const out = new Uint8Array(n);
    out.set(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** Fails unless every byte was consumed. */
  end(what: string): void {
    if (this.pos !== this.buf.length) throw new CorruptDataError(`${this.buf.length - this.pos} trailing bytes after ${what}`);
  }
}
