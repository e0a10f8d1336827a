/**
 * The Electron main process: a window on the console, nothing more. The console server (and the
 * embedded cluster behind it) come from the same launchConsole() the headless launcher uses, or,
 * when the headless launcher started this Electron, from the URL it passes in KUBEDECK_CONSOLE_URL.
 */
import { app, BrowserWindow, dialog, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../cluster/layout';
import { launchConsole, type Launched } from '../console/launch';

let launched: Launched | undefined;
let mainWindow: BrowserWindow | undefined;
let quitting = false;

/** http(s) links that leave the console open in the user's browser; anything else is dropped. */
function openExternally(target: string): void {
  try {
    const { protocol } = new URL(target);
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(target);
  } catch {
    // not a URL
  }
}

async function consoleUrl(): Promise<string> {
  const given = process.env.KUBEDECK_CONSOLE_URL;
  if (given) return given;
  launched = await launchConsole({
    dataDir: defaultDataDir({ electronUserData: app.getPath('userData') }),
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  });
  return launched.url;
}

function createWindow(url: string): void {
  const origin = new URL(url).origin;
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Kubedeck',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (mainWindow = undefined));
  // New windows (target=_blank, window.open) go to the system browser.
  win.webContents.setWindowOpenHandler(({ url: target }) => {
    openExternally(target);
    return { action: 'deny' };
  });
  // The window itself never leaves the console's origin.
  win.webContents.on('will-navigate', (event, target) => {
    if (URL.canParse(target) && new URL(target).origin === origin) return;
    event.preventDefault();
    openExternally(target);
  });
  void win.loadURL(url);
}

async function stopAll(): Promise<void> {
  const running = launched;
  launched = undefined;
  await running?.stop();
}

if (!app.requestSingleInstanceLock()) {
  // Another Kubedeck owns this data folder (and its cluster): show its window instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (quitting || !launched) return;
    event.preventDefault();
    quitting = true;
    stopAll()
      .catch((e: unknown) => console.error('Kubedeck: error while stopping:', e))
      .finally(() => app.exit(0));
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(async () => createWindow(await consoleUrl()))
    .catch(async (e: unknown) => {
      dialog.showErrorBox('Kubedeck could not start', e instanceof Error ? e.message : String(e));
      await stopAll().catch(() => undefined);
      app.exit(1);
    });
}
