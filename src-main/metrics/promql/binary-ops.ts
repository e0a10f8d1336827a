/** Binary operators: arithmetic, comparisons (with and without `bool`), and/or/unless, matching. */
import { COMPARISON_OPS, type BinaryOp, type VectorMatching } from './ast';
import { EvalError } from './errors';
import { filterLabels, getLabel, keyFor, labelsKey, labelsString, METRIC_NAME, setLabel, withoutName, type Labels } from '../tsdb/labels';
import type { Sample } from './values';

const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%', '^']);

/** Go's math.Mod: result has the sign of x. JavaScript's % agrees, including NaN/Inf cases. */
function goMod(x: number, y: number): number {
  return x % y;
}

/** Go's math.Pow agrees with JavaScript's except that 1^NaN and 1^±Inf are 1 in Go, and (-1)^±Inf is 1. */
function goPow(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  if (y === 0) return 1;
  return Math.pow(x, y);
}

/** Applies op to two floats; comparisons return [lhs, keep]. */
function elemOp(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case '+': return [l + r, true];
    case '-': return [l - r, true];
    case '*': return [l * r, true];
    case '/': return [l / r, true];
    case '%': return [goMod(l, r), true];
    case '^': return [goPow(l, r), true];
    case 'atan2': return [Math.atan2(l, r), true];
    case '==': return [l, l === r];
    case '!=': return [l, l !== r];
    case '>': return [l, l > r];
    case '<': return [l, l < r];
    case '>=': return [l, l >= r];
    case '<=': return [l, l <= r];
    default: throw new EvalError(`operator ${JSON.stringify(op)} not allowed for operations between Vectors`);
  }
}

export function scalarBinop(op: BinaryOp, l: number, r: number): number {
  const [v, keep] = elemOp(op, l, r);
  return COMPARISON_OPS.has(op) ? (keep ? 1 : 0) : v;
}

export function vectorScalarBinop(op: BinaryOp, vec: readonly Sample[], scalar: number, swap: boolean, returnBool: boolean, t: number): Sample[] {
  const out: Sample[] = [];
  const cmp = COMPARISON_OPS.has(op);
  for (const s of vec) {
    const [l, r] = swap ? [scalar, s.v] : [s.v, scalar];
    let [v, keep] = elemOp(op, l, r);
    if (cmp && swap) v = r;
    if (returnBool) {
      v = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    const metric = ARITHMETIC.has(op) || returnBool ? withoutName(s.metric) : s.metric;
    out.push({ metric, t, v });
  }
  return out;
}

/** Computes the matching signature of a series (cached per label set by the caller). */
export function signatureFn(m: VectorMatching): (l: Labels) => string {
  if (m.on) {
    const names = new Set(m.labels);
    return (l) => keyFor(l, names, true);
  }
  const names = new Set([...m.labels, METRIC_NAME]);
  return (l) => keyFor(l, names, false);
}

export const DEFAULT_MATCHING: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };

export function setBinop(op: 'and' | 'or' | 'unless', lhs: readonly Sample[], rhs: readonly Sample[], sig: (l: Labels) => string): Sample[] {
  if (op === 'and') {
    if (lhs.length === 0 || rhs.length === 0) return [];
    const right = new Set(rhs.map((s) => sig(s.metric)));
    return lhs.filter((s) => right.has(sig(s.metric)));
  }
  if (op === 'or') {
    if (lhs.length === 0) return rhs.slice();
    if (rhs.length === 0) return lhs.slice();
    const left = new Set(lhs.map((s) => sig(s.metric)));
    return lhs.concat(rhs.filter((s) => !left.has(sig(s.metric))));
  }
  if (lhs.length === 0 || rhs.length === 0) return lhs.slice();
  const right = new Set(rhs.map((s) => sig(s.metric)));
  return lhs.filter((s) => !right.has(sig(s.metric)));
}

function matchLabels(l: Labels, m: VectorMatching): Labels {
  if (m.on) return filterLabels(l, new Set(m.labels), true);
  return filterLabels(l, new Set([...m.labels, METRIC_NAME]), false);
}

function resultMetric(l: Labels, r: Labels, op: BinaryOp, m: VectorMatching): Labels {
  let out = l;
  if (ARITHMETIC.has(op)) out = withoutName(out);
  if (m.card === 'one-to-one') out = filterLabels(out, new Set(m.labels), m.on);
  for (const name of m.include) out = setLabel(out, name, getLabel(r, name));
  return out;
}

/** Arithmetic and comparison between two vectors with one-to-one or many-to-one/one-to-many matching. */
export function vectorBinop(op: BinaryOp, lhsIn: readonly Sample[], rhsIn: readonly Sample[], m: VectorMatching, returnBool: boolean, sig: (l: Labels) => string, t: number): Sample[] {
  if (lhsIn.length === 0 || rhsIn.length === 0) return [];
  const oneToMany = m.card === 'one-to-many';
  const [lhs, rhs] = oneToMany ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const right = new Map<string, Sample>();
  for (const rs of rhs) {
    const s = sig(rs.metric);
    const dup = right.get(s);
    if (dup) {
      const side = oneToMany ? 'left' : 'right';
      throw new EvalError(
        `found duplicate series for the match group ${labelsString(matchLabels(rs.metric, m))} on the ${side} hand-side of the operation: ` +
          `[${labelsString(rs.metric)}, ${labelsString(dup.metric)}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    right.set(s, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const s = sig(ls.metric);
    const rs = right.get(s);
    if (!rs) continue;
    const [vl, vr] = oneToMany ? [rs.v, ls.v] : [ls.v, rs.v];
    const [value, keep] = elemOp(op, vl, vr);
    let v = value;
    if (returnBool) v = keep ? 1 : 0;
    else if (!keep) continue;
    let metric = resultMetric(ls.metric, rs.metric, op, m);
    if (returnBool) metric = withoutName(metric);
    if (m.card === 'one-to-one') {
      if (matched.has(s)) throw new EvalError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      matched.set(s, null);
    } else {
      let inserted = matched.get(s);
      if (!inserted) matched.set(s, (inserted = new Set()));
      const mk = labelsKey(metric);
      if (inserted.has(mk)) throw new EvalError('multiple matches for labels: grouping labels must ensure unique matches');
      inserted.add(mk);
    }
    out.push({ metric, t, v });
  }
  return out;
}
