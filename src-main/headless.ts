/**
 * Kubedeck without Electron (`npm start`, built to out/main/headless.js): starts the embedded
 * cluster and the console server, prints the public lines scripts read, then opens a window
 * (Electron if its binary is installed, else Chromium's app mode) unless --headless, or asks the
 * user to open the URL. Ctrl-C stops everything; a second Ctrl-C exits at once.
 *
 * Public output, each on its own line on stdout, printed once the cluster is ready:
 *   CONSOLE=<console URL with this launch's secret>
 *   KUBECONFIG=<absolute path of the admin kubeconfig>
 *   ETCD_ENDPOINTS=<comma-separated etcd client URLs; certificates in the node's etc/kubernetes/pki/etcd>
 */
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { bundledToolPaths } from './console/bundled-tools';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './cluster/layout';
import { launchConsole, type Launched } from './console/launch';
import { openConsoleWindow } from './console/window-opener';

const USAGE = `Usage: npm start -- [--headless] [--data-dir DIR] [--port N]
       node out/main/headless.js [--headless] [--data-dir DIR] [--port N]

Starts Kubedeck's embedded cluster and its console, then opens the console in Electron or in
Chromium's app mode, or prints the URL to open in any browser.

Options:
  --headless       open no window; print CONSOLE=, KUBECONFIG= and ETCD_ENDPOINTS= and keep serving until stopped
  --data-dir DIR   the folder that holds the clusters (default: ${defaultDataDir()})
  --port N         the console server's port on 127.0.0.1 (default: 0, any free port)
  -h, --help       show this help
`;

/** A window that exits sooner than this after it started did not really open (or handed off). */
const EARLY_EXIT_MS = 5000;
const STOP_TIMEOUT_MS = 15_000;

interface Args {
  headless: boolean;
  dataDir: string;
  port: number;
}

function fail(message: string, code: number): never {
  process.stderr.write(`kubedeck: ${message}\n`);
  process.exit(code);
}

function parseCommandLine(argv: string[]): Args {
  let values: { headless?: boolean; 'data-dir'?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        headless: { type: 'boolean' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const portText = values.port ?? '0';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) fail(`--port must be a number from 0 to 65535, not "${portText}"\n\n${USAGE}`, 2);
  if (values['data-dir'] === '') fail(`--data-dir needs a folder\n\n${USAGE}`, 2);
  return { headless: !!values.headless, dataDir: resolve(values['data-dir'] ?? defaultDataDir()), port };
}

/** Writes to stdout and waits until it is handed to the OS, so a reading script sees it now. */
function printOut(text: string): Promise<void> {
  return new Promise((done) => process.stdout.write(text, () => done()));
}

let launched: Launched | undefined;
/** The console window this launcher started, closed with it. */
let windowProcess: ChildProcess | undefined;
let stopping = false;
let stopRequested = false;

async function shutdown(code: number): Promise<never> {
  stopping = true;
  setTimeout(() => fail(`did not stop within ${STOP_TIMEOUT_MS / 1000} s; exiting anyway`, code || 1), STOP_TIMEOUT_MS).unref();
  if (windowProcess && windowProcess.exitCode === null) windowProcess.kill();
  try {
    await launched?.stop();
  } catch (e) {
    process.stderr.write(`kubedeck: error while stopping: ${(e as Error).message}\n`);
    code = code || 1;
  }
  process.exit(code);
}

function onSignal(): void {
  if (stopping || stopRequested) process.exit(130);
  if (!launched) {
    stopRequested = true;
    process.stderr.write('Stopping as soon as the cluster has started (press Ctrl-C again to quit at once).\n');
    // A start that hangs must not keep the process alive for ever.
    setTimeout(() => fail(`did not finish starting within ${STOP_TIMEOUT_MS / 1000} s of the stop request; exiting`, 130), STOP_TIMEOUT_MS).unref();
    return;
  }
  process.stderr.write('Stopping Kubedeck (press Ctrl-C again to quit at once)…\n');
  void shutdown(0);
}

async function openWindow(run: Launched, dataDir: string): Promise<void> {
  const fallback = () => printOut(`Open ${run.url} in your browser.\n`);
  const win = await openConsoleWindow({ url: run.url, dataDir, appDir: fileURLToPath(new URL('../..', import.meta.url)) });
  if (!win) {
    await fallback();
    return;
  }
  windowProcess = win.child;
  process.stderr.write(`Opening the console with ${win.executable}.\n`);
  const started = Date.now();
  win.child.on('error', (e) => {
    process.stderr.write(`kubedeck: could not start ${win.executable}: ${e.message}\n`);
    void fallback();
  });
  win.child.on('exit', (code) => {
    if (stopping) return;
    if (Date.now() - started < EARLY_EXIT_MS) {
      // Chromium exits at once with 0 when it hands the URL to a window already open on the same profile.
      if (win.kind === 'chromium' && code === 0) return;
      process.stderr.write(`kubedeck: ${win.executable} exited with code ${code ?? 'null'}.\n`);
      void fallback();
      return;
    }
    process.stderr.write('The console window was closed; stopping Kubedeck.\n');
    void shutdown(0);
  });
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.stderr.write(`Starting Kubedeck (data in ${args.dataDir})…\n`);
  launched = await launchConsole({
    dataDir: args.dataDir,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    port: args.port,
    extraPath: bundledToolPaths(fileURLToPath(new URL('../../resources/bin', import.meta.url))),
  });
  await printOut(`CONSOLE=${launched.url}\nKUBECONFIG=${launched.kubeconfigPath}\nETCD_ENDPOINTS=${launched.etcdEndpoints.join(',')}\n`);
  if (stopRequested) await shutdown(0);
  if (!args.headless) await openWindow(launched, args.dataDir);
}

main().catch((e: unknown) => {
  fail(`could not start: ${e instanceof Error ? e.message : String(e)}`, 1);
});
