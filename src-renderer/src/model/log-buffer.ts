/**
 * The lines of a log as it streams in: text arrives in chunks that split lines anywhere (even
 * inside a character, which the decoder before us already handles), so the unfinished last line
 * is held back until its newline comes. Only the last `capacity` lines are kept, so a chatty
 * container followed for hours costs the same memory as one followed for a minute.
 */
export const DEFAULT_LOG_CAPACITY = 5000;

export class LogBuffer {
  private kept: string[] = [];
  private partial = '';
  /** Lines dropped from the front to stay within capacity. */
  dropped = 0;

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {}

  /** Adds a chunk of text; returns true when complete lines were added. */
  push(text: string): boolean {
    if (!text) return false;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    if (parts.length === 0) return false;
    for (const p of parts) this.kept.push(p.endsWith('\r') ? p.slice(0, -1) : p);
    this.trim();
    return true;
  }

  /** The stream ended: an unfinished last line counts as a line. */
  end(): void {
    if (!this.partial) return;
    this.kept.push(this.partial);
    this.partial = '';
    this.trim();
  }

  clear(): void {
    this.kept = [];
    this.partial = '';
    this.dropped = 0;
  }

  /** The complete lines kept, oldest first (a copy). */
  lines(): string[] {
    return this.kept.slice();
  }

  get size(): number {
    return this.kept.length;
  }

  private trim(): void {
    const over = this.kept.length - this.capacity;
    if (over > 0) {
      this.kept.splice(0, over);
      this.dropped += over;
    }
  }
}

/** The lines containing `needle`, ignoring case; all of them for an empty needle. */
export function filterLines(lines: readonly string[], needle: string): readonly string[] {
  const n = needle.trim().toLowerCase();
  if (!n) return lines;
  return lines.filter((l) => l.toLowerCase().includes(n));
}

/** A file name for a downloaded log: `<pod>_<container>[_previous].log`, safe on every OS. */
export function logFileName(pod: string, container: string, previous: boolean): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe(pod)}_${safe(container)}${previous ? '_previous' : ''}.log`;
}
