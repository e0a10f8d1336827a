/**
 * The real kubectl (1.32 and 1.30, fresh discovery cache each) against a started Kubedeck:
 * the everyday commands of the walking skeleton, with upstream output and messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKubedeck, tempDir, type KubedeckProcess } from '../harness/kubedeck-process';
import { Kubectl, waitFor } from '../harness/kubectl';

let kd: KubedeckProcess;
const manifests = tempDir('manifests');

beforeAll(async () => {
  kd = await startKubedeck();
});

afterAll(async () => {
  await kd?.stop();
});

function manifest(name: string, text: string): string {
  const path = join(manifests, name);
  writeFileSync(path, text);
  return path;
}

describe.each([32, 30])('kubectl 1.%i', (minor) => {
  let k: Kubectl;
  const pod = `demo-${minor}`;

  beforeAll(() => {
    k = new Kubectl(minor, kd.kubeconfig);
  });

  it('reports the server version', async () => {
    const out = JSON.parse(await k.ok(['version', '-o', 'json'])) as { serverVersion: { major: string; minor: string; gitVersion: string } };
    expect(out.serverVersion.major).toBe('1');
    expect(out.serverVersion.minor).toBe('32');
    expect(out.serverVersion.gitVersion).toMatch(/^v1\.32\.\d+$/);
  });

  it('lists API resources from discovery', async () => {
    const out = await k.ok(['api-resources']);
    const rows = out.split('\n');
    expect(rows[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/);
    expect(out).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(out).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(out).toMatch(/^nodes\s+no\s+v1\s+false\s+Node$/m);
    const namespaced = await k.ok(['api-resources', '--namespaced=false', '-o', 'name']);
    expect(namespaced.split('\n')).toContain('namespaces');
  });

  it('gets the six nodes of the HA topology', async () => {
    const out = await k.ok(['get', 'nodes']);
    expect(out.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    for (const n of ['cp-1', 'cp-2', 'cp-3']) expect(out).toMatch(new RegExp(`^${n}\\s+Ready\\s+control-plane\\s+\\S+\\s+v1\\.32\\.\\d+$`, 'm'));
    for (const n of ['worker-1', 'worker-2', 'worker-3']) expect(out).toMatch(new RegExp(`^${n}\\s+Ready\\s+<none>\\s+`, 'm'));
    const wide = await k.ok(['get', 'node', 'cp-1', '-o', 'wide']);
    expect(wide).toMatch(/INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME/);
    expect(wide).toMatch(/containerd:\/\//);
    const taints = await k.ok(['get', 'node', 'cp-1', '-o', 'jsonpath={.spec.taints[0].key}:{.spec.taints[0].effect}']);
    expect(taints).toBe('node-role.kubernetes.io/control-plane:NoSchedule');
  });

  it('lists the default namespaces', async () => {
    const out = await k.ok(['get', 'namespaces', '-o', 'name']);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) expect(out).toContain(`namespace/${ns}\n`);
  });

  it('creates from a file, refuses a second create with AlreadyExists', async () => {
    const file = manifest(`${pod}.yaml`, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${pod}\n  labels:\n    app: demo\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n    command: ["sleep", "3600"]\n`);
    expect(await k.ok(['create', '-f', file])).toBe(`pod/${pod} created\n`);
    const again = await k.run(['create', '-f', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Error from server (AlreadyExists): error when creating "${file}": pods "${pod}" already exists`);
  });

  it('gets pods as table, wide, yaml and json', async () => {
    // The scheduler places the pod and its kubelet starts it.
    await waitFor(async () => new RegExp(`^${pod}\\s+1/1\\s+Running\\s+0\\s+\\d+s$`, 'm').test(await k.ok(['get', 'pods'])), 10_000, 'the pod Running');
    const table = await k.ok(['get', 'pods']);
    expect(table).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    const wide = await k.ok(['get', 'pods', '-o', 'wide']);
    expect(wide).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    const yaml = await k.ok(['get', 'pod', pod, '-o', 'yaml']);
    expect(yaml).toContain('kind: Pod');
    expect(yaml).toMatch(/uid: [0-9a-f-]{36}/);
    expect(yaml).toMatch(/creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
    expect(yaml).toContain('restartPolicy: Always');
    expect(yaml).toContain('terminationMessagePath: /dev/termination-log');
    const json = JSON.parse(await k.ok(['get', 'pods', '-o', 'json'])) as { kind: string; items: { metadata: { name: string } }[] };
    expect(json.kind).toBe('List');
    expect(json.items.map((i) => i.metadata.name)).toContain(pod);
    const all = await k.ok(['get', 'pods', '-A', '-l', 'app=demo']);
    expect(all).toMatch(new RegExp(`^default\\s+${pod}\\s+`, 'm'));
  });

  it('applies twice: create, then patch, then unchanged', async () => {
    const name = `web-${minor}`;
    const v1 = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: main\n        image: nginx:1.27\n        ports:\n        - containerPort: 80\n`;
    const file = manifest(`${name}.yaml`, v1);
    expect(await k.ok(['apply', '-f', file])).toBe(`deployment.apps/${name} created\n`);
    manifest(`${name}.yaml`, v1.replace('nginx:1.27', 'nginx:1.28').replace('replicas: 2', 'replicas: 3'));
    expect(await k.ok(['apply', '-f', file])).toBe(`deployment.apps/${name} configured\n`);
    expect(await k.ok(['apply', '-f', file])).toBe(`deployment.apps/${name} unchanged\n`);
    const got = JSON.parse(await k.ok(['get', 'deployment', name, '-o', 'json'])) as {
      metadata: { generation: number };
      spec: { replicas: number; template: { spec: { containers: { name: string; image: string; ports: unknown[] }[] } } };
    };
    expect(got.spec.replicas).toBe(3);
    expect(got.spec.template.spec.containers).toHaveLength(1);
    expect(got.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(got.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(got.metadata.generation).toBe(2);
  });

  it('labels and annotates', async () => {
    expect(await k.ok(['label', 'pod', pod, 'tier=backend'])).toBe(`pod/${pod} labeled\n`);
    const clash = await k.run(['label', 'pod', pod, 'tier=frontend']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("'tier' already has a value (backend), and --overwrite is false");
    expect(await k.ok(['label', 'pod', pod, 'tier=frontend', '--overwrite'])).toBe(`pod/${pod} labeled\n`);
    expect(await k.ok(['annotate', 'pod', pod, 'owner=team-a'])).toBe(`pod/${pod} annotated\n`);
    const labels = await k.ok(['get', 'pod', pod, '-o', 'jsonpath={.metadata.labels.tier}/{.metadata.annotations.owner}']);
    expect(labels).toBe('frontend/team-a');
    expect(await k.ok(['label', 'pod', pod, 'tier-'])).toBe(`pod/${pod} unlabeled\n`);
    const selected = await k.ok(['get', 'pods', '-l', 'tier', '-o', 'name']);
    expect(selected).not.toContain(pod);
  });

  it('watches ADDED, MODIFIED and DELETED', async () => {
    const name = `watched-${minor}`;
    const w = k.spawn(['get', 'pods', '-w', '--output-watch-events']);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      await k.ok(['run', name, '--image=busybox:1.36', '--restart=Never', '--', 'sleep', '60']);
      await waitFor(() => new RegExp(`^ADDED\\s+${name}\\s+0/1\\s+(Pending|ContainerCreating)`, 'm').test(w.output()), 10_000, 'ADDED');
      await k.ok(['label', 'pod', name, 'seen=yes']);
      await waitFor(() => new RegExp(`^MODIFIED\\s+${name}\\s`, 'm').test(w.output()), 10_000, 'MODIFIED');
      // `sleep` as PID 1 ignores SIGTERM: a short grace period instead of waiting out 30 s.
      await k.ok(['delete', 'pod', name, '--grace-period=1']);
      await waitFor(() => new RegExp(`^DELETED\\s+${name}\\s`, 'm').test(w.output()), 10_000, 'DELETED');
    } finally {
      w.stop();
    }
  });

  it('deletes and returns once the object is gone', async () => {
    const out = await k.ok(['delete', 'pod', pod, '--grace-period=1']);
    expect(out).toBe(`pod "${pod}" deleted\n`);
    const after = await k.run(['get', 'pod', pod]);
    expect(after.code).toBe(1);
    expect(after.stderr.trim()).toBe(`Error from server (NotFound): pods "${pod}" not found`);
  });

  it('pages lists with limit and continue', async () => {
    const ns = `paging-${minor}`;
    await k.ok(['apply', '-f', '-'], { input: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n` });
    for (let i = 0; i < 7; i++) {
      await k.ok(['create', '-n', ns, '-f', '-'], {
        input: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: part-\n  labels: {batch: "b"}\ndata:\n  i: "${i}"\n`,
      });
    }
    const names = (await k.ok(['get', 'configmaps', '-n', ns, '-l', 'batch=b', '-o', 'name', '--chunk-size=2'])).trim().split('\n');
    expect(names).toHaveLength(7);
    expect(new Set(names).size).toBe(7);
    for (const n of names) expect(n).toMatch(/^configmap\/part-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const verbose = await k.run(['get', 'configmaps', '-n', ns, '-l', 'batch=b', '--chunk-size=3', '-v=6']);
    expect(verbose.stderr).toMatch(/continue=/);
    expect(await k.ok(['delete', 'configmaps', '-n', ns, '-l', 'batch=b'])).toMatch(/^configmap "part-\w{5}" deleted$/m);
    expect((await k.run(['get', 'configmaps', '-n', ns, '-l', 'batch=b'])).stderr).toContain(`No resources found in ${ns} namespace.`);
  });

  it('patches with JSON patch, merge patch and strategic merge patch', async () => {
    const name = `patched-${minor}`;
    await k.ok(['create', 'configmap', name, '--from-literal=a=1', '--dry-run=client', '-o', 'yaml']).then((y) => k.ok(['apply', '-f', '-'], { input: y }));
    expect(await k.ok(['patch', 'configmap', name, '--type=json', '-p', '[{"op":"add","path":"/data/b","value":"2"}]'])).toBe(`configmap/${name} patched\n`);
    expect(await k.ok(['patch', 'configmap', name, '--type=merge', '-p', '{"data":{"a":null}}'])).toBe(`configmap/${name} patched\n`);
    expect(await k.ok(['get', 'configmap', name, '-o', 'jsonpath={.data}'])).toBe('{"b":"2"}');
    const failed = await k.run(['patch', 'configmap', name, '--type=json', '-p', '[{"op":"test","path":"/data/b","value":"3"}]']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('The request is invalid');
    const dep = `web-${minor}`;
    await k.ok(['patch', 'deployment', dep, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1.36"}]}}}}']);
    const images = await k.ok(['get', 'deployment', dep, '-o', 'jsonpath={.spec.template.spec.containers[*].name}']);
    expect(images.split(' ').sort()).toEqual(['main', 'side']);
  });

  it('reports NotFound and Conflict as upstream does', async () => {
    const missing = await k.run(['get', 'deployment', 'nope']);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    const cm = `cfg-${minor}`;
    await k.ok(['apply', '-f', manifest(`${cm}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${cm}\ndata:\n  a: "1"\n`)]);
    const stale = manifest(`${cm}-stale.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${cm}\n  resourceVersion: "1"\ndata:\n  a: "2"\n`);
    const conflict = await k.run(['replace', '-f', stale]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      `Error from server (Conflict): error when replacing "${stale}": Operation cannot be fulfilled on configmaps "${cm}": the object has been modified; please apply your changes to the latest version and try again`,
    );
    const unknown = await k.run(['get', 'frobnicators']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`error: the server doesn't have a resource type "frobnicators"`);
  });
});

describe('kubectl 1.28 (aggregated discovery v2beta1 only)', () => {
  it('discovers resources and gets nodes', async () => {
    const k = new Kubectl(28, kd.kubeconfig);
    expect(await k.ok(['api-resources'])).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect((await k.ok(['get', 'nodes', '-o', 'name'])).trim().split('\n')).toHaveLength(6);
  });
});
