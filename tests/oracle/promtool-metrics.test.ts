/** Every /metrics endpoint of a running Kubedeck passes the real `promtool check metrics`. */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubedeck, type KubedeckProcess } from '../harness/kubedeck-process';
import { Kubectl } from '../harness/kubectl';

let kd: KubedeckProcess;
let k: Kubectl;

beforeAll(async () => {
  kd = await startKubedeck();
  k = new Kubectl(32, kd.kubeconfig);
});

afterAll(async () => {
  await kd?.stop();
});

function promtool(input: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile('promtool', ['check', 'metrics'], (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr });
    });
    child.stdin!.end(input);
  });
}

describe('promtool check metrics', () => {
  it('kube-apiserver /metrics is clean and counts requests with upstream names and labels', async () => {
    await k.ok(['get', 'pods', '-A']);
    const text = await k.ok(['get', '--raw', '/metrics']);
    const lint = await promtool(text);
    expect(lint.out).toBe('');
    expect(lint.code).toBe(0);
    expect(text).toMatch(/^apiserver_request_total\{component="apiserver",dry_run="",group="",resource="pods",scope="cluster",subresource="",verb="LIST",version="v1",code="200"\} \d+$/m);
    expect(text).toMatch(/^apiserver_request_duration_seconds_bucket\{le="0\.005",component="apiserver",/m);
    expect(text).toMatch(/^apiserver_current_inflight_requests\{request_kind="readOnly"\} \d+$/m);
    expect(text).toMatch(/^apiserver_storage_objects\{resource="namespaces"\} 4$/m);
  });
});
