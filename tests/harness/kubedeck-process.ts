/**
 * Starts the built Kubedeck (`out/main/headless.js --headless`) as a child process, the way
 * scripts and CI use it, and reads its public output lines (CONSOLE=, KUBECONFIG=, ...).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const HEADLESS_ENTRY = join(ROOT, 'out', 'main', 'headless.js');

export interface KubedeckProcess {
  child: ChildProcess;
  dataDir: string;
  /** Every KEY=value line printed on stdout. */
  lines: Record<string, string>;
  consoleUrl: string;
  kubeconfig: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kubedeck-${prefix}-`));
}

export async function startKubedeck(opts: { dataDir?: string; extraArgs?: string[]; timeoutMs?: number } = {}): Promise<KubedeckProcess> {
  if (!existsSync(HEADLESS_ENTRY)) {
    throw new Error(`${HEADLESS_ENTRY} is missing: run \`npm run build\` first (npm test does).`);
  }
  const dataDir = opts.dataDir ?? tempDir('data');
  const child = spawn(process.execPath, [HEADLESS_ENTRY, '--headless', '--data-dir', dataDir, '--port', '0', ...(opts.extraArgs ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let out = '';
  const lines: Record<string, string> = {};
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (out += d));
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kubedeck did not print KUBECONFIG= in time. Output:\n${out}`)), opts.timeoutMs ?? 30_000);
    let buffer = '';
    child.stdout!.on('data', (d: string) => {
      out += d;
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        const m = /^([A-Z_]+)=(.*)$/.exec(line);
        if (m) lines[m[1]] = m[2];
        if (lines.CONSOLE && lines.KUBECONFIG && lines.ETCD_ENDPOINTS) {
          clearTimeout(timer);
          resolveReady();
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Kubedeck exited with ${code} before it was ready. Output:\n${out}`));
    });
  });
  await ready;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    dataDir,
    lines,
    consoleUrl: lines.CONSOLE,
    kubeconfig: lines.KUBECONFIG,
    output: () => out,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timeout);
      return code;
    },
  };
}
