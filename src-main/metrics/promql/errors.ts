/** Errors with the wording Prometheus uses, so messages can be compared and searched. */

/** A syntax or type error. `message` reads like Prometheus's: `1:6: parse error: ...`. */
export class ParseError extends Error {
  constructor(
    readonly query: string,
    readonly pos: number,
    readonly detail: string,
  ) {
    super(`${positionString(query, pos)} parse error: ${detail}`);
    this.name = 'ParseError';
  }
}

/** An error found while evaluating, e.g. `found duplicate series for the match group ...`. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

/** `line:col:` of a character offset, 1-based, counting lines as Prometheus does. */
export function positionString(query: string, pos: number): string {
  if (pos < 0 || pos > query.length) return 'invalid position:';
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < pos; i++) {
    if (query[i] === '\n') {
      line++;
      lastBreak = i;
    }
  }
  return `${line}:${pos - lastBreak}:`;
}
