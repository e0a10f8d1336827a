/**
 * The pods table's rows, built so that 100k pods stay cheap:
 *
 * - The table gets stable handles ({ key, name, namespace }: what never changes for a pod). The
 *   handle list is rebuilt only when pods come or go (it reads `items.keys()`), so a MODIFIED
 *   event does not hand Naive UI a new 100k-row array.
 * - Cells read the pod's current row through `rowOf(handle)`, which reads `items.get(key)`: only
 *   the rows on screen are rendered, so only their pods are tracked, and a change to a pod off
 *   screen re-renders nothing.
 * - A search, which matches changing fields (node, IP), re-runs on any change to any pod, but
 *   keeps handing out the same array while its result is unchanged.
 */
import { computed, toRaw, type Ref } from 'vue';
import type { Pod } from 'kubernetes-types/core/v1';
import { EMPTY_POD_ROW, podMatches, podRow, type PodFilter, type PodRow } from '../model/pod-row';

export interface PodHandle {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function usePodTable(items: Map<string, Pod>, filter: Ref<PodFilter>) {
  const raw = toRaw(items);
  const handles = new Map<string, PodHandle>();

  const all = computed<PodHandle[]>(() => {
    const out: PodHandle[] = [];
    for (const key of items.keys()) {
      let h = handles.get(key);
      if (!h) {
        const meta = raw.get(key)?.metadata;
        h = { key, name: meta?.name ?? '', namespace: meta?.namespace ?? '' };
        handles.set(key, h);
      }
      out.push(h);
    }
    if (handles.size > out.length) for (const key of handles.keys()) if (!raw.has(key)) handles.delete(key);
    return out;
  });

  /** The current row of a pod; reading it subscribes the caller to that pod only. */
  function rowOf(h: PodHandle): PodRow {
    const pod = items.get(h.key);
    return pod ? podRow(pod, h.key) : EMPTY_POD_ROW;
  }

  /** The current row without subscribing (for sorting: order refreshes when pods come or go). */
  function peekRow(h: PodHandle): PodRow {
    const pod = raw.get(h.key);
    return pod ? podRow(pod, h.key) : EMPTY_POD_ROW;
  }

  const rows = computed<PodHandle[]>((previous) => {
    const { namespace, search } = filter.value;
    const needle = search.trim().toLowerCase();
    if (!namespace && !needle) return all.value;
    // A search looks at fields that change (node, IP): subscribe once to "any pod changed"
    // (size reads the whole-map signal) and read the pods untracked, not 100k subscriptions.
    if (needle) void items.size;
    const out: PodHandle[] = [];
    for (const h of all.value) {
      if (namespace && h.namespace !== namespace) continue;
      if (needle) {
        const pod = raw.get(h.key);
        if (!pod || !podMatches(pod, needle)) continue;
      }
      out.push(h);
    }
    return sameList(previous, out) ? (previous as PodHandle[]) : out;
  });

  const namespaces = computed<string[]>(() => {
    const seen = new Set<string>();
    for (const h of all.value) seen.add(h.namespace);
    return [...seen].sort();
  });

  return { all, rows, namespaces, rowOf, peekRow };
}
