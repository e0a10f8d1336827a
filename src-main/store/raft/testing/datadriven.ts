/**
 * The script format of the Raft behaviour tests, after cockroachdb/datadriven as etcd-io/raft
 * uses it:
 *
 *     # a comment
 *     command arg key=value key=(1,2,3)
 *     ----
 *     expected output
 *     (a blank line ends the case)
 *
 * parseScript keeps comments and blank lines, so that rewriting a file with new outputs
 * (UPDATE_GOLDEN=1) changes nothing else.
 */

export interface CommandArg {
  readonly key: string;
  /** Values of key=value or key=(a,b); empty for a bare word. */
  readonly values: readonly string[];
}

export interface TestCase {
  readonly line: number;
  readonly command: string;
  readonly args: readonly CommandArg[];
  /** The command line itself and any input lines below it. */
  readonly input: readonly string[];
  readonly expected: string;
}

export type ScriptChunk = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'case'; readonly tc: TestCase };

const SEPARATOR = '----';

export function parseScript(text: string, file: string): ScriptChunk[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const chunks: ScriptChunk[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) {
      chunks.push({ kind: 'text', text: line });
      i++;
      continue;
    }
    const start = i;
    const input: string[] = [];
    while (i < lines.length && lines[i] !== SEPARATOR) {
      if (lines[i].trim() === '') throw new Error(`${file}:${i + 1}: a command needs a "${SEPARATOR}" line before the blank line`);
      input.push(lines[i]);
      i++;
    }
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: command "${line}" has no "${SEPARATOR}" line`);
    i++; // the separator
    const out: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') out.push(lines[i++]);
    const [command, ...args] = splitArgs(input[0]);
    chunks.push({ kind: 'case', tc: { line: start + 1, command, args: args.map(parseArg), input, expected: out.join('\n') } });
  }
  return chunks;
}

/** Splits on spaces outside parentheses: `add-nodes 3 voters=(1, 2)` keeps the list whole. */
function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of line.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ' ' && depth === 0) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

function parseArg(word: string): CommandArg {
  const eq = word.indexOf('=');
  if (eq < 0) return { key: word, values: [] };
  const key = word.slice(0, eq);
  let value = word.slice(eq + 1);
  if (value.startsWith('(') && value.endsWith(')')) {
    value = value.slice(1, -1);
    return { key, values: value.split(',').map((v) => v.trim()).filter((v) => v !== '') };
  }
  return { key, values: [value] };
}

/** The script with each case's output replaced by what `outputs` (in case order) says. */
export function renderScript(chunks: readonly ScriptChunk[], outputs: readonly string[]): string {
  const lines: string[] = [];
  let n = 0;
  for (const c of chunks) {
    if (c.kind === 'text') {
      lines.push(c.text);
    } else {
      lines.push(...c.tc.input, SEPARATOR, outputs[n++] ?? c.tc.expected);
    }
  }
  return lines.join('\n') + '\n';
}
