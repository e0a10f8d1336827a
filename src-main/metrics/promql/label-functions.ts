/** label_replace and label_join. */
import { getLabel, isValidLabelName, setLabel } from '../tsdb/labels';
import { compileAnchored } from '../tsdb/regex';
import { EvalError } from './errors';
import type { Sample } from './values';

/**
 * Expands a Go regexp template: `$1`, `${1}`, `$name`, `${name}`, `$$`. As in Go, `$name` takes
 * the longest run of letters, digits and underscores, so `$1x` refers to a group named "1x".
 */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = template.slice(i + 1);
    if (rest.startsWith('$')) {
      out += '$';
      i++;
      continue;
    }
    const br = /^\{([A-Za-z0-9_]+)\}/.exec(rest);
    const bare = /^[A-Za-z0-9_]+/.exec(rest);
    const name = br ? br[1]! : bare ? bare[0] : null;
    if (name === null) {
      out += '$';
      continue;
    }
    i += br ? br[0].length : name.length;
    if (/^\d+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out;
}

export function labelReplace(vec: readonly Sample[], dst: string, repl: string, src: string, regex: string): Sample[] {
  let re: RegExp;
  try {
    re = compileAnchored(regex);
  } catch {
    throw new EvalError(`invalid regular expression in label_replace(): ${regex}`);
  }
  if (!isValidLabelName(dst)) throw new EvalError(`invalid destination label name in label_replace(): ${dst}`);
  return vec.map((s) => {
    const m = re.exec(getLabel(s.metric, src));
    if (!m) return s;
    return { metric: setLabel(s.metric, dst, expandTemplate(repl, m)), t: s.t, v: s.v };
  });
}

export function labelJoin(vec: readonly Sample[], dst: string, sep: string, srcs: readonly string[]): Sample[] {
  for (const s of srcs) if (!isValidLabelName(s)) throw new EvalError(`invalid source label name in label_join(): ${s}`);
  if (!isValidLabelName(dst)) throw new EvalError(`invalid destination label name in label_join(): ${dst}`);
  return vec.map((s) => ({ metric: setLabel(s.metric, dst, srcs.map((n) => getLabel(s.metric, n)).join(sep)), t: s.t, v: s.v }));
}
