/**
 * Prometheus label regexes are Go RE2 expressions anchored at both ends. We run them on the
 * JavaScript engine as `^(?:re)$` after rewriting the few RE2 spellings JavaScript lacks.
 *
 * Supported rewrites: a leading `(?i)`, `(?s)` or `(?is)` flag group (becomes a RegExp flag),
 * `(?P<name>` named groups, `\z` and `\A`, and POSIX classes such as `[[:alpha:]]` inside brackets.
 * Not supported (rejected with an error): inline flags anywhere but the start, `\Q...\E`,
 * `\C`, and Unicode class names beyond what JavaScript's `\p{...}` accepts. Matching is done
 * on UTF-16 code units, so `.` on an astral character differs from Go (which matches runes).
 */
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export class RegexSyntaxError extends Error {}

/** Translates an RE2 pattern to a JavaScript RegExp source and flags (unanchored). */
export function translateRe2(pattern: string): { source: string; flags: string } {
  let src = pattern;
  let flags = '';
  const lead = /^\(\?([is]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('i')) flags += 'i';
    if (lead[1]!.includes('s')) flags += 's';
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw new RegexSyntaxError('trailing backslash at end of expression');
      if (n === 'z') out += '$';
      else if (n === 'A') out += '^';
      else if (n === 'Q' || n === 'C') throw new RegexSyntaxError(`unsupported escape \\${n}`);
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      if (posix) {
        const body = POSIX[posix[2]!];
        if (body === undefined) throw new RegexSyntaxError(`invalid character class range: ${posix[0]}`);
        if (posix[1]) throw new RegexSyntaxError(`unsupported negated POSIX class ${posix[0]}`);
        out += body;
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal in RE2.
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      if (src[i + 2] === 'P' && src[i + 3] === '<') {
        out += '(?<';
        i += 3;
        continue;
      }
      if (src[i + 2] === ':' || src[i + 2] === '<' || src[i + 2] === '=' || src[i + 2] === '!') {
        if (src[i + 2] === '=' || src[i + 2] === '!') {
          throw new RegexSyntaxError('invalid or unsupported Perl syntax: `(?' + src[i + 2] + '`');
        }
        out += '(?';
        i += 1;
        continue;
      }
      throw new RegexSyntaxError('unsupported inline flags in regex: ' + src.slice(i, i + 6));
    }
    out += c;
  }
  return { source: out, flags };
}

/** Compiles a fully anchored matcher regex (`^(?:re)$`), as Prometheus does. */
export function compileAnchored(pattern: string): RegExp {
  const { source, flags } = translateRe2(pattern);
  try {
    return new RegExp('^(?:' + source + ')$', flags);
  } catch (e) {
    throw new RegexSyntaxError(e instanceof Error ? e.message : String(e));
  }
}
