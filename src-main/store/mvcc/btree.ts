/**
 * sorted-btree is CommonJS with `exports.default`. Bundlers hand us the class as the default
 * import; Node's ESM loader (vitest, tsx) hands us the whole exports object. Accept both.
 */
import BTreeImport from 'sorted-btree';

type BTreeClass = typeof BTreeImport;
const BTree: BTreeClass = (BTreeImport as unknown as { default?: BTreeClass }).default ?? BTreeImport;

/** Keys compared by UTF-16 code unit, which for the ASCII keys Kubernetes writes is etcd's byte order. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type KeyTree<V> = BTreeImport<string, V>;

export function newKeyTree<V>(): KeyTree<V> {
  return new BTree<string, V>(undefined, compareKeys);
}
