/**
 * The exec's stdin as programs read it. With a tty it is a terminal in cooked mode: keystrokes
 * echo back, backspace and Ctrl-U edit the line, Enter hands it over, Ctrl-C interrupts,
 * Ctrl-D on an empty line is end-of-file, and up/down recall earlier lines at the shell prompt.
 * Without a tty it is a plain byte stream split into lines.
 */
import type { Stdin } from './program-api';

type Event = { t: 'line'; s: string } | { t: 'eof' } | { t: 'intr' };

/** What readLine returns when Ctrl-C cancelled the line being typed. */
export const CANCELLED = Symbol('cancelled');

export class Terminal {
  private readonly events: Event[] = [];
  private current = '';
  private escape = '';
  private pending: ((e: Event) => void) | undefined;
  private shellReading = false;
  private ended = false;
  private interruptFlag = false;
  private readonly abortListeners = new Set<() => void>();
  private readonly history: string[] = [];
  private historyPos = 0;

  constructor(
    readonly tty: boolean,
    /** Writes bytes to the user's screen as they are (echo). */
    private readonly echo: (s: string) => void,
  ) {}

  input(data: string): void {
    if (!this.tty) {
      this.current += data;
      let nl = this.current.indexOf('\n');
      while (nl >= 0) {
        this.push({ t: 'line', s: this.current.slice(0, nl + 1) });
        this.current = this.current.slice(nl + 1);
        nl = this.current.indexOf('\n');
      }
      return;
    }
    for (const ch of data) this.key(ch);
  }

  endInput(): void {
    if (this.current !== '' && !this.tty) this.push({ t: 'line', s: this.current });
    this.current = '';
    this.ended = true;
    this.push({ t: 'eof' });
  }

  private key(ch: string): void {
    if (this.escape) {
      this.escape += ch;
      if (this.escape.length > 2 && /[A-Za-z~]/.test(ch)) {
        if (this.shellReading && (this.escape === '\x1b[A' || this.escape === '\x1b[B')) this.recall(this.escape === '\x1b[A' ? -1 : 1);
        this.escape = '';
      } else if (this.escape.length === 2 && ch !== '[' && ch !== 'O') this.escape = '';
      return;
    }
    switch (ch) {
      case '\x1b':
        this.escape = ch;
        return;
      case '\r':
      case '\n': {
        this.echo('\r\n');
        const line = this.current;
        this.current = '';
        if (line.trim() !== '' && this.shellReading) this.history.push(line);
        this.historyPos = this.history.length;
        this.push({ t: 'line', s: `${line}\n` });
        return;
      }
      case '\x7f':
      case '\b':
        if (this.current !== '') {
          this.current = [...this.current].slice(0, -1).join('');
          this.echo('\b \b');
        }
        return;
      case '\x15':
        this.echo('\b \b'.repeat([...this.current].length));
        this.current = '';
        return;
      case '\x03':
        this.echo('^C');
        this.current = '';
        if (this.shellReading) this.push({ t: 'intr' });
        else this.interrupt();
        return;
      case '\x04':
        if (this.current === '') this.push({ t: 'eof' });
        return;
      default:
        // Other control characters (Tab, Ctrl-L, ...) do nothing here.
        if (ch < ' ') return;
        this.current += ch;
        this.echo(ch);
    }
  }

  private recall(step: number): void {
    const pos = Math.min(Math.max(this.historyPos + step, 0), this.history.length);
    if (pos === this.historyPos) return;
    this.historyPos = pos;
    this.echo('\b \b'.repeat([...this.current].length));
    this.current = this.history[pos] ?? '';
    this.echo(this.current);
  }

  private push(e: Event): void {
    const waiter = this.pending;
    if (waiter) {
      this.pending = undefined;
      waiter(e);
    } else this.events.push(e);
  }

  private next(): Promise<Event> {
    const e = this.events.shift();
    if (e) return Promise.resolve(e);
    if (this.ended) return Promise.resolve({ t: 'eof' });
    return new Promise((resolve) => (this.pending = resolve));
  }

  /** The next line for the shell (with its newline), null at end of input, CANCELLED on Ctrl-C. */
  async readLine(): Promise<string | null | typeof CANCELLED> {
    this.shellReading = true;
    try {
      const e = await this.next();
      if (e.t === 'intr') return CANCELLED;
      return e.t === 'eof' ? null : e.s;
    } finally {
      this.shellReading = false;
    }
  }

  /** stdin for programs: lines as they are entered, null at Ctrl-D / EOF or when interrupted. */
  readonly stdin: Stdin = {
    read: async () => {
      if (this.interruptFlag) return null;
      const e = await this.next();
      return e.t === 'line' ? e.s : null;
    },
  };

  private interrupt(): void {
    this.interruptFlag = true;
    for (const fn of [...this.abortListeners]) fn();
    // A program blocked reading the terminal gets end-of-file.
    if (this.pending) this.push({ t: 'eof' });
  }

  interrupted(): boolean {
    return this.interruptFlag;
  }

  clearInterrupt(): void {
    this.interruptFlag = false;
  }

  /** Calls fn on Ctrl-C until the returned function is called. */
  onInterrupt(fn: () => void): () => void {
    this.abortListeners.add(fn);
    return () => this.abortListeners.delete(fn);
  }
}
