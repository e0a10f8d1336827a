/**
 * Chromium drives the Workloads, pod drawer and Events views of a started Kubedeck, with the real
 * kubectl making and checking the objects: a Deployment applied with kubectl shows up and is
 * scaled from the UI (kubectl sees spec.replicas change); an API refusal reaches the user as a
 * message; a pod's drawer opens from its row and from a deep link, and streams its log; the
 * Events view lists the ReplicaSet's SuccessfulCreate events. Screenshots in English and Chinese
 * go to tests/artifacts/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { startKubedeck, type KubedeckProcess } from '../harness/kubedeck-process';
import { Kubectl } from '../harness/kubectl';
import { artifactPath, launchBrowser } from '../harness/browser';

let kd: KubedeckProcess;
let browser: BrowserContext;
let page: Page;
let kubectl: Kubectl;

// Until the scheduler lands, only pods that name their node run: the template names worker-1.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeName: worker-1
      containers:
      - name: nginx
        image: nginx:1.27
`;

// An image no registry has: the kubelet reports Warning events (Failed: ErrImagePull …).
const BROKEN = `apiVersion: v1
kind: Pod
metadata:
  name: broken
  namespace: default
spec:
  nodeName: worker-1
  containers:
  - name: main
    image: no-such-image:1.0
`;

const LOGGER = `apiVersion: v1
kind: Pod
metadata:
  name: logger
  namespace: default
  labels: {app: logger}
spec:
  nodeName: worker-1
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "echo hello; while true; do echo tick; sleep 1; done"]
`;

async function shot(name: string): Promise<void> {
  // Let tooltips, transitions, messages and the tables' loading shade settle before the picture.
  await page.mouse.move(0, 0);
  await page.waitForSelector('.n-message', { state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: artifactPath('e2e', `${name}.png`) });
}

async function go(view: string): Promise<void> {
  await page.click(`[data-testid="nav-${view}"]`);
  await page.waitForURL(new RegExp(`#/${view}$`));
}

const text = (selector: string) => page.textContent(selector).then((t) => t ?? '');

beforeAll(async () => {
  kd = await startKubedeck();
  kubectl = new Kubectl(32, kd.kubeconfig);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(kd.consoleUrl);
  await page.waitForSelector('[data-testid="cluster-name"]');
});

afterAll(async () => {
  await browser?.close();
  await kd?.stop();
});

describe('workloads, pod drawer and events in Chromium', () => {
  it('shows a Deployment applied with kubectl, rolled out, and its ReplicaSet', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: DEPLOYMENT });
    await go('workloads');
    await page.waitForSelector('[data-testid="deployment-row-web"]', { timeout: 10_000 });
    await expect.poll(() => text('[data-testid="deployment-row-web"] [data-testid="deployment-ready"]'), { timeout: 30_000 }).toBe('2/2');
    await expect
      .poll(() => page.getAttribute('[data-testid="deployment-row-web"] [data-testid="deployment-rollout"]', 'data-state'), { timeout: 30_000 })
      .toBe('complete');
    const row = await text('[data-testid="deployment-row-web"]');
    expect(row).toContain('default');
    expect(row).toContain('nginx:1.27');
    await shot('workloads-en');

    await page.click('[data-testid="tab-replicasets"]');
    await page.waitForSelector('[data-testid^="replicaset-row-web-"]');
    expect(await text('[data-testid^="replicaset-row-web-"]')).toContain('Deployment/web');
    await shot('workloads-replicasets-en');
    await page.click('[data-testid="tab-deployments"]');
  });

  it('scales the Deployment from the UI, and kubectl sees spec.replicas change', async () => {
    await page.click('[data-testid="deployment-scale-web"]');
    const input = page.locator('[data-testid="scale-input"] input');
    await input.waitFor();
    expect(await input.inputValue()).toBe('2');
    await input.fill('3');
    await shot('workloads-scale-dialog-en');
    await page.click('[data-testid="scale-confirm"]');
    await expect
      .poll(() => kubectl.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}']), { timeout: 10_000 })
      .toBe('3');
    await page.waitForSelector('[data-testid="scale-dialog"]', { state: 'detached' });
    await expect.poll(() => text('[data-testid="deployment-row-web"] [data-testid="deployment-ready"]'), { timeout: 30_000 }).toBe('3/3');
  });

  it('shows the API server\'s message when an action is refused', async () => {
    await kubectl.ok(['create', 'deployment', 'doomed', '--image=nginx:1.27']);
    await page.waitForSelector('[data-testid="deployment-row-doomed"]');
    await page.click('[data-testid="deployment-scale-doomed"]');
    await page.locator('[data-testid="scale-input"] input').fill('5');
    // The deployment goes away while the dialog is open: the PATCH meets a 404.
    await kubectl.ok(['delete', 'deployment', 'doomed', '--wait=false']);
    await page.click('[data-testid="scale-confirm"]');
    const msg = page.locator('.n-message', { hasText: 'doomed' });
    await msg.waitFor({ timeout: 5_000 });
    expect(await msg.textContent()).toContain('deployments.apps "doomed" not found');
    await msg.locator('.n-base-close').click();
    await msg.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="deployment-row-doomed"]', { state: 'detached' });
  });

  it('opens a pod\'s drawer from its row and streams its log', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: LOGGER });
    await go('pods');
    await page.click('[data-testid="pod-row-logger"]');
    await page.waitForURL(/#\/pods\/default\/logger$/);
    await page.waitForSelector('[data-testid="pod-drawer"]');
    await expect.poll(() => text('[data-testid="pod-detail-status"]'), { timeout: 20_000 }).toBe('Running');
    expect(await text('[data-testid="pod-detail-node"]')).toBe('worker-1');
    expect(await text('[data-testid="pod-containers"]')).toContain('busybox:1.36');
    await shot('pod-drawer-summary-en');

    await page.click('[data-testid="pod-tab-logs"]');
    await expect.poll(() => text('[data-testid="pod-logs"]'), { timeout: 10_000 }).toContain('hello');
    await expect.poll(() => text('[data-testid="pod-logs"]'), { timeout: 10_000 }).toContain('tick');
    expect(await page.getAttribute('[data-testid="pod-logs"]', 'data-status')).toBe('streaming');
    // Following: more ticks arrive on the open stream.
    const ticks = async () => ((await text('[data-testid="pod-logs"]')).match(/tick/g) ?? []).length;
    const before = await ticks();
    await expect.poll(ticks, { timeout: 10_000 }).toBeGreaterThan(before);
    expect((await text('[data-testid="pod-logs"]')).split('\n')[0]).toBe('hello');
    await shot('pod-drawer-logs-en');

    // The filter keeps only the matching lines.
    await page.fill('[data-testid="logs-filter"] input', 'hello');
    await expect.poll(() => text('[data-testid="pod-logs"]')).toBe('hello');
    await page.fill('[data-testid="logs-filter"] input', '');

    // Follow off: the stream ends at the current end of the log.
    await page.click('[data-testid="logs-follow"]');
    await expect.poll(() => page.getAttribute('[data-testid="pod-logs"]', 'data-status'), { timeout: 10_000 }).toBe('ended');

    await page.click('[data-testid="pod-tab-events"]');
    await expect.poll(() => text('[data-testid="pod-events"]'), { timeout: 10_000 }).toContain('Started');
    await shot('pod-drawer-events-en');

    await page.click('[data-testid="pod-tab-yaml"]');
    expect(await text('[data-testid="object-yaml"]')).toMatch(/^apiVersion: v1\nkind: Pod\n/);
  });

  it('opens the drawer from a deep link, and closing it ends the log stream', async () => {
    await page.goto(`${new URL(kd.consoleUrl).origin}/#/pods/default/logger`);
    await page.waitForSelector('[data-testid="pod-drawer"]');
    expect(await text('[data-testid="pod-drawer-name"]')).toBe('logger');
    // Watch the follow request this drawer makes, from its start to its end.
    let stream: Request | null = null;
    let streamEnded = false;
    const onRequest = (r: Request) => {
      if (r.url().includes('/pods/logger/log?') && r.url().includes('follow=true')) stream = r;
    };
    const onEnd = (r: Request) => {
      if (r === stream) streamEnded = true;
    };
    page.on('request', onRequest);
    page.on('requestfailed', onEnd);
    page.on('requestfinished', onEnd);
    try {
      await page.click('[data-testid="pod-tab-logs"]');
      await expect.poll(() => text('[data-testid="pod-logs"]'), { timeout: 10_000 }).toContain('tick');
      expect(stream).not.toBeNull();
      expect(streamEnded).toBe(false); // following: the request is still open
      await page.click('[data-testid="pod-drawer"] .n-base-close');
      await page.waitForURL(/#\/pods$/);
      await page.waitForSelector('[data-testid="pod-drawer"]', { state: 'detached' });
      await expect.poll(() => streamEnded, { timeout: 5_000 }).toBe(true);
    } finally {
      page.off('request', onRequest);
      page.off('requestfailed', onEnd);
      page.off('requestfinished', onEnd);
    }
  });

  it('lists the ReplicaSet\'s SuccessfulCreate events, newest first, warnings marked', async () => {
    await kubectl.ok(['apply', '-f', '-'], { input: BROKEN });
    await go('events');
    const created = page.locator('[data-testid="event-row"][data-reason="SuccessfulCreate"]', { hasText: 'ReplicaSet/web-' });
    await created.first().waitFor({ timeout: 10_000 });
    expect(await created.first().textContent()).toMatch(/Created pod: web-/);
    // The table is virtual (only rows on screen exist): narrow it to the ReplicaSet's events to count them.
    await page.fill('[data-testid="events-search"] input', 'ReplicaSet/web-');
    await expect.poll(() => created.count()).toBe(3); // 2 pods, then 1 more after the scale to 3
    await page.fill('[data-testid="events-search"] input', '');
    const warning = page.locator('[data-testid="event-row"][data-type="Warning"]', { hasText: 'Pod/broken' });
    await warning.first().waitFor({ timeout: 10_000 });
    expect(await warning.first().getAttribute('data-reason')).toBe('Failed');
    expect(await warning.first().locator('[data-testid="event-type"]').getAttribute('class')).toContain('n-tag');
    // Newest first: the broken pod's events came last, so they are at the top.
    expect(await page.locator('[data-testid="event-row"]').first().textContent()).toContain('Pod/broken');
    await shot('events-en');
  });

  it('is translated into Chinese', async () => {
    await page.click('[data-testid="language-switch"]');
    await page.click('[data-testid="language-option-zh-CN"]');
    await expect.poll(() => text('[data-testid="nav-workloads"]')).toBe('工作负载');
    await go('workloads');
    await page.waitForSelector('[data-testid="deployment-row-web"]');
    await shot('workloads-zh-CN');
    await page.click('[data-testid="deployment-scale-web"]');
    await page.locator('[data-testid="scale-input"] input').waitFor();
    await shot('workloads-scale-dialog-zh-CN');
    await page.keyboard.press('Escape');
    await go('events');
    await page.waitForSelector('[data-testid="event-row"]');
    await shot('events-zh-CN');
    await go('pods');
    await page.click('[data-testid="pod-row-logger"]');
    await page.waitForSelector('[data-testid="pod-summary"]');
    await shot('pod-drawer-summary-zh-CN');
    await page.click('[data-testid="pod-tab-logs"]');
    await expect.poll(() => text('[data-testid="pod-logs"]'), { timeout: 10_000 }).toContain('tick');
    await shot('pod-drawer-logs-zh-CN');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="pod-drawer"]', { state: 'detached' });
  });

  it('restarts and deletes Deployments from the UI, after a confirmation', async () => {
    await go('workloads');
    await page.click('[data-testid="deployment-restart-web"]');
    await page.click('[data-testid="restart-confirm"]');
    await expect
      .poll(() => kubectl.ok(['get', 'deploy', 'web', '-o', `jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}`]), { timeout: 10_000 })
      .toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await kubectl.ok(['create', 'deployment', 'trash', '--image=nginx:1.27']);
    await page.waitForSelector('[data-testid="deployment-row-trash"]');
    await page.click('[data-testid="deployment-delete-trash"]');
    await page.click('[data-testid="delete-confirm"]');
    await page.waitForSelector('[data-testid="deployment-row-trash"]', { state: 'detached', timeout: 10_000 });
    const r = await kubectl.run(['get', 'deploy', 'trash']);
    expect(r.stderr).toContain('deployments.apps "trash" not found');
  });
});
