import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium, findElectron } from './window-opener';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubedeck-browsers-'));
  for (const [sub, name, mode] of [
    ['a', 'google-chrome', 0o755],
    ['b', 'chromium', 0o755],
    ['c', 'chromium-browser', 0o644],
  ] as const) {
    await mkdir(join(dir, sub), { recursive: true });
    await writeFile(join(dir, sub, name), '#!/bin/sh\n');
    await chmod(join(dir, sub, name), mode);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('findChromium', () => {
  it('prefers the earlier name, and skips files that are not executable', async () => {
    const PATH = [join(dir, 'c'), join(dir, 'a'), join(dir, 'b')].join(delimiter);
    expect(await findChromium({ PATH }, 'linux')).toBe(join(dir, 'b', 'chromium'));
    expect(await findChromium({ PATH: [join(dir, 'c'), join(dir, 'a')].join(delimiter) }, 'linux')).toBe(join(dir, 'a', 'google-chrome'));
    expect(await findChromium({ PATH: join(dir, 'c') }, 'linux')).toBeUndefined();
  });
});

describe('chromiumArgs', () => {
  it('opens the URL in app mode with its own profile; --no-sandbox only for root on Linux', () => {
    expect(chromiumArgs('http://127.0.0.1:1/?token=t', '/data', { platform: 'linux', isRoot: false })).toEqual([
      '--app=http://127.0.0.1:1/?token=t',
      `--user-data-dir=${join('/data', 'chromium-profile')}`,
      '--no-first-run',
      '--no-default-browser-check',
    ]);
    expect(chromiumArgs('u', '/d', { platform: 'linux', isRoot: true })).toContain('--no-sandbox');
    expect(chromiumArgs('u', '/d', { platform: 'darwin', isRoot: true })).not.toContain('--no-sandbox');
  });
});

describe('findElectron', () => {
  it('never tries to download: undefined when the binary is not installed', async () => {
    const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    process.env.ELECTRON_OVERRIDE_DIST_PATH = join(dir, 'none');
    try {
      expect(await findElectron()).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
      else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
    }
  });
});
