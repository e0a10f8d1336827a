#!/usr/bin/env node
// Regenerates the protobuf golden fixtures in this folder from a real kubectl.
//
// For each case it runs kubectl against a throw-away local HTTP server that answers legacy
// discovery and records request bodies, and saves the protobuf body kubectl POSTed as
// `<name>.pb`. For `create` commands it also saves `<name>.json`: the same command with
// `--dry-run=client -o json`, which is kubectl's own JSON view of the object it sends. The auth
// reviews and the token request have no dry run; their `.json` files are written by hand (the
// script leaves them alone and only warns when one is missing).
//
// Usage: node tests/testdata/protobuf/capture.mjs [--kubectl PATH] [--suffix -1.27] [--only NAME,...] [--out DIR]
// The committed fixtures come from kubectl 1.32 (no suffix) plus, for a few cases, 1.33. kubectl
// 1.27-1.31 send these bodies as JSON, so they have nothing to capture. To refresh the 1.33 ones:
//   node tests/testdata/protobuf/capture.mjs --kubectl .../kubectl.1.33 --suffix -1.33 --only deployment,secret-generic,service-clusterip,can-i
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}
const kubectl = option('--kubectl', '/usr/lib/google-cloud-sdk/bin/kubectl.1.32');
const suffix = option('--suffix', '');
const only = option('--only', undefined)?.split(',');
const here = option('--out', import.meta.dirname);

/** name, kubectl arguments, and whether `--dry-run=client -o json` gives the expected JSON. */
const CASES = [
  ['namespace', ['create', 'namespace', 'x'], true],
  ['configmap', ['create', 'configmap', 'foo', '--from-literal=a=b', '--from-literal=c=d'], true],
  ['secret-generic', ['create', 'secret', 'generic', 's', '--from-literal=k=v', '--from-literal=empty='], true],
  ['secret-docker-registry', ['create', 'secret', 'docker-registry', 'reg', '--docker-username=u', '--docker-password=p', '--docker-server=r.example'], true],
  ['deployment', ['create', 'deployment', 'web', '--image=nginx', '--replicas=0'], true],
  ['deployment-ports', ['create', 'deployment', 'api', '--image=busybox', '--port=8080', '--replicas=3', '--', 'sleep', '10'], true],
  ['deployment-images', ['create', 'deployment', 'multi', '--image=nginx', '--image=redis:7'], true],
  ['service-clusterip', ['create', 'service', 'clusterip', 's', '--tcp=80:8080'], true],
  ['service-nodeport', ['create', 'service', 'nodeport', 'np', '--tcp=80:http', '--node-port=30080'], true],
  ['service-externalname', ['create', 'service', 'externalname', 'ext', '--external-name=example.com'], true],
  ['serviceaccount', ['create', 'serviceaccount', 'sa'], true],
  ['job', ['create', 'job', 'j', '--image=busybox', '--', 'date'], true],
  ['cronjob', ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *'], true],
  ['role', ['create', 'role', 'r', '--verb=get,list', '--resource=pods,deployments.apps'], true],
  ['rolebinding', ['create', 'rolebinding', 'rb', '--role=r', '--user=alice', '--serviceaccount=default:sa'], true],
  ['quota', ['create', 'quota', 'q', '--hard=cpu=1500m,memory=1Gi,pods=10'], true],
  ['pdb', ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%'], true],
  ['priorityclass', ['create', 'priorityclass', 'high', '--value=1000', '--description=important'], true],
  ['ingress', ['create', 'ingress', 'ing', '--rule=foo.com/bar=svc:8080'], true],
  ['autoscale', ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80'], true],
  ['can-i', ['auth', 'can-i', 'create', 'pods'], false],
  ['can-i-subresource', ['auth', 'can-i', 'get', 'deployments.apps/web', '--subresource=scale', '-n', 'team'], false],
  ['can-i-nonresource', ['auth', 'can-i', 'get', '/logs'], false],
  ['can-i-list', ['auth', 'can-i', '--list', '-n', 'team'], false],
  ['whoami', ['auth', 'whoami'], false],
  ['token', ['create', 'token', 'sa', '--duration=1h', '--audience=api'], false],
];

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** group/version → [plural, kind, namespaced, extra subresources] */
const RESOURCES = {
  v1: [['pods', 'Pod', true], ['namespaces', 'Namespace', false], ['configmaps', 'ConfigMap', true], ['secrets', 'Secret', true],
    ['services', 'Service', true], ['serviceaccounts', 'ServiceAccount', true], ['resourcequotas', 'ResourceQuota', true],
    ['serviceaccounts/token', 'TokenRequest', true, 'authentication.k8s.io']],
  'apps/v1': [['deployments', 'Deployment', true], ['deployments/scale', 'Scale', true, 'autoscaling']],
  'batch/v1': [['jobs', 'Job', true], ['cronjobs', 'CronJob', true]],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true]],
  'autoscaling/v1': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true]],
  'rbac.authorization.k8s.io/v1': [['roles', 'Role', true], ['rolebindings', 'RoleBinding', true]],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget', true]],
  'scheduling.k8s.io/v1': [['priorityclasses', 'PriorityClass', false]],
  'networking.k8s.io/v1': [['ingresses', 'Ingress', true]],
  'authorization.k8s.io/v1': [['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false], ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false]],
  'authentication.k8s.io/v1': [['selfsubjectreviews', 'SelfSubjectReview', false]],
};

function discovery(url) {
  if (url === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (url === '/apis') {
    const groups = Object.keys(RESOURCES).filter((gv) => gv.includes('/')).map((gv) => {
      const [name, version] = gv.split('/');
      return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
    });
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }
  const gv = url.replace(/^\/apis?\//, '');
  if (!RESOURCES[gv]) return undefined;
  const resources = RESOURCES[gv].map(([name, kind, namespaced, group]) => ({
    name, singularName: name.includes('/') ? '' : name.replace(/s$/, ''), namespaced, kind, verbs: name.includes('/') ? ['create', 'get', 'update'] : VERBS,
    ...(group ? { group, version: 'v1' } : {}),
  }));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

/** A reply kubectl accepts for a POST; it only reads a few fields back. */
function postReply(url) {
  if (url.includes('selfsubjectaccessreviews')) return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', status: { allowed: true } };
  if (url.includes('selfsubjectrulesreviews')) return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', status: { resourceRules: [], nonResourceRules: [], incomplete: false } };
  if (url.includes('selfsubjectreviews')) return { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', status: { userInfo: { username: 'admin' } } };
  if (url.endsWith('/token')) return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', status: { token: 'xyz', expirationTimestamp: '2030-01-01T00:00:00Z' } };
  return undefined;
}

/** apiVersion and kind from a protobuf body's envelope: k8s\0, then {1: {1 apiVersion, 2 kind}}. */
function envelopeKind(body) {
  const typeMeta = body.subarray(6, 6 + body[5]);
  const apiVersion = typeMeta.subarray(2, 2 + typeMeta[1]);
  const rest = typeMeta.subarray(2 + typeMeta[1]);
  return { apiVersion: apiVersion.toString(), kind: rest.subarray(2, 2 + rest[1]).toString() };
}

const DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '1' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
};

async function startServer(bodies) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = (req.url ?? '').split('?')[0];
      const send = (code, obj) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (req.method === 'POST') {
        bodies.push({ url, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
        // Echo an object of the posted kind so kubectl is content; it reads little back.
        return send(201, postReply(url) ?? { ...envelopeKind(Buffer.concat(chunks)), metadata: { name: 'x', namespace: 'default' } });
      }
      if (url === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.5' });
      if (url === '/apis/apps/v1/namespaces/default/deployments/web') return send(200, DEPLOYMENT);
      const doc = discovery(url);
      if (doc) return send(200, doc);
      send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kubedeck-pb-'));
  const bodies = [];
  const server = await startServer(bodies);
  const kubeconfig = path.join(tmp, 'kubeconfig');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: c',
    `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${server.address().port}"}}]`,
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]', '',
  ].join('\n'));
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: tmp };
  const kubectlRun = (argv) => run(kubectl, [...argv, `--cache-dir=${path.join(tmp, 'cache')}`], { env });
  try {
    for (const [name, argv, dryRun] of CASES) {
      if (only && !only.includes(name)) continue;
      bodies.length = 0;
      await kubectlRun(argv).catch((e) => console.warn(`${name}: kubectl failed: ${e.stderr || e.message}`));
      const pb = bodies.find((b) => b.contentType === 'application/vnd.kubernetes.protobuf');
      if (!pb) {
        console.warn(`${name}: no protobuf body (saw ${bodies.map((b) => `${b.url} ${b.contentType}`).join(', ') || 'none'})`);
        continue;
      }
      writeFileSync(path.join(here, `${name}${suffix}.pb`), pb.body);
      console.log(`${name}${suffix}.pb: ${pb.body.length} bytes from POST ${pb.url}`);
      const jsonFile = path.join(here, `${name}${suffix}.json`);
      if (dryRun) {
        const { stdout } = await kubectlRun([...leading(argv), '--dry-run=client', '-o', 'json', ...trailing(argv)]);
        writeFileSync(jsonFile, stdout);
      } else if (!existsSync(jsonFile)) {
        console.warn(`${name}${suffix}.json is missing: write it by hand`);
      }
    }
  } finally {
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A command without its `-- cmd args` tail. */
function leading(argv) {
  const i = argv.indexOf('--');
  return i < 0 ? argv : argv.slice(0, i);
}

/** The `-- cmd args` tail of a command, which must stay last. */
function trailing(argv) {
  const i = argv.indexOf('--');
  return i < 0 ? [] : argv.slice(i);
}

await main();
