/**
 * The living cluster, seen with the real kubectl 1.32: control-plane mirror pods, leader
 * election, controllers (deployments, namespaces, garbage collection), kubelets (pods run and
 * log), and the HTTP ClusterClient against the same server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClusterClient } from '../../src-main/client/http-client';
import type { WatchEvent } from '../../src-main/client/cluster-client';
import { parseKubeconfig, resolveContext } from '../../src-main/cluster/kubeconfig';
import { CONFIG_MAPS } from '../../src-main/kube/registry';
import { StatusError } from '../../src-main/kube/status';
import { startKubedeck, tempDir, type KubedeckProcess } from '../harness/kubedeck-process';
import { Kubectl, waitFor } from '../harness/kubectl';

let kd: KubedeckProcess;
let k: Kubectl;
const files = tempDir('runtime');

beforeAll(async () => {
  kd = await startKubedeck();
  k = new Kubectl(32, kd.kubeconfig);
});

afterAll(async () => {
  await kd?.stop();
});

function file(name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

describe('control plane', () => {
  it('shows the kubeadm static pods of every control-plane node as Running mirror pods', async () => {
    await waitFor(async () => (await k.ok(['get', 'pods', '-n', 'kube-system', '--no-headers'])).split('\n').filter((l) => / Running /.test(l)).length >= 12, 10_000, 'mirror pods');
    const out = await k.ok(['get', 'pods', '-n', 'kube-system', '-o', 'wide']);
    for (const cp of ['cp-1', 'cp-2', 'cp-3']) {
      for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
        expect(out).toMatch(new RegExp(`^${c}-${cp}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+172\\.18\\.0\\.\\d\\s+${cp}\\s`, 'm'));
      }
    }
    const pod = JSON.parse(await k.ok(['get', 'pod', '-n', 'kube-system', 'etcd-cp-1', '-o', 'json'])) as {
      metadata: { annotations: Record<string, string>; ownerReferences: { kind: string; name: string }[] };
    };
    expect(pod.metadata.annotations['kubernetes.io/config.source']).toBe('file');
    expect(pod.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: 'cp-1' });
  });

  it('elects one kube-controller-manager leader by Lease', async () => {
    await waitFor(async () => (await k.run(['get', 'lease', '-n', 'kube-system', 'kube-controller-manager'])).code === 0, 10_000, 'the lease');
    const lease = JSON.parse(await k.ok(['get', 'lease', '-n', 'kube-system', 'kube-controller-manager', '-o', 'json'])) as { spec: { holderIdentity: string; leaseDurationSeconds: number } };
    expect(lease.spec.holderIdentity).toMatch(/^cp-[123]_[0-9a-f-]{36}$/);
    expect(lease.spec.leaseDurationSeconds).toBe(15);
    const nodeLeases = await k.ok(['get', 'lease', '-n', 'kube-node-lease', '--no-headers']);
    expect(nodeLeases.trim().split('\n')).toHaveLength(6);
  });
});

describe('workloads', () => {
  it('a pod placed on a node runs there and its logs can be read and followed', async () => {
    await k.ok(['apply', '-f', file('counter.yaml', [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: counter}', 'spec:', '  nodeName: worker-2', '  containers:',
      '  - {name: count, image: busybox, command: [sh, -c, "echo start; while true; do echo tick; sleep 1; done"]}',
    ].join('\n'))]);
    await waitFor(async () => /Running/.test(await k.ok(['get', 'pod', 'counter', '--no-headers'])), 10_000, 'counter running');
    await waitFor(async () => (await k.ok(['logs', 'counter'])).split('\n').includes('tick'), 10_000, 'a tick');
    const logs = await k.ok(['logs', 'counter']);
    expect(logs.split('\n')[0]).toBe('start');
    const tail = await k.ok(['logs', 'counter', '--tail=1', '--timestamps']);
    expect(tail).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z (start|tick)\n$/);
    const bad = await k.run(['logs', 'counter', '-c', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('container nope is not valid for pod counter');
  });

  it('a Deployment gets a ReplicaSet and pods with the upstream names and events', async () => {
    await k.ok(['apply', '-f', file('web.yaml', [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  replicas: 2', '  selector: {matchLabels: {app: web}}',
      '  template:', '    metadata: {labels: {app: web}}', '    spec: {containers: [{name: nginx, image: nginx}]}',
    ].join('\n'))]);
    await waitFor(async () => (await k.ok(['get', 'pods', '-l', 'app=web', '--no-headers'])).trim().split('\n').length === 2, 10_000, 'two pods');
    const rs = await k.ok(['get', 'rs', '-l', 'app=web', '-o', 'name']);
    expect(rs.trim()).toMatch(/^replicaset\.apps\/web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    const events = await k.ok(['get', 'events', '--field-selector', 'reason=ScalingReplicaSet', '-o', 'custom-columns=MSG:.message', '--no-headers']);
    expect(events).toMatch(/^Scaled up replica set web-\S+ from 0 to 2$/m);
    await k.ok(['delete', 'deployment', 'web']);
    await waitFor(async () => (await k.ok(['get', 'rs,pods', '-l', 'app=web', '--no-headers'])).trim() === '' || /Terminating/.test(await k.ok(['get', 'pods', '-l', 'app=web', '--no-headers'])), 10_000, 'cascading delete');
  });

  it('a deleted namespace is emptied and goes away', async () => {
    await k.ok(['create', '-f', file('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: scratch}\n')]);
    await waitFor(async () => (await k.run(['get', 'configmap', 'kube-root-ca.crt', '-n', 'scratch'])).code === 0, 10_000, 'kube-root-ca.crt');
    await waitFor(async () => (await k.run(['get', 'serviceaccount', 'default', '-n', 'scratch'])).code === 0, 10_000, 'default service account');
    await k.ok(['create', '-f', file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: scratch}\ndata: {k: v}\n')]);
    const del = await k.ok(['delete', 'namespace', 'scratch'], { timeoutMs: 30_000 });
    expect(del.trim()).toBe('namespace "scratch" deleted');
    expect((await k.run(['get', 'namespace', 'scratch'])).stderr).toContain('namespaces "scratch" not found');
  });
});

describe('workload scenarios (kubectl 1.32)', () => {
  const images = async (sel: string): Promise<string[]> =>
    (await k.ok(['get', 'pods', '-l', sel, '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}'])).split('\n').filter(Boolean);

  it('create deployment → Running, set image rolls within maxSurge/maxUnavailable, rollout undo, scale', async () => {
    await k.ok(['create', 'deployment', 'shop', '--image=nginx:1.27', '--replicas=3']);
    await k.ok(['rollout', 'status', 'deployment/shop', '--timeout=30s'], { timeoutMs: 40_000 });
    const running = await k.ok(['get', 'pods', '-l', 'app=shop', '--field-selector=status.phase=Running', '-o', 'name']);
    expect(running.trim().split('\n')).toHaveLength(3);
    // Watch the ReplicaSets during the rollout: never more than 3 + 1 (25% surge, rounded up) pods wanted.
    const watch = k.spawn(['get', 'rs', '-l', 'app=shop', '-w', '-o', 'jsonpath={.metadata.name}{" "}{.spec.replicas}{"\\n"}']);
    await k.ok(['set', 'image', 'deployment/shop', 'nginx=nginx:1.28']);
    await k.ok(['rollout', 'status', 'deployment/shop', '--timeout=30s'], { timeoutMs: 40_000 });
    watch.stop();
    const desired = new Map<string, number>();
    let maxTotal = 0;
    for (const line of watch.output().split('\n')) {
      const m = /^(\S+) (\d+)$/.exec(line.trim());
      if (!m) continue;
      desired.set(m[1], Number(m[2]));
      maxTotal = Math.max(maxTotal, [...desired.values()].reduce((a, b) => a + b, 0));
    }
    expect(desired.size).toBe(2);
    expect(maxTotal).toBeLessThanOrEqual(4);
    expect(await images('app=shop')).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    const history = await k.ok(['rollout', 'history', 'deployment/shop']);
    expect(history).toMatch(/^REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/m);
    await k.ok(['rollout', 'undo', 'deployment/shop']);
    await k.ok(['rollout', 'status', 'deployment/shop', '--timeout=30s'], { timeoutMs: 40_000 });
    await waitFor(async () => (await images('app=shop')).join() === 'nginx:1.27,nginx:1.27,nginx:1.27', 15_000, 'old image back');
    expect((await k.ok(['scale', 'deployment/shop', '--replicas=5'])).trim()).toBe('deployment.apps/shop scaled');
    await k.ok(['rollout', 'status', 'deployment/shop', '--timeout=30s'], { timeoutMs: 40_000 });
    const ready = await k.ok(['get', 'deployment', 'shop', '-o', 'jsonpath={.status.readyReplicas}']);
    expect(ready).toBe('5');
  });

  it('a pod that fits nowhere is Pending with the scheduler\'s reasons', async () => {
    await k.ok(['run', 'huge', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}']);
    await waitFor(async () => /FailedScheduling/.test(await k.ok(['describe', 'pod', 'huge'])), 10_000, 'FailedScheduling');
    const describe = await k.ok(['describe', 'pod', 'huge']);
    expect(describe).toMatch(/Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/6 nodes are available: 3 Insufficient cpu, 3 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}\./);
    await k.ok(['delete', 'pod', 'huge']);
  });

  it('drain evicts a node\'s pods and they come back elsewhere', async () => {
    await k.ok(['create', 'deployment', 'spread', '--image=nginx', '--replicas=3']);
    await k.ok(['rollout', 'status', 'deployment/spread', '--timeout=30s'], { timeoutMs: 40_000 });
    const nodes = (await k.ok(['get', 'pods', '-l', 'app=spread', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ');
    const victim = nodes[0];
    // --force: the bare `counter` pod of an earlier test may be on that node.
    const out = await k.ok(['drain', victim, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(out).toMatch(new RegExp(`node/${victim} cordoned`));
    expect(out).toMatch(new RegExp(`node/${victim} drained`));
    await k.ok(['rollout', 'status', 'deployment/spread', '--timeout=30s'], { timeoutMs: 40_000 });
    const after = (await k.ok(['get', 'pods', '-l', 'app=spread', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ');
    expect(after).toHaveLength(3);
    expect(after).not.toContain(victim);
    // The node lifecycle controller turns spec.unschedulable into a taint on its next pass (5 s).
    await waitFor(async () => (await k.ok(['get', 'node', victim, '-o', 'jsonpath={.spec.taints[*].key}'])).includes('node.kubernetes.io/unschedulable'), 10_000, 'the unschedulable taint');
    expect((await k.ok(['uncordon', victim])).trim()).toBe(`node/${victim} uncordoned`);
  });
});

describe('kubectl exec (WebSocket v5.channel.k8s.io)', () => {
  let pod = '';
  beforeAll(async () => {
    // The Service first: containers get the Service variables of what exists when they start.
    await k.ok(['create', 'service', 'clusterip', 'site', '--tcp=80:80']);
    await k.ok(['create', 'deployment', 'site', '--image=nginx', '--replicas=2']);
    await k.ok(['rollout', 'status', 'deployment/site', '--timeout=30s'], { timeoutMs: 40_000 });
    pod = (await k.ok(['get', 'pods', '-l', 'app=site', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
  });

  it('runs commands with their output and exit code', async () => {
    const ls = await k.ok(['exec', pod, '--', 'ls', '/usr/share/nginx/html']);
    expect(ls.split('\n').filter(Boolean)).toEqual(['50x.html', 'index.html']);
    expect((await k.ok(['exec', pod, '--', 'hostname'])).trim()).toBe(pod);
    const failed = await k.run(['exec', pod, '--', 'sh', '-c', 'exit 3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('command terminated with exit code 3');
    const missing = await k.run(['exec', pod, '--', 'nosuchcmd']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('exec: "nosuchcmd": executable file not found in $PATH');
  });

  it('the container sees its environment, cluster DNS, and reaches a Service', async () => {
    const env = await k.ok(['exec', pod, '--', 'env']);
    expect(env).toMatch(/^KUBERNETES_SERVICE_HOST=10\.96\.0\.1$/m);
    expect(env).toMatch(/^SITE_SERVICE_PORT=80$/m);
    const resolv = await k.ok(['exec', pod, '--', 'cat', '/etc/resolv.conf']);
    expect(resolv).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    const page = await k.ok(['exec', pod, '--', 'curl', '-s', 'site']);
    expect(page).toContain('<title>Welcome to nginx!</title>');
    const token = await k.ok(['exec', pod, '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']);
    expect(token).toBe('default');
  });

  it('an interactive shell reads commands from stdin', async () => {
    const out = await k.ok(['exec', '-i', pod, '--', 'bash'], { input: 'cd /etc; cat hostname\nexit\n' });
    expect(out.trim()).toBe(pod);
  });
});

describe('batch, daemon and stateful workloads, service endpoints', () => {
  it('a Job runs to completion and its pod logs what it printed', async () => {
    await k.ok(['create', 'job', 'pi', '--image=perl:5.34.0', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
    await k.ok(['wait', '--for=condition=complete', 'job/pi', '--timeout=30s'], { timeoutMs: 40_000 });
    expect(await k.ok(['get', 'job', 'pi', '-o', 'jsonpath={.status.succeeded}'])).toBe('1');
    expect(await k.ok(['logs', 'job/pi'])).toMatch(/^3\.14159265358979/);
  });

  it('a DaemonSet lands on every schedulable worker, a StatefulSet starts in order', async () => {
    await k.ok(['apply', '-f', file('ds-sts.yaml', [
      'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec:', '  selector: {matchLabels: {app: agent}}',
      '  template:', '    metadata: {labels: {app: agent}}', '    spec: {containers: [{name: a, image: busybox, command: [sh, -c, "while true; do sleep 5; done"]}]}',
      '---', 'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}', 'spec:', '  serviceName: db', '  replicas: 3',
      '  selector: {matchLabels: {app: db}}', '  template:', '    metadata: {labels: {app: db}}', '    spec: {containers: [{name: db, image: redis}]}',
    ].join('\n'))]);
    await k.ok(['rollout', 'status', 'daemonset/agent', '--timeout=30s'], { timeoutMs: 40_000 });
    const nodes = (await k.ok(['get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ').sort();
    expect(nodes).toEqual(['worker-1', 'worker-2', 'worker-3']); // control-plane nodes are tainted
    await k.ok(['rollout', 'status', 'statefulset/db', '--timeout=30s'], { timeoutMs: 40_000 });
    const pods = await k.ok(['get', 'pods', '-l', 'app=db', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.startTime}{"\\n"}{end}']);
    const started = pods.trim().split('\n').map((l) => l.split(' ')).sort((a, b) => a[0].localeCompare(b[0]));
    expect(started.map((p) => p[0])).toEqual(['db-0', 'db-1', 'db-2']);
    expect(started[0][1] <= started[1][1] && started[1][1] <= started[2][1]).toBe(true);
  });

  it('Service endpoints follow the ready pods', async () => {
    await k.ok(['create', 'deployment', 'api', '--image=nginx', '--replicas=2']);
    await k.ok(['expose', 'deployment', 'api', '--port=80']);
    await k.ok(['rollout', 'status', 'deployment/api', '--timeout=30s'], { timeoutMs: 40_000 });
    await waitFor(async () => (await k.ok(['get', 'endpoints', 'api', '-o', 'jsonpath={.subsets[0].addresses[*].ip}'])).split(' ').filter(Boolean).length === 2, 10_000, 'two endpoints');
    const slice = JSON.parse(await k.ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=api', '-o', 'json'])) as { items: { endpoints: { conditions: { ready: boolean } }[] }[] };
    expect(slice.items[0].endpoints.map((e) => e.conditions.ready)).toEqual([true, true]);
    await k.ok(['scale', 'deployment/api', '--replicas=1']);
    await waitFor(async () => (await k.ok(['get', 'endpoints', 'api', '-o', 'jsonpath={.subsets[0].addresses[*].ip}'])).split(' ').filter(Boolean).length === 1, 15_000, 'one endpoint');
  });

  it('a CronJob fires at its next minute', async () => {
    await k.ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *', '--', 'sh', '-c', 'echo tick']);
    await waitFor(async () => /tick-\d+/.test(await k.ok(['get', 'jobs', '-o', 'name'])), 75_000, 'a job from the CronJob');
    const events = await k.ok(['get', 'events', '--field-selector', 'involvedObject.name=tick,reason=SuccessfulCreate', '-o', 'jsonpath={.items[*].message}']);
    expect(events).toMatch(/^Created job tick-\d+/);
  }, 90_000);
});

describe('authentication and RBAC', () => {
  it('auth whoami and can-i for the admin, a service account bound to view, and an unbound user', async () => {
    const who = await k.ok(['auth', 'whoami']);
    expect(who).toMatch(/^Username\s+kubernetes-admin$/m);
    expect(who).toMatch(/^Groups\s+\[system:masters system:authenticated\]$/m);
    expect((await k.ok(['auth', 'can-i', 'create', 'pods'])).trim()).toBe('yes');
    await k.ok(['create', 'serviceaccount', 'reader']);
    await k.ok(['create', 'rolebinding', 'reader-view', '--clusterrole=view', '--serviceaccount=default:reader']);
    const sa = ['--as=system:serviceaccount:default:reader'];
    expect((await k.ok(['auth', 'can-i', 'list', 'pods', ...sa])).trim()).toBe('yes');
    const no = await k.run(['auth', 'can-i', 'delete', 'pods', ...sa]);
    expect(no.code).toBe(1);
    expect(no.stdout.trim()).toBe('no');
    const denied = await k.run(['get', 'secrets', ...sa]);
    expect(denied.stderr.trim()).toBe('Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:default:reader" cannot list resource "secrets" in API group "" in the namespace "default"');
    const jane = await k.run(['get', 'nodes', '--as=jane']);
    expect(jane.stderr.trim()).toBe('Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it('a token from kubectl create token authenticates as its service account', async () => {
    const token = (await k.ok(['create', 'token', 'reader'])).trim();
    expect(token.split('.')).toHaveLength(3);
    const cfg = resolveContext(parseKubeconfig(readFileSync(kd.kubeconfig, 'utf8')));
    const asToken = ['--kubeconfig=/dev/null', `--server=${cfg.server}`, '--insecure-skip-tls-verify', `--token=${token}`];
    const who = await k.run(['auth', 'whoami', ...asToken]);
    expect(who.stdout).toMatch(/^Username\s+system:serviceaccount:default:reader$/m);
    const pods = await k.run(['get', 'pods', ...asToken]);
    expect(pods.code).toBe(0);
    const bad = await k.run(['get', 'pods', '--kubeconfig=/dev/null', `--server=${cfg.server}`, '--insecure-skip-tls-verify', '--token=not-a-token']);
    // Which request meets the 401 first decides kubectl's wording; both are what kube-apiserver gets.
    expect(bad.stderr).toMatch(/error: You must be logged in to the server \((Unauthorized|the server has asked for the client to provide credentials)\)/);
  });

  it('the aggregated view role carries its parts\' rules', async () => {
    const rules = JSON.parse(await k.ok(['get', 'clusterrole', 'view', '-o', 'jsonpath={.rules}'])) as { resources: string[] }[];
    expect(rules.flatMap((r) => r.resources)).toEqual(expect.arrayContaining(['pods', 'deployments', 'pods/log']));
  });
});

describe('kubectl create generators (protobuf request bodies, kubectl 1.32 and 1.33)', () => {
  it.each([32, 33])('kubectl 1.%i creates namespaces, configmaps, secrets, deployments, services and service accounts', async (minor) => {
    const kc = new Kubectl(minor, kd.kubeconfig);
    const ns = `gen-${minor}`;
    expect(await kc.ok(['create', 'namespace', ns])).toBe(`namespace/${ns} created\n`);
    expect(await kc.ok(['create', 'configmap', 'c1', '--from-literal=a=b', '-n', ns])).toBe('configmap/c1 created\n');
    expect(await kc.ok(['create', 'secret', 'generic', 's1', '--from-literal=k=v', '-n', ns])).toBe('secret/s1 created\n');
    expect(await kc.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=0', '-n', ns])).toBe('deployment.apps/web created\n');
    expect(await kc.ok(['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080', '-n', ns])).toBe('service/svc1 created\n');
    expect(await kc.ok(['create', 'serviceaccount', 'sa1', '-n', ns])).toBe('serviceaccount/sa1 created\n');
    const cm = JSON.parse(await kc.ok(['get', 'configmap', 'c1', '-n', ns, '-o', 'json'])) as { data: Record<string, string> };
    expect(cm.data).toEqual({ a: 'b' });
    const secret = JSON.parse(await kc.ok(['get', 'secret', 's1', '-n', ns, '-o', 'json'])) as { data: Record<string, string> };
    expect(secret.data).toEqual({ k: Buffer.from('v').toString('base64') });
    const deploy = JSON.parse(await kc.ok(['get', 'deployment', 'web', '-n', ns, '-o', 'json'])) as { spec: { replicas: number } };
    expect(deploy.spec.replicas).toBe(0); // an explicit zero survives the protobuf pointer semantics
    expect((await kc.ok(['delete', 'namespace', ns], { timeoutMs: 30_000 })).trim()).toBe(`namespace "${ns}" deleted`);
  });
});

describe('HttpClusterClient', () => {
  it('creates, watches, patches and deletes over HTTPS with upstream errors', async () => {
    const ctx = resolveContext(parseKubeconfig(readFileSync(kd.kubeconfig, 'utf8')));
    const client = new HttpClusterClient({ server: ctx.server, ca: ctx.ca, cert: ctx.cert, key: ctx.key });
    try {
      const list = await client.list(CONFIG_MAPS, { namespace: 'default' });
      const events: WatchEvent[] = [];
      const w = await client.watch(CONFIG_MAPS, { namespace: 'default', resourceVersion: list.metadata.resourceVersion }, { event: (e) => events.push(e), closed: () => undefined });
      await client.create(CONFIG_MAPS, 'default', { metadata: { name: 'via-http' }, data: { a: '1' } });
      await client.patch(CONFIG_MAPS, 'default', 'via-http', 'merge', { data: { a: '2' } });
      await client.delete(CONFIG_MAPS, 'default', 'via-http');
      await waitFor(() => events.length >= 3, 5_000, 'three watch events');
      w.stop();
      expect(events.map((e) => `${e.type} ${String((e.object.data as { a?: string } | undefined)?.a)}`)).toEqual(['ADDED 1', 'MODIFIED 2', 'DELETED 2']);
      const err = await client.get(CONFIG_MAPS, 'default', 'via-http').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatusError);
      expect((err as StatusError).status).toMatchObject({ code: 404, reason: 'NotFound', message: 'configmaps "via-http" not found' });
    } finally {
      client.close();
    }
  });
});
