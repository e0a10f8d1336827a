/**
 * The POSIX shell grammar the simulated shells understand: lists (`;`, `&&`, `||`, newlines),
 * pipelines, redirections, quoting, `$VAR`/`${VAR}`/`$(...)`/`$((...))`, comments, and the
 * compound commands people type in tutorials (`for`, `while`/`until`, `if`, `{ }`, `( )`).
 * Input that stops in the middle (an open quote, a trailing `|`, a `do` without `done`) is
 * reported as incomplete so an interactive shell can ask for more with its `> ` prompt.
 */

export type WordPart =
  | { t: 'lit'; s: string; q: boolean }
  | { t: 'var'; name: string; q: boolean; op?: string; arg?: Word }
  | { t: 'sub'; src: string; q: boolean }
  | { t: 'arith'; src: string; q: boolean };

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&';
  target: Word;
}

export type Command =
  | { t: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redirect[]; line: number }
  | { t: 'for'; name: string; items?: Word[]; body: List; redirs: Redirect[] }
  | { t: 'while'; until: boolean; cond: List; body: List; redirs: Redirect[] }
  | { t: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List; redirs: Redirect[] }
  | { t: 'group'; body: List; subshell: boolean; redirs: Redirect[] };

export interface Pipeline {
  negate: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
}

export type List = AndOr[];

export class ParseError extends Error {
  /** `incomplete`: more input could finish it; otherwise `token` is what was unexpected. */
  constructor(
    readonly incomplete: boolean,
    readonly token: string,
  ) {
    super(incomplete ? 'unexpected end of input' : `unexpected token ${token}`);
  }
}

type Token = { t: 'word'; word: Word; raw: string } | { t: 'op'; op: string; fd?: number } | { t: 'nl' } | { t: 'eof' };

const OPERATORS = ['&&', '||', ';;', '>>', '>&', '<&', '&>', ';', '&', '|', '(', ')', '<', '>'];
const KEYWORDS = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in', '}', '{', '!', 'for', 'while', 'until', 'if']);
const SPECIAL_VARS = '?$#!@*-0123456789';

/** Finds the `)` closing a `$(` at src[start] (the char after the paren), skipping quotes. */
function matchParen(src: string, start: number): number {
  let depth = 1;
  for (let i = start; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === "'") {
      i = src.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (ch === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  throw new ParseError(true, '');
}

class Lexer {
  pos = 0;
  line = 1;

  constructor(private readonly src: string) {}

  next(): Token {
    const s = this.src;
    while (this.pos < s.length) {
      const ch = s[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.pos++;
      else if (ch === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (ch === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
    if (this.pos >= s.length) return { t: 'eof' };
    if (s[this.pos] === '\n') {
      this.pos++;
      this.line++;
      return { t: 'nl' };
    }
    // An fd number right before a redirection: `2>`, `2>>`, `2>&1`.
    const fdm = /^(\d)(>>|>&|<&|>|<)/.exec(s.slice(this.pos, this.pos + 4));
    if (fdm) {
      this.pos += fdm[0].length;
      return { t: 'op', op: fdm[2], fd: Number(fdm[1]) };
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', op };
      }
    }
    return this.word();
  }

  private word(): Token {
    const s = this.src;
    const start = this.pos;
    const parts: Word = [];
    const lit = (text: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.t === 'lit' && last.q === q) last.s += text;
      else parts.push({ t: 'lit', s: text, q });
    };
    while (this.pos < s.length) {
      const ch = s[this.pos];
      if (' \t\r\n;&|()<>'.includes(ch)) break;
      if (ch === '\\') {
        if (s[this.pos + 1] === '\n') this.pos += 2;
        else {
          if (this.pos + 1 < s.length) lit(s[this.pos + 1], true);
          this.pos += 2;
        }
      } else if (ch === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ParseError(true, '');
        lit(s.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (ch === '"') {
        this.pos++;
        lit('', true);
        while (true) {
          if (this.pos >= s.length) throw new ParseError(true, '');
          const c = s[this.pos];
          if (c === '"') break;
          if (c === '\\' && '$`"\\\n'.includes(s[this.pos + 1] ?? '')) {
            if (s[this.pos + 1] !== '\n') lit(s[this.pos + 1], true);
            this.pos += 2;
          } else if (c === '$' || c === '`') {
            const part = this.dollar(true);
            if (part) parts.push(part);
            else lit(c, true);
          } else {
            lit(c, true);
            this.pos++;
          }
        }
        this.pos++;
      } else if (ch === '$' || ch === '`') {
        const part = this.dollar(false);
        if (part) parts.push(part);
        else lit(ch, false);
      } else {
        lit(ch, false);
        this.pos++;
      }
    }
    for (const c of s.slice(start, this.pos)) if (c === '\n') this.line++;
    return { t: 'word', word: parts, raw: s.slice(start, this.pos) };
  }

  /** Reads `$...` or a backquote at pos; undefined (and pos past the `$`) when it is a plain `$`. */
  private dollar(q: boolean): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === '`') {
      const end = s.indexOf('`', this.pos + 1);
      if (end < 0) throw new ParseError(true, '');
      const src = s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { t: 'sub', src, q };
    }
    const next = s[this.pos + 1] ?? '';
    if (s.startsWith('$((', this.pos)) {
      const end = matchParen(s, this.pos + 2);
      const src = s.slice(this.pos + 3, end - 1);
      this.pos = end + 1;
      return { t: 'arith', src, q };
    }
    if (next === '(') {
      const end = matchParen(s, this.pos + 2);
      const src = s.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { t: 'sub', src, q };
    }
    if (next === '{') {
      const end = s.indexOf('}', this.pos + 2);
      if (end < 0) throw new ParseError(true, '');
      const body = s.slice(this.pos + 2, end);
      this.pos = end + 1;
      if (body.startsWith('#') && body.length > 1) return { t: 'var', name: body.slice(1), q, op: '#' };
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!@*0-9])(:?[-=+?])?([\s\S]*)$/.exec(body);
      if (!m) return { t: 'var', name: body, q, op: 'bad' };
      if (!m[2]) return { t: 'var', name: m[1], q };
      return { t: 'var', name: m[1], q, op: m[2], arg: new Lexer(m[3]).wordOnly() };
    }
    if (/[A-Za-z_]/.test(next)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1));
      const name = m?.[0] ?? next;
      this.pos += 1 + name.length;
      return { t: 'var', name, q };
    }
    if (next !== '' && SPECIAL_VARS.includes(next)) {
      this.pos += 2;
      return { t: 'var', name: next, q };
    }
    this.pos++;
    return undefined;
  }

  /** The whole source as one word (for `${VAR:-default words}`). */
  wordOnly(): Word {
    const parts: Word = [];
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '$') {
        const part = this.dollar(false);
        parts.push(part ?? { t: 'lit', s: '$', q: false });
      } else {
        parts.push({ t: 'lit', s: ch, q: false });
        this.pos++;
      }
    }
    return parts;
  }
}

class Parser {
  private tok: Token;
  private readonly lexer: Lexer;

  constructor(src: string) {
    this.lexer = new Lexer(src);
    this.tok = this.lexer.next();
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  /** The current token's type (a method, so TypeScript does not keep a stale narrowing). */
  private at(t: Token['t']): boolean {
    return this.tok.t === t;
  }

  private isOp(op: string): boolean {
    return this.tok.t === 'op' && this.tok.op === op && this.tok.fd === undefined;
  }

  private isKeyword(k: string): boolean {
    return this.tok.t === 'word' && this.tok.raw === k;
  }

  private describe(t: Token): string {
    if (t.t === 'word') return t.raw;
    if (t.t === 'op') return t.op;
    return t.t === 'nl' ? 'newline' : 'end of file';
  }

  private fail(): never {
    if (this.tok.t === 'eof') throw new ParseError(true, '');
    throw new ParseError(false, this.describe(this.tok));
  }

  private skipNewlines(): void {
    while (this.tok.t === 'nl') this.advance();
  }

  parseProgram(): List {
    const list = this.list(new Set());
    if (this.tok.t !== 'eof') this.fail();
    return list;
  }

  /** Commands until one of the `stop` keywords (or `)`, or the end). */
  private list(stop: Set<string>): List {
    const out: List = [];
    this.skipNewlines();
    while (this.tok.t !== 'eof') {
      if (this.tok.t === 'word' && stop.has(this.tok.raw)) break;
      if (this.isOp(')')) break;
      out.push(this.andOr());
      if (this.isOp(';') || this.isOp('&') || this.tok.t === 'nl') this.advance();
      else if (!(this.at('eof') || this.isOp(')') || (this.tok.t === 'word' && stop.has(this.tok.raw)))) this.fail();
      this.skipNewlines();
    }
    return out;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.advance() as { op: '&&' | '||' }).op;
      this.skipNewlines();
      rest.push({ op, p: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.isKeyword('!')) {
      this.advance();
      negate = true;
    }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.advance();
      this.skipNewlines();
      cmds.push(this.command());
    }
    return { negate, cmds };
  }

  private expectKeyword(k: string): void {
    if (!this.isKeyword(k)) this.fail();
    this.advance();
  }

  private command(): Command {
    const t = this.tok;
    if (t.t === 'word' && t.word.length === 1 && t.word[0].t === 'lit' && !t.word[0].q) {
      switch (t.raw) {
        case 'for': return this.withRedirs(this.forCommand());
        case 'while':
        case 'until': return this.withRedirs(this.whileCommand(t.raw === 'until'));
        case 'if': return this.withRedirs(this.ifCommand());
        case '{': {
          this.advance();
          const body = this.list(new Set(['}']));
          this.expectKeyword('}');
          return this.withRedirs({ t: 'group', body, subshell: false, redirs: [] });
        }
        default:
          if (KEYWORDS.has(t.raw)) this.fail();
      }
    }
    if (this.isOp('(')) {
      this.advance();
      const body = this.list(new Set());
      if (!this.isOp(')')) this.fail();
      this.advance();
      return this.withRedirs({ t: 'group', body, subshell: true, redirs: [] });
    }
    return this.simple();
  }

  private withRedirs<C extends Command>(cmd: C): C {
    while (this.tok.t === 'op' && this.redirOp()) cmd.redirs.push(this.redirect());
    return cmd;
  }

  private redirOp(): boolean {
    return this.tok.t === 'op' && ['>', '>>', '<', '>&', '<&', '&>'].includes(this.tok.op);
  }

  private redirect(): Redirect {
    const t = this.advance() as { op: string; fd?: number };
    if (this.tok.t !== 'word') this.fail();
    const target = (this.advance() as { word: Word }).word;
    if (t.op === '&>') return { fd: -1, op: '>', target };
    const op = t.op as Redirect['op'];
    return { fd: t.fd ?? (op === '<' || op === '<&' ? 0 : 1), op, target };
  }

  private simple(): Command {
    const cmd: Command & { t: 'simple' } = { t: 'simple', assigns: [], words: [], redirs: [], line: this.lexer.line };
    while (true) {
      if (this.redirOp()) {
        cmd.redirs.push(this.redirect());
        continue;
      }
      if (this.tok.t !== 'word') break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(this.tok.raw);
      const first = this.tok.word[0];
      if (cmd.words.length === 0 && m && first?.t === 'lit' && !first.q && first.s.startsWith(`${m[1]}=`)) {
        const word = this.advance() as { word: Word };
        const value: Word = [{ ...first, s: first.s.slice(m[0].length) }, ...word.word.slice(1)];
        cmd.assigns.push({ name: m[1], value });
        continue;
      }
      cmd.words.push((this.advance() as { word: Word }).word);
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0) this.fail();
    return cmd;
  }

  private forCommand(): Command {
    this.advance();
    if (this.tok.t !== 'word') this.fail();
    const name = (this.advance() as { raw: string }).raw;
    let items: Word[] | undefined;
    this.skipNewlines();
    if (this.isKeyword('in')) {
      this.advance();
      items = [];
      while (this.tok.t === 'word') items.push((this.advance() as { word: Word }).word);
    }
    if (this.isOp(';') || this.at('nl')) this.advance();
    this.skipNewlines();
    this.expectKeyword('do');
    const body = this.list(new Set(['done']));
    this.expectKeyword('done');
    return { t: 'for', name, items, body, redirs: [] };
  }

  private whileCommand(until: boolean): Command {
    this.advance();
    const cond = this.list(new Set(['do']));
    this.expectKeyword('do');
    const body = this.list(new Set(['done']));
    this.expectKeyword('done');
    return { t: 'while', until, cond, body, redirs: [] };
  }

  private ifCommand(): Command {
    this.advance();
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    while (true) {
      const cond = this.list(new Set(['then']));
      this.expectKeyword('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      clauses.push({ cond, body });
      if (this.isKeyword('elif')) {
        this.advance();
        continue;
      }
      if (this.isKeyword('else')) {
        this.advance();
        otherwise = this.list(new Set(['fi']));
      }
      this.expectKeyword('fi');
      return { t: 'if', clauses, otherwise, redirs: [] };
    }
  }
}

export function parse(src: string): List {
  return new Parser(src).parseProgram();
}
