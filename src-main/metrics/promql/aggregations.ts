/** Aggregation operators (sum, avg, topk, count_values, ...) with by/without grouping. */
import type { AggregateExpr } from './ast';
import { EvalError } from './errors';
import { formatFloatF, formatValue } from './format';
import { quantile } from './math-helpers';
import { emptyLabels, filterLabels, isValidLabelName, keyFor, METRIC_NAME, setLabel, type Labels } from '../tsdb/labels';
import type { Sample } from './values';

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  count: number;
  heap: Sample[];
  values: number[];
}

type Less = (a: Sample, b: Sample) => boolean;

/** topk keeps a min-heap of the k largest; NaN counts as smallest, like Prometheus. */
const lessTop: Less = (a, b) => Number.isNaN(a.v) || a.v < b.v;
const lessBottom: Less = (a, b) => Number.isNaN(a.v) || a.v > b.v;

function heapUp(h: Sample[], j: number, less: Less): void {
  while (j > 0) {
    const i = (j - 1) >> 1;
    if (!less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    j = i;
  }
}

function heapDown(h: Sample[], i: number, n: number, less: Less): void {
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    if (j1 + 1 < n && less(h[j1 + 1]!, h[j1]!)) j = j1 + 1;
    if (!less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    i = j;
  }
}

function heapPop(h: Sample[], less: Less): void {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n]!, h[0]!];
  heapDown(h, 0, n, less);
  h.pop();
}

/** Grouping key and output labels for one input series. */
export interface Grouper {
  key(metric: Labels): string;
  labels(metric: Labels): Labels;
}

export function makeGrouper(grouping: readonly string[], without: boolean): Grouper {
  const set = new Set(grouping);
  if (without) {
    const drop = new Set([...grouping, METRIC_NAME]);
    return { key: (m) => keyFor(m, drop, false), labels: (m) => filterLabels(m, drop, false) };
  }
  if (grouping.length === 0) return { key: () => '', labels: () => emptyLabels() };
  return { key: (m) => keyFor(m, set, true), labels: (m) => filterLabels(m, set, true) };
}

/**
 * Aggregates one step's vector. `param` is the evaluated parameter (k, φ, or the count_values
 * label name). `cachedKey` lets the caller reuse grouping keys across steps.
 */
export function aggregate(e: AggregateExpr, vec: readonly Sample[], param: number | string | null, t: number, grouper: Grouper, cachedKey: (m: Labels) => string): Sample[] {
  const op = e.op;
  let k = 0;
  if (op === 'topk' || op === 'bottomk') {
    const f = param as number;
    if (!(f > -9.223372036854776e18 && f < 9.223372036854776e18)) throw new EvalError(`Scalar value ${formatValue(f)} overflows int64`);
    k = Math.trunc(f);
    if (k < 1) return [];
  }
  let valueLabel = '';
  let groupOf = cachedKey;
  let labelsOf = grouper.labels;
  if (op === 'count_values') {
    valueLabel = param as string;
    if (!isValidLabelName(valueLabel)) throw new EvalError(`invalid label name ${JSON.stringify(valueLabel)}`);
    const g = e.without ? e.grouping : [...e.grouping, valueLabel];
    const gr = makeGrouper(g, e.without);
    groupOf = gr.key;
    labelsOf = gr.labels;
  }
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  for (const s of vec) {
    const metric = op === 'count_values' ? setLabel(s.metric, valueLabel, formatFloatF(s.v)) : s.metric;
    const key = groupOf(metric);
    let g = groups.get(key);
    if (!g) {
      g = { labels: labelsOf(metric), value: s.v, mean: s.v, count: 1, heap: [], values: [] };
      if (op === 'stddev' || op === 'stdvar') g.value = 0;
      else if (op === 'group') g.value = 1;
      else if (op === 'topk' || op === 'bottomk') g.heap.push(s);
      else if (op === 'quantile') g.values.push(s.v);
      groups.set(key, g);
      order.push(g);
      continue;
    }
    switch (op) {
      case 'sum':
        g.value += s.v;
        break;
      case 'avg':
        g.count++;
        if (!Number.isFinite(g.mean) && !Number.isNaN(g.mean)) {
          if (!Number.isFinite(s.v) && !Number.isNaN(s.v) && g.mean > 0 === s.v > 0) break;
          if (Number.isFinite(s.v)) break;
        }
        g.mean += s.v / g.count - g.mean / g.count;
        break;
      case 'max':
        if (g.value < s.v || Number.isNaN(g.value)) g.value = s.v;
        break;
      case 'min':
        if (g.value > s.v || Number.isNaN(g.value)) g.value = s.v;
        break;
      case 'count':
      case 'count_values':
        g.count++;
        break;
      case 'stddev':
      case 'stdvar': {
        g.count++;
        const delta = s.v - g.mean;
        g.mean += delta / g.count;
        g.value += delta * (s.v - g.mean);
        break;
      }
      case 'topk':
      case 'bottomk': {
        const less = op === 'topk' ? lessTop : lessBottom;
        const top = g.heap[0]!;
        const better = op === 'topk' ? top.v < s.v : top.v > s.v;
        if (g.heap.length < k || better || Number.isNaN(top.v)) {
          if (g.heap.length === k) {
            if (k === 1) {
              g.heap[0] = s;
              break;
            }
            heapPop(g.heap, less);
          }
          g.heap.push(s);
          heapUp(g.heap, g.heap.length - 1, less);
        }
        break;
      }
      case 'quantile':
        g.values.push(s.v);
        break;
      case 'group':
        break;
    }
  }
  const out: Sample[] = [];
  for (const g of order) {
    switch (op) {
      case 'avg':
        g.value = g.mean;
        break;
      case 'count':
      case 'count_values':
        g.value = g.count;
        break;
      case 'stdvar':
        g.value = g.value / g.count;
        break;
      case 'stddev':
        g.value = Math.sqrt(g.value / g.count);
        break;
      case 'quantile':
        g.value = quantile(param as number, g.values);
        break;
      case 'topk':
      case 'bottomk': {
        // Best first; NaN last.
        const sorted = g.heap.slice().sort((a, b) => {
          const an = Number.isNaN(a.v);
          const bn = Number.isNaN(b.v);
          if (an || bn) return an === bn ? 0 : an ? 1 : -1;
          if (a.v === b.v) return 0;
          return (op === 'topk' ? a.v > b.v : a.v < b.v) ? -1 : 1;
        });
        for (const s of sorted) out.push({ metric: s.metric, t, v: s.v });
        continue;
      }
    }
    out.push({ metric: g.labels, t, v: g.value });
  }
  return out;
}
