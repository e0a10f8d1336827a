/** Objects created with kubectl survive stopping and starting Kubedeck on the same data folder. */
import { describe, expect, it } from 'vitest';
import { startKubedeck, tempDir } from '../harness/kubedeck-process';
import { Kubectl } from '../harness/kubectl';

describe('persistence', () => {
  it('keeps what kubectl created across a restart, on the same kubeconfig path and port', async () => {
    const dataDir = tempDir('persist');
    const first = await startKubedeck({ dataDir });
    const k1 = new Kubectl(32, first.kubeconfig);
    await k1.ok(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n' });
    await k1.ok(['apply', '-n', 'team-a', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n',
    });
    await k1.ok(['run', 'keeper', '-n', 'team-a', '--image=nginx:1.27']);
    const rvBefore = await k1.ok(['get', 'configmap', 'settings', '-n', 'team-a', '-o', 'jsonpath={.metadata.resourceVersion}']);
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await startKubedeck({ dataDir });
    try {
      expect(second.kubeconfig).toBe(first.kubeconfig);
      const k2 = new Kubectl(32, second.kubeconfig);
      expect(await k2.ok(['get', 'configmap', 'settings', '-n', 'team-a', '-o', 'jsonpath={.data.color}'])).toBe('blue');
      expect(await k2.ok(['get', 'configmap', 'settings', '-n', 'team-a', '-o', 'jsonpath={.metadata.resourceVersion}'])).toBe(rvBefore);
      expect(await k2.ok(['get', 'pods', '-n', 'team-a', '-o', 'name'])).toBe('pod/keeper\n');
      expect((await k2.ok(['get', 'nodes', '-o', 'name'])).trim().split('\n')).toHaveLength(6);
    } finally {
      await second.stop();
    }
  });
});
