/**
 * Go's fmt output for the values that appear in apiserver messages (field.Error bad values,
 * immutable-field errors, ...), so our messages read exactly like kube-apiserver's.
 */

/**
 * A value whose Go rendering the caller already knows, e.g. a typed struct printed with `%#v`
 * (`v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}`).
 */
export class GoLiteral {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function goLiteral(text: string): GoLiteral {
  return new GoLiteral(text);
}

/** Go's strconv.Quote (what `%q` prints): printable runes kept, others escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Go's `%v` of a number: whole numbers as int64 (typed API fields are integers), others as a
 * float64 in shortest form with an exponent below 1e-4 or from 1e6 (`1.2345675e+06`).
 */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mantissa, exp] = n.toExponential().split('e');
  const e = Number(exp);
  if (e >= -4 && e < 6) return String(n);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Go's `%#v` of a []string. */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (values === undefined) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** Go's `%#v` of a map[string]string (keys sorted, as fmt does). */
export function goStringMap(m: Readonly<Record<string, string>> | undefined): string {
  if (m === undefined) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
}

function isStringArray(v: unknown[]): v is string[] {
  return v.every((x) => typeof x === 'string');
}

function isStringRecord(v: object): v is Record<string, string> {
  return Object.values(v).every((x) => typeof x === 'string');
}

/**
 * How field.Error prints a bad value after the type name (`Invalid value: <here>`): strings quoted,
 * numbers and booleans bare, nil as "null", string slices and maps as `%#v`; GoLiteral verbatim.
 */
export function goBadValue(value: unknown): string {
  if (value instanceof GoLiteral) return value.text;
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (isStringArray(value)) return goStringSlice(value);
    return `[]interface {}{${value.map(goInterface).join(', ')}}`;
  }
  if (typeof value === 'object' && isStringRecord(value)) return goStringMap(value);
  return `map[string]interface {}{${Object.keys(value as object)
    .sort()
    .map((k) => `${goQuote(k)}:${goInterface((value as Record<string, unknown>)[k])}`)
    .join(', ')}}`;
}

/** Go's `%#v` of a value held in an interface{} (decoded from JSON). */
function goInterface(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}` : goNumber(v);
  if (typeof v === 'boolean') return String(v);
  return goBadValue(v);
}

/**
 * Go's `%#v` of a *metav1.LabelSelector after field.Error dereferences it, e.g.
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
 */
export function goLabelSelector(sel: unknown): GoLiteral {
  if (sel === null || sel === undefined || typeof sel !== 'object') return goLiteral('"null"');
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key?: string; operator?: string; values?: string[] }[] };
  const exprs =
    s.matchExpressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${s.matchExpressions
          .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
          .join(', ')}}`;
  return goLiteral(`v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`);
}

/** Go's String() of a metav1.Time (a time.Time), as immutable-field errors print timestamps. */
export function goTime(value: unknown): GoLiteral {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return goLiteral('0001-01-01 00:00:00 +0000 UTC');
  const iso = new Date(Date.parse(value)).toISOString();
  const [date, time] = iso.split('T');
  return goLiteral(`${date} ${time.replace(/\.000Z$/, '').replace(/Z$/, '')} +0000 UTC`);
}

/** time.Duration.String for durations under an hour: `512ms`, `1.234s`, `2m3.5s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Number(ms.toFixed(6))}ms`;
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Number((totalSeconds - minutes * 60).toFixed(9));
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
