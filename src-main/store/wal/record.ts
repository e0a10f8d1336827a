/**
 * The framing shared by WAL and snapshot files: records of [u32 length][u32 crc32][payload],
 * little-endian, the CRC over the payload. A reader stops at the first record that is short,
 * zero-length, oversized or fails its CRC, and reports where the valid prefix ends.
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from './crc32';

export const RECORD_HEADER_BYTES = 8;
/** No record the store writes comes near this; a bigger length means a torn or corrupt header. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/** Writes the header of a record whose `length` payload bytes already sit right after `pos`. */
export function writeRecordHeader(buf: Buffer, pos: number, length: number): void {
  const start = pos + RECORD_HEADER_BYTES;
  buf.writeUInt32LE(length, pos);
  buf.writeUInt32LE(crc32(buf.subarray(start, start + length)), pos + 4);
}

/** The framed record of `payload`. */
export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  out.set(payload, RECORD_HEADER_BYTES);
  writeRecordHeader(out, 0, payload.length);
  return out;
}

export type ReadResult =
  | { kind: 'record'; payload: Buffer; offset: number }
  | { kind: 'end' }
  /** The bytes from `offset` on are not a valid record (a torn write or corruption). */
  | { kind: 'bad'; offset: number; reason: string };

/**
 * Reads records from an open file front to back, in chunks (snapshots can be large). The payload
 * of a record stays valid after later reads (each refill allocates a new buffer).
 */
export class RecordReader {
  private buf: Buffer = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private bufStart: number;
  private pos = 0;
  private fileEnd: number;

  constructor(
    private readonly fh: FileHandle,
    size: number,
    startOffset = 0,
    private readonly chunkBytes = 1024 * 1024,
  ) {
    this.bufStart = startOffset;
    this.fileEnd = size;
  }

  /** File offset just after the last record returned. */
  get offset(): number {
    return this.bufStart + this.pos;
  }

  /** Makes n bytes from pos available; false if the file ends first. */
  private async fill(n: number): Promise<boolean> {
    const have = this.buf.length - this.pos;
    if (have >= n) return true;
    const at = this.bufStart + this.pos;
    if (at + n > this.fileEnd) return false;
    const want = Math.min(Math.max(n, this.chunkBytes), this.fileEnd - at);
    const next = Buffer.allocUnsafe(want);
    this.buf.copy(next, 0, this.pos);
    let filled = have;
    while (filled < want) {
      const { bytesRead } = await this.fh.read(next, filled, want - filled, at + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.buf = next.subarray(0, filled);
    this.bufStart = at;
    this.pos = 0;
    if (filled < n) {
      this.fileEnd = at + filled;
      return false;
    }
    return true;
  }

  async next(): Promise<ReadResult> {
    const offset = this.offset;
    if (offset >= this.fileEnd) return { kind: 'end' };
    if (!(await this.fill(RECORD_HEADER_BYTES))) return { kind: 'bad', offset, reason: 'truncated record header' };
    const len = this.buf.readUInt32LE(this.pos);
    const crc = this.buf.readUInt32LE(this.pos + 4);
    if (len === 0) return { kind: 'bad', offset, reason: 'zero-length record' };
    if (len > MAX_RECORD_BYTES) return { kind: 'bad', offset, reason: `record length ${len} is implausible` };
    if (!(await this.fill(RECORD_HEADER_BYTES + len))) return { kind: 'bad', offset, reason: `truncated record (${len} bytes expected)` };
    const payload = this.buf.subarray(this.pos + RECORD_HEADER_BYTES, this.pos + RECORD_HEADER_BYTES + len);
    if (crc32(payload) !== crc) return { kind: 'bad', offset, reason: 'CRC mismatch' };
    this.pos += RECORD_HEADER_BYTES + len;
    return { kind: 'record', payload, offset };
  }
}
