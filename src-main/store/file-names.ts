/** etcd's file names: WAL `%016x-%016x.wal` (sequence, first index), snapshot `%016x-%016x.snap` (term, index). */

function hex16(n: number): string {
  return n.toString(16).padStart(16, '0');
}

function parse(name: string, ext: string): [number, number] | undefined {
  const m = new RegExp(`^([0-9a-f]{16})-([0-9a-f]{16})\\.${ext}$`).exec(name);
  if (!m) return undefined;
  const a = Number.parseInt(m[1], 16);
  const b = Number.parseInt(m[2], 16);
  return Number.isSafeInteger(a) && Number.isSafeInteger(b) ? [a, b] : undefined;
}

export interface WalName {
  name: string;
  seq: number;
  /** Index of the first entry the file holds (or would hold). */
  index: number;
}

export function walName(seq: number, index: number): string {
  return `${hex16(seq)}-${hex16(index)}.wal`;
}

export function parseWalName(name: string): WalName | undefined {
  const p = parse(name, 'wal');
  return p && { name, seq: p[0], index: p[1] };
}

export interface SnapName {
  name: string;
  term: number;
  index: number;
}

export function snapName(term: number, index: number): string {
  return `${hex16(term)}-${hex16(index)}.snap`;
}

export function parseSnapName(name: string): SnapName | undefined {
  const p = parse(name, 'snap');
  return p && { name, term: p[0], index: p[1] };
}
