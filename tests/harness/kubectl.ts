/**
 * Runs the real kubectl of a given minor version (the versioned binaries beside the kubectl
 * dispatcher) with a fresh discovery cache, against a kubeconfig.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './kubedeck-process';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectlBinary(minor: number): string {
  const candidates: string[] = [];
  for (const dispatcher of ['/usr/bin/kubectl', '/usr/local/bin/kubectl']) {
    if (existsSync(dispatcher)) candidates.push(join(dirname(realpathSync(dispatcher)), `kubectl.1.${minor}`));
  }
  candidates.push(`/usr/lib/google-cloud-sdk/bin/kubectl.1.${minor}`);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`kubectl 1.${minor} is not installed (looked at ${candidates.join(', ')})`);
  return found;
}

export class Kubectl {
  readonly binary: string;
  readonly cacheDir = tempDir('kubectl-cache');

  constructor(
    readonly minor: number,
    readonly kubeconfig: string,
  ) {
    this.binary = kubectlBinary(minor);
  }

  private args(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args];
  }

  run(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(this.binary, this.args(args), { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      if (opts.input !== undefined) child.stdin!.end(opts.input);
      else child.stdin!.end();
    });
  }

  /** Runs kubectl and fails with its output unless it exits 0. */
  async ok(args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  }

  /** Starts a long-running kubectl (e.g. get -w) and collects its stdout. */
  spawn(args: string[]): { child: ChildProcess; output: () => string; stop: () => void } {
    const child = spawn(this.binary, this.args(args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => (out += d));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    return { child, output: () => out, stop: () => child.kill('SIGTERM') };
  }
}

export async function waitFor(pred: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!(await pred())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { execFile };
