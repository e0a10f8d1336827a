/**
 * Chromium opens the console on a started Kubedeck: it sees the nodes, types `kubectl run` into
 * the terminal and sees the pod in the Pods view; a pod created and deleted with kubectl shows up
 * and goes away live. Screenshots of every view in both languages go to tests/artifacts/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startKubedeck, type KubedeckProcess } from '../harness/kubedeck-process';
import { Kubectl } from '../harness/kubectl';
import { artifactPath, launchBrowser } from '../harness/browser';

let kd: KubedeckProcess;
let browser: BrowserContext;
let page: Page;
let kubectl: Kubectl;

const NODES = ['cp-1', 'cp-2', 'cp-3', 'worker-1', 'worker-2', 'worker-3'];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: artifactPath('e2e', `${name}.png`) });
}

async function go(view: string): Promise<void> {
  await page.click(`[data-testid="nav-${view}"]`);
  await page.waitForURL(new RegExp(`#/${view}`));
}

beforeAll(async () => {
  kd = await startKubedeck();
  kubectl = new Kubectl(32, kd.kubeconfig);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(kd.consoleUrl);
});

afterAll(async () => {
  await browser?.close();
  await kd?.stop();
});

describe('console in Chromium', () => {
  it('the token in the URL is traded for a cookie and removed from the address', async () => {
    await page.waitForSelector('[data-testid="cluster-name"]');
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.textContent('[data-testid="cluster-name"]')).toBe('default');
    expect(await page.textContent('[data-testid="cluster-version"]')).toMatch(/^v1\.32\.\d+$/);
    await shot('overview-en');
  });

  it('shows the six nodes with their roles', async () => {
    await go('nodes');
    for (const n of NODES) await page.waitForSelector(`[data-testid="node-row-${n}"]`);
    expect(await page.textContent('[data-testid="node-row-cp-1"]')).toContain('control-plane');
    expect(await page.textContent('[data-testid="node-row-worker-1"]')).toContain('Ready');
    await shot('nodes-en');
  });

  it('runs kubectl in the terminal and the pod appears in the Pods view', async () => {
    await go('terminal');
    if (!(await page.$('[data-testid="terminal"]'))) await page.click('[data-testid="terminal-open"]');
    await page.waitForSelector('[data-testid="terminal"] .xterm-rows');
    // Type once the shell has printed its prompt, as a person would.
    await expect.poll(() => page.textContent('[data-testid="terminal"] .xterm-rows'), { timeout: 20_000 }).toMatch(/[$#]\s*$/);
    await page.click('[data-testid="terminal"]');
    await page.keyboard.type('kubectl get nodes\n');
    await expect.poll(() => page.textContent('[data-testid="terminal"] .xterm-rows'), { timeout: 20_000 }).toContain('worker-3');
    await page.keyboard.type('kubectl run e2e-web --image=nginx:1.27\n');
    await expect.poll(() => page.textContent('[data-testid="terminal"] .xterm-rows'), { timeout: 20_000 }).toContain('pod/e2e-web created');
    await shot('terminal-en');
    await go('pods');
    await page.waitForSelector('[data-testid="pod-row-e2e-web"]', { timeout: 5_000 });
    // The scheduler places it and a kubelet starts it: the row turns Running live.
    await expect.poll(() => page.textContent('[data-testid="pod-row-e2e-web"] [data-testid="pod-status"]'), { timeout: 10_000 }).toBe('Running');
  });

  it('a pod created with kubectl appears within 1 s and disappears when deleted', async () => {
    await kubectl.ok(['run', 'live-check', '--image=busybox:1.36', '--', 'sleep', '600']);
    const created = Date.now();
    await page.waitForSelector('[data-testid="pod-row-live-check"]', { timeout: 5_000 });
    expect(Date.now() - created).toBeLessThan(1000);
    await shot('pods-en');
    // `sleep` as PID 1 ignores SIGTERM, so a graceful delete would take the whole 30 s, as on a
    // real node: delete it at once instead.
    await kubectl.ok(['delete', 'pod', 'live-check', '--grace-period=0', '--force']);
    const deleted = Date.now();
    await page.waitForSelector('[data-testid="pod-row-live-check"]', { state: 'detached', timeout: 5_000 });
    expect(Date.now() - deleted).toBeLessThan(1000);
  });

  it('switches to Chinese, and every view is translated', async () => {
    await page.click('[data-testid="language-switch"]');
    await page.click('[data-testid="language-option-zh-CN"]');
    await expect.poll(() => page.textContent('[data-testid="nav-nodes"]')).toBe('节点');
    for (const view of ['overview', 'nodes', 'pods', 'terminal']) {
      await go(view);
      await page.waitForTimeout(300);
      await shot(`${view}-zh-CN`);
    }
    await go('pods');
    expect(await page.textContent('[data-testid="pods-table"]')).toContain('名称');
  });

  it('remembers the language and theme across a reload', async () => {
    await page.click('[data-testid="theme-toggle"]');
    await page.reload();
    await page.waitForSelector('[data-testid="pod-row-e2e-web"]');
    await page.waitForTimeout(500); // let the table's loading indicator fade out before the picture
    expect(await page.textContent('[data-testid="nav-pods"]')).toBe('Pod');
    await shot('pods-zh-CN-dark');
  });
});
