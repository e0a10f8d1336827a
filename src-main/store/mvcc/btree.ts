/**
 * The key index's B+ tree (sorted-btree), plus an O(log n) rank query.
 *
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

/**
 * sorted-btree 2.x's node layout: a leaf has sorted `keys`; an internal node has `children` and
 * `keys[i]` = the largest key under children[i], and caches its subtree's size. Not public API,
 * so it is checked before use and rank() falls back to counting when it does not match.
 */
interface RawNode {
  keys: string[];
  children?: RawNode[];
  size(): number;
}

function rootOf(tree: KeyTree<unknown>): RawNode | undefined {
  const root = (tree as unknown as { _root?: unknown })._root;
  if (typeof root !== 'object' || root === null) return undefined;
  const n = root as Partial<RawNode>;
  if (!Array.isArray(n.keys) || typeof n.size !== 'function') return undefined;
  if (n.children !== undefined && !Array.isArray(n.children)) return undefined;
  return root as RawNode;
}

/** Index of the first key >= key. */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many keys of the tree are < key. O(log n) (O(n) if sorted-btree's layout ever changes). */
export function rank(tree: KeyTree<unknown>, key: string): number {
  let node = rootOf(tree);
  if (node === undefined) {
    let n = 0;
    const min = tree.minKey();
    if (min !== undefined && min < key) tree.forRange(min, key, false, () => void n++);
    return n;
  }
  let below = 0;
  while (node.children !== undefined) {
    const i = lowerBound(node.keys, key);
    for (let j = 0; j < i && j < node.children.length; j++) below += node.children[j].size();
    if (i >= node.children.length) return below;
    node = node.children[i];
  }
  return below + lowerBound(node.keys, key);
}

/** How many keys are in [start, end) (end undefined: no upper bound). */
export function countRange(tree: KeyTree<unknown>, start: string, end: string | undefined): number {
  const upper = end === undefined ? tree.size : rank(tree, end);
  return Math.max(0, upper - rank(tree, start));
}
