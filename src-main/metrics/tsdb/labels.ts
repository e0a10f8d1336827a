/**
 * Label sets. A series is named by its labels, `__name__` included. A `Labels` value is an array
 * of name/value pairs sorted by name with unique names, so two equal sets have equal keys and
 * compare the way Prometheus orders series (pair by pair, then by length).
 */
export interface Label {
  readonly name: string;
  readonly value: string;
}

export type Labels = readonly Label[];

export const METRIC_NAME = '__name__';

const EMPTY: Labels = Object.freeze([]);

export function emptyLabels(): Labels {
  return EMPTY;
}

/** Builds a sorted label set from a plain record; empty values are dropped as in Prometheus. */
export function labelsFromRecord(rec: Readonly<Record<string, string>>): Labels {
  const out: Label[] = [];
  for (const name of Object.keys(rec)) {
    const value = rec[name];
    if (value !== undefined && value !== '') out.push({ name, value });
  }
  out.sort((a, b) => cmpStr(a.name, b.name));
  return out;
}

export function labelsToRecord(ls: Labels): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const l of ls) rec[l.name] = l.value;
  return rec;
}

export function getLabel(ls: Labels, name: string): string {
  for (const l of ls) if (l.name === name) return l.value;
  return '';
}

/** Plain code-unit comparison, matching Go's byte-wise string order for ASCII names. */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name) return cmpStr(x.name, y.name);
    if (x.value !== y.value) return cmpStr(x.value, y.value);
  }
  return a.length - b.length;
}

const SEP = '\xff';

/** A string that identifies the label set; equal sets give equal keys. */
export function labelsKey(ls: Labels): string {
  let s = '';
  for (const l of ls) s += l.name + SEP + l.value + SEP;
  return s;
}

/** Key over only the named labels (`on`) or over all but the named labels (`ignoring`). */
export function keyFor(ls: Labels, names: ReadonlySet<string>, include: boolean): string {
  let s = '';
  for (const l of ls) {
    if (names.has(l.name) === include) s += l.name + SEP + l.value + SEP;
  }
  return s;
}

/** Copies a set keeping (include=true) or dropping (include=false) the given names. */
export function filterLabels(ls: Labels, names: ReadonlySet<string>, include: boolean): Labels {
  return ls.filter((l) => names.has(l.name) === include);
}

export function withoutName(ls: Labels): Labels {
  for (const l of ls) {
    if (l.name === METRIC_NAME) return ls.filter((x) => x.name !== METRIC_NAME);
  }
  return ls;
}

/** Returns a copy with name set to value (or removed when value is empty). */
export function setLabel(ls: Labels, name: string, value: string): Labels {
  const out: Label[] = [];
  let done = false;
  for (const l of ls) {
    if (!done && l.name >= name) {
      if (value !== '') out.push({ name, value });
      done = true;
      if (l.name === name) continue;
    }
    out.push(l);
  }
  if (!done && value !== '') out.push({ name, value });
  return out;
}

/** Prometheus's text form: `name{a="1", b="2"}` is written here as `{__name__="name", a="1"}`. */
export function labelsString(ls: Labels): string {
  return '{' + ls.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ') + '}';
}

/** The short form used in promtool output and test diffs: `name{a="1"}`. */
export function metricString(ls: Labels): string {
  const name = getLabel(ls, METRIC_NAME);
  const rest = ls.filter((l) => l.name !== METRIC_NAME);
  if (rest.length === 0 && name !== '') return name;
  return name + '{' + rest.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ') + '}';
}

export function isValidLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}

export function isValidMetricName(name: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);
}
