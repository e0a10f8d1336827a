/** CRC-32 (IEEE, as zlib and etcd's WAL use). Node's zlib.crc32 (20.15+) when present, else a table. */
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, seed?: number) => number;

const native = (zlib as { crc32?: Crc32 }).crc32;

let table: Uint32Array | undefined;

function tableCrc32(data: Uint8Array, seed = 0): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = ~seed >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

export const crc32: Crc32 = typeof native === 'function' ? (data, seed) => native(data, seed) : tableCrc32;

/** Exposed for the test that checks the fallback agrees with zlib. */
export const crc32Table: Crc32 = tableCrc32;
