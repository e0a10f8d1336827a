/** Runs one script file's cases in a fresh environment and renders the file with actual outputs. */
import { parseScript, renderScript } from './datadriven';
import { runCommand } from './env-commands';
import { InteractionEnv } from './interaction-env';

export function runScript(text: string, file: string): string {
  const chunks = parseScript(text, file);
  const env = new InteractionEnv();
  const outputs: string[] = [];
  for (const c of chunks) {
    if (c.kind !== 'case') continue;
    try {
      outputs.push(runCommand(env, c.tc));
    } catch (err) {
      throw new Error(`${file}:${c.tc.line}: ${c.tc.input[0]}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return renderScript(chunks, outputs);
}
