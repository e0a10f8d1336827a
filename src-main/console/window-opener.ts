/**
 * Opens the console in a window without Kubedeck's own Electron process: the Electron binary when
 * it is installed (it loads out/main/app.js and is handed the running console's URL), otherwise a
 * Chromium-family browser in app mode, otherwise nothing (the caller prints the URL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export type WindowKind = 'electron' | 'chromium';

export interface OpenedWindow {
  kind: WindowKind;
  executable: string;
  child: ChildProcess;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Electron binary of the installed `electron` package, if it was downloaded. Reads the
 * package's path.txt rather than importing it: importing `electron` from plain Node tries to
 * download a missing binary, which hangs or fails where there is no internet.
 */
export async function findElectron(): Promise<string | undefined> {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  let rel: string | undefined;
  try {
    rel = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    rel = undefined;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, rel || 'electron') : rel ? join(pkgDir, 'dist', rel) : undefined;
  return exe && (await isExecutable(exe)) ? exe : undefined;
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

function wellKnownBrowsers(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  }
  return [];
}

/** The first Chromium-family browser on PATH (in CHROMIUM_NAMES order), or in its usual place. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const suffix = platform === 'win32' ? '.exe' : '';
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name + suffix);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  for (const candidate of wellKnownBrowsers(env, platform)) {
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function chromiumArgs(url: string, dataDir: string, opts: { platform?: NodeJS.Platform; isRoot?: boolean } = {}): string[] {
  const platform = opts.platform ?? process.platform;
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  return [
    `--app=${url}`,
    `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium refuses to start its sandbox as root on Linux.
    ...(platform === 'linux' && isRoot ? ['--no-sandbox'] : []),
  ];
}

/** On Linux a window needs a display server; without one there is no point starting a browser. */
function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}

/**
 * Starts a window on the console: Electron (given `appDir`, the folder whose package.json names
 * out/main/app.js) or Chromium in app mode. Undefined when neither is available.
 */
export async function openConsoleWindow(opts: { url: string; dataDir: string; appDir: string }): Promise<OpenedWindow | undefined> {
  if (!hasDisplay()) return undefined;
  const electron = await findElectron();
  if (electron) {
    const child = spawn(electron, [opts.appDir], {
      env: { ...process.env, KUBEDECK_CONSOLE_URL: opts.url },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return { kind: 'electron', executable: electron, child };
  }
  const chromium = await findChromium();
  if (chromium) {
    const child = spawn(chromium, chromiumArgs(opts.url, opts.dataDir), { stdio: 'ignore', detached: false });
    return { kind: 'chromium', executable: chromium, child };
  }
  return undefined;
}
