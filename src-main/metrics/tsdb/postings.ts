/** Inverted index: label name → label value → sorted series refs. */
import type { Labels } from './labels';
import { matches, type LabelMatcher } from './matchers';

export class PostingsIndex {
  private readonly byName = new Map<string, Map<string, number[]>>();
  private all: number[] = [];

  /** Refs must be added in increasing order, so every list stays sorted. */
  add(ref: number, labels: Labels): void {
    this.all.push(ref);
    for (const l of labels) {
      let values = this.byName.get(l.name);
      if (!values) this.byName.set(l.name, (values = new Map()));
      const list = values.get(l.value);
      if (list) list.push(ref);
      else values.set(l.value, [ref]);
    }
  }

  /** Removes a set of refs (after retention dropped their series). */
  remove(refs: ReadonlySet<number>): void {
    if (refs.size === 0) return;
    const keep = (r: number): boolean => !refs.has(r);
    this.all = this.all.filter(keep);
    for (const [name, values] of this.byName) {
      for (const [value, list] of values) {
        const next = list.filter(keep);
        if (next.length === 0) values.delete(value);
        else values.set(value, next);
      }
      if (values.size === 0) this.byName.delete(name);
    }
  }

  labelNames(): string[] {
    return [...this.byName.keys()].sort();
  }

  labelValues(name: string): string[] {
    return [...(this.byName.get(name)?.keys() ?? [])].sort();
  }

  /**
   * Refs of series matching every matcher. A matcher that matches the empty string also matches
   * series that lack the label, as in Prometheus, so it is applied by subtraction.
   */
  select(matchers: readonly LabelMatcher[]): number[] {
    const positive: number[][] = [];
    const negative: number[][] = [];
    for (const m of matchers) {
      const values = this.byName.get(m.name);
      if (matches(m, '')) {
        // Remove series that have the label with a value the matcher rejects.
        if (!values) continue;
        for (const [v, list] of values) if (!matches(m, v)) negative.push(list);
      } else {
        if (!values) return [];
        if (m.type === '=') {
          const list = values.get(m.value);
          if (!list) return [];
          positive.push(list);
          continue;
        }
        const lists: number[][] = [];
        for (const [v, list] of values) if (matches(m, v)) lists.push(list);
        if (lists.length === 0) return [];
        positive.push(union(lists));
      }
    }
    let result: number[];
    if (positive.length === 0) result = this.all;
    else {
      positive.sort((x, y) => x.length - y.length);
      result = positive[0]!;
      for (let i = 1; i < positive.length && result.length > 0; i++) result = intersect(result, positive[i]!);
    }
    if (negative.length > 0) {
      const drop = new Set<number>();
      for (const list of negative) for (const r of list) drop.add(r);
      result = result.filter((r) => !drop.has(r));
    }
    return result;
  }
}

function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out;
}

function union(lists: number[][]): number[] {
  if (lists.length === 1) return lists[0]!;
  const out: number[] = [];
  for (const l of lists) for (const r of l) out.push(r);
  out.sort((x, y) => x - y);
  return out;
}
