/**
 * Word expansion as a POSIX shell does it: parameters (`$X`, `${X:-d}`, `${#X}`), command
 * substitution, arithmetic, then field splitting of unquoted results and pathname globbing
 * against the session's filesystem.
 */
import { absolute, type FileSystem } from './file-system';
import type { Word } from './parser';

export interface Expander {
  /** A variable's value, or undefined when unset. */
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  /** Runs a command substitution and returns its stdout. */
  substitute(src: string): Promise<string>;
  fs: FileSystem;
  cwd: string;
  home: string;
}

/** One piece of an expanded word: `split` pieces came from unquoted expansions. */
interface Piece {
  s: string;
  quoted: boolean;
  split: boolean;
}

async function pieces(word: Word, x: Expander): Promise<Piece[]> {
  const out: Piece[] = [];
  for (let i = 0; i < word.length; i++) {
    const part = word[i];
    if (part.t === 'lit') {
      let s = part.s;
      // Tilde expansion: an unquoted ~ that starts the word.
      if (i === 0 && !part.q && (s === '~' || s.startsWith('~/'))) s = x.home + s.slice(1);
      out.push({ s, quoted: part.q, split: false });
    } else if (part.t === 'var') {
      out.push({ s: await variable(part, x), quoted: part.q, split: !part.q });
    } else if (part.t === 'sub') {
      const s = (await x.substitute(part.src)).replace(/\n+$/, '');
      out.push({ s, quoted: part.q, split: !part.q });
    } else {
      out.push({ s: String(arithmetic(part.src, x)), quoted: part.q, split: !part.q });
    }
  }
  return out;
}

async function variable(part: Extract<Word[number], { t: 'var' }>, x: Expander): Promise<string> {
  const value = x.lookup(part.name);
  switch (part.op) {
    case undefined: return value ?? '';
    case '#': return String((value ?? '').length);
    case ':-': return value ? value : await expandString(part.arg ?? [], x);
    case '-': return value !== undefined ? value : await expandString(part.arg ?? [], x);
    case ':=':
    case '=': {
      if (value && part.op === ':=') return value;
      if (value !== undefined && part.op === '=') return value;
      const d = await expandString(part.arg ?? [], x);
      x.assign(part.name, d);
      return d;
    }
    case ':+': return value ? await expandString(part.arg ?? [], x) : '';
    case '+': return value !== undefined ? await expandString(part.arg ?? [], x) : '';
    default: return value ?? '';
  }
}

/** Expands without splitting or globbing (assignments, redirection targets, here the whole word is one field). */
export async function expandString(word: Word, x: Expander): Promise<string> {
  return (await pieces(word, x)).map((p) => p.s).join('');
}

/** Expands words into the fields a command receives. */
export async function expandWords(words: Word[], x: Expander): Promise<string[]> {
  const fields: string[] = [];
  for (const word of words) {
    let cur: { s: string; glob: string; any: boolean } | undefined;
    const flush = () => {
      if (cur) fields.push(...glob(cur.s, cur.glob, x));
      cur = undefined;
    };
    for (const p of await pieces(word, x)) {
      if (!p.split) {
        cur ??= { s: '', glob: '', any: false };
        cur.s += p.s;
        cur.glob += p.quoted ? p.s.replace(/[*?[\\]/g, '\\$&') : p.s;
        continue;
      }
      const parts = p.s.split(/[ \t\n]+/);
      parts.forEach((f, i) => {
        if (i > 0) flush();
        if (f === '' && (i === 0 || i === parts.length - 1)) return;
        cur ??= { s: '', glob: '', any: false };
        cur.s += f;
        cur.glob += f;
      });
    }
    // A word of only quotes (`""`) is an empty field; an unquoted empty expansion is none.
    if (!cur && word.some((p) => p.q)) cur = { s: '', glob: '', any: false };
    flush();
  }
  return fields;
}

function hasMagic(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if ('*?['.includes(pattern[i])) return true;
  }
  return false;
}

function patternToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Pathname expansion; a pattern that matches nothing stays as typed (POSIX default). */
export function globPath(pattern: string, x: Pick<Expander, 'fs' | 'cwd'>): string[] {
  const abs = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p !== '');
  let matches = [abs ? '/' : ''];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of matches) {
      const join = (name: string) => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasMagic(part)) {
        const lit = part.replace(/\\(.)/g, '$1');
        if (x.fs.exists(absolute(x.cwd, join(lit)))) next.push(join(lit));
        continue;
      }
      const re = patternToRegExp(part);
      let entries: string[];
      try {
        entries = x.fs.list(absolute(x.cwd, base || '.')).map(([n]) => n);
      } catch {
        continue;
      }
      for (const name of entries.sort()) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(join(name));
      }
    }
    matches = next;
  }
  return matches;
}

function glob(plain: string, pattern: string, x: Expander): string[] {
  if (!hasMagic(pattern)) return [plain];
  const found = globPath(pattern, x);
  return found.length > 0 ? found : [plain];
}

/** `$(( ))`: integers, + - * / % ( ), comparisons, and variable names. */
export function arithmetic(src: string, x: Pick<Expander, 'lookup'>): number {
  const tokens = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = orExpr();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === undefined) return 0;
    if (/^\d/.test(t)) return Number(t);
    return Number(x.lookup(t) ?? 0) || 0;
  };
  const binary = (ops: string[], next: () => number) => (): number => {
    let v = next();
    while (ops.includes(peek() ?? '')) {
      const op = tokens[i++];
      const r = next();
      switch (op) {
        case '*': v *= r; break;
        case '/': v = r === 0 ? 0 : Math.trunc(v / r); break;
        case '%': v = r === 0 ? 0 : v % r; break;
        case '+': v += r; break;
        case '-': v -= r; break;
        case '<': v = Number(v < r); break;
        case '>': v = Number(v > r); break;
        case '<=': v = Number(v <= r); break;
        case '>=': v = Number(v >= r); break;
        case '==': v = Number(v === r); break;
        case '!=': v = Number(v !== r); break;
        case '&&': v = Number(Boolean(v) && Boolean(r)); break;
        case '||': v = Number(Boolean(v) || Boolean(r)); break;
      }
    }
    return v;
  };
  const mul = binary(['*', '/', '%'], primary);
  const add = binary(['+', '-'], mul);
  const cmp = binary(['<', '>', '<=', '>='], add);
  const eq = binary(['==', '!='], cmp);
  const and = binary(['&&'], eq);
  const orExpr = binary(['||'], and);
  return orExpr();
}
