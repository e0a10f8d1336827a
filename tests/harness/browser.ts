/** Debian's Chromium driven by playwright-core, with the flags that work as root on this machine. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { ROOT, tempDir } from './kubedeck-process';

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('Chromium is not installed: `apt-get install -y chromium` (.ci/run does this).');
}

export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('chromium'), {
    executablePath: chromiumPath(),
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--test-type',
    ],
  });
}

export function artifactPath(...parts: string[]): string {
  const dir = join(ARTIFACTS, ...parts.slice(0, -1));
  mkdirSync(dir, { recursive: true });
  return join(dir, parts[parts.length - 1]);
}
