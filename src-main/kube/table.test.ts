import { describe, expect, it } from 'vitest';
import type { KubeObject } from './object';
import { CONFIG_MAPS, DEPLOYMENTS, EVENTS, NAMESPACES, NODES, PODS, REPLICA_SETS, SECRETS, SERVICE_ACCOUNTS, SERVICES } from './registry';
import { toTable } from './table';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');

function pod(status: Record<string, unknown>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(300), ...meta },
    spec: { containers: [{ name: 'main', image: 'nginx' }], ...spec },
    status,
  };
}

const running = (name = 'main', extra: Record<string, unknown> = {}) => ({ name, ready: true, restartCount: 0, state: { running: { startedAt: ago(200) } }, ...extra });

describe('pod rows', () => {
  const cases: [string, KubeObject, unknown[]][] = [
    ['pending, unscheduled', pod({ phase: 'Pending' }), ['web', '0/1', 'Pending', '0', '5m', '<none>', '<none>', '<none>', '<none>']],
    [
      'container creating',
      pod({ phase: 'Pending', containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }, { nodeName: 'worker-1' }),
      ['web', '0/1', 'ContainerCreating', '0', '5m', '<none>', 'worker-1', '<none>', '<none>'],
    ],
    [
      'running and ready',
      pod({ phase: 'Running', podIP: '10.244.1.5', containerStatuses: [running()], conditions: [{ type: 'Ready', status: 'True' }] }, { nodeName: 'worker-1' }),
      ['web', '1/1', 'Running', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ],
    [
      'crash loop with restarts',
      pod({
        phase: 'Running',
        podIPs: [{ ip: '10.244.1.6' }],
        containerStatuses: [
          {
            name: 'main',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(65) } },
          },
        ],
      }),
      ['web', '0/1', 'CrashLoopBackOff', '3 (65s ago)', '5m', '10.244.1.6', '<none>', '<none>', '<none>'],
    ],
    [
      'completed',
      pod({ phase: 'Succeeded', containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }),
      ['web', '0/1', 'Completed', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'terminated without a reason',
      pod({ phase: 'Failed', containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] }),
      ['web', '0/1', 'Signal:9', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'terminating',
      pod({ phase: 'Running', containerStatuses: [running()] }, {}, { deletionTimestamp: ago(1) }),
      ['web', '1/1', 'Terminating', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'node lost while deleting',
      pod({ phase: 'Running', reason: 'NodeLost', containerStatuses: [running()] }, {}, { deletionTimestamp: ago(1) }),
      ['web', '1/1', 'Unknown', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'evicted',
      pod({ phase: 'Failed', reason: 'Evicted' }),
      ['web', '0/1', 'Evicted', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'init container running',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { running: {} } }], containerStatuses: [{ name: 'main', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] },
        { initContainers: [{ name: 'init', image: 'busybox' }] },
      ),
      ['web', '0/1', 'Init:0/1', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'init container failing',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'init', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
        { initContainers: [{ name: 'init', image: 'busybox' }] },
      ),
      ['web', '0/1', 'Init:CrashLoopBackOff', '2', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'init container exited with an error',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } }] },
        { initContainers: [{ name: 'init', image: 'busybox' }] },
      ),
      ['web', '0/1', 'Init:ExitCode:2', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'sidecar counts as a container',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [{ name: 'proxy', ready: true, started: true, restartCount: 0, state: { running: {} } }],
          containerStatuses: [running()],
        },
        { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
      ),
      ['web', '2/2', 'Running', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'scheduling gated',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['web', '0/1', 'SchedulingGated', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'readiness gates and nomination',
      pod({ phase: 'Pending', nominatedNodeName: 'worker-2', conditions: [{ type: 'example.com/lb', status: 'True' }] }, { readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'other' }] }),
      ['web', '0/1', 'Pending', '0', '5m', '<none>', '<none>', 'worker-2', '1/2'],
    ],
    [
      'completed but one container still running',
      pod({
        phase: 'Running',
        containerStatuses: [running('a'), { name: 'b', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      }),
      ['web', '1/1', 'NotReady', '0', '5m', '<none>', '<none>', '<none>', '<none>'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, cells) => {
    expect(PODS.row(obj, NOW)).toEqual(cells);
  });

  it('finished pods carry the Completed row condition', () => {
    const table = toTable(PODS, [pod({ phase: 'Succeeded' })], NOW);
    expect(table.rows[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });
});

describe('toTable', () => {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', creationTimestamp: ago(90), resourceVersion: '7' }, data: { a: '1', b: '2' } };

  it('has upstream columns and PartialObjectMetadata rows by default', () => {
    const t = toTable(CONFIG_MAPS, [obj], NOW, { resourceVersion: '9', continue: 'abc' });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '9', continue: 'abc' });
    expect(t.columnDefinitions?.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Data', 'string', '', 0],
      ['Age', 'string', '', 0],
    ]);
    expect(t.rows).toEqual([{ cells: ['cfg', 2, '90s'], object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata } }]);
  });

  it('includeObject None and Object', () => {
    expect(toTable(CONFIG_MAPS, [obj], NOW, { includeObject: 'None' }).rows[0]).toEqual({ cells: ['cfg', 2, '90s'] });
    expect(toTable(CONFIG_MAPS, [obj], NOW, { includeObject: 'Object' }).rows[0].object).toBe(obj);
    expect(toTable(CONFIG_MAPS, [obj], NOW, { noHeaders: true }).columnDefinitions).toBeNull();
  });

  it('every kind has as many cells as columns', () => {
    for (const rt of [CONFIG_MAPS, DEPLOYMENTS, EVENTS, NAMESPACES, NODES, PODS, REPLICA_SETS, SECRETS, SERVICE_ACCOUNTS, SERVICES]) {
      expect(rt.row({ metadata: { name: 'x' } }, NOW)).toHaveLength(rt.columns.length);
    }
  });

  it('pod columns', () => {
    expect(PODS.columns.map((c) => `${c.name}/${c.type}/${c.priority}`)).toEqual([
      'Name/string/0',
      'Ready/string/0',
      'Status/string/0',
      'Restarts/string/0',
      'Age/string/0',
      'IP/string/1',
      'Node/string/1',
      'Nominated Node/string/1',
      'Readiness Gates/string/1',
    ]);
  });
});

describe('node rows', () => {
  const node = (labels: Record<string, string>, conditions: unknown[], unschedulable = false): KubeObject => ({
    metadata: { name: 'cp-1', labels, creationTimestamp: ago(3 * 86400) },
    spec: unschedulable ? { unschedulable: true } : {},
    status: {
      conditions,
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'cp-1' },
      ],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.0.0' },
    },
  });

  it('ready control plane', () => {
    expect(NODES.row(node({ 'node-role.kubernetes.io/control-plane': '' }, [{ type: 'Ready', status: 'True' }]), NOW)).toEqual([
      'cp-1',
      'Ready',
      'control-plane',
      '3d',
      'v1.32.0',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0',
      'containerd://2.0.0',
    ]);
  });

  it('status variants and roles', () => {
    expect(NODES.row(node({}, [{ type: 'Ready', status: 'False' }]), NOW).slice(1, 3)).toEqual(['NotReady', '<none>']);
    expect(NODES.row(node({}, [{ type: 'Ready', status: 'Unknown' }], true), NOW)[1]).toBe('NotReady,SchedulingDisabled');
    expect(NODES.row(node({}, []), NOW)[1]).toBe('Unknown');
    expect(NODES.row(node({ 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'infra', 'node-role.kubernetes.io/': '' }, []), NOW)[2]).toBe('infra,worker');
  });
});

describe('other kinds', () => {
  it('deployment', () => {
    const d: KubeObject = {
      metadata: { name: 'web', creationTimestamp: ago(600) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [{ name: 'main', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(DEPLOYMENTS.row(d, NOW)).toEqual(['web', '2/3', 3, 2, '10m', 'main,log', 'nginx:1.27,busybox', 'app=web']);
  });

  it('replica set', () => {
    const rs: KubeObject = {
      metadata: { name: 'web-5d4f', creationTimestamp: ago(600) },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' } }, template: { spec: { containers: [{ name: 'main', image: 'nginx' }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(REPLICA_SETS.row(rs, NOW)).toEqual(['web-5d4f', 2, 2, 1, '10m', 'main', 'nginx', 'app=web,pod-template-hash=5d4f']);
  });

  it('services', () => {
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 's', creationTimestamp: ago(60) }, spec, status });
    expect(SERVICES.row(svc({ type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], selector: { k8s: 'dns' } }), NOW)).toEqual([
      's',
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '53/UDP,53/TCP',
      '60s',
      'k8s=dns',
    ]);
    expect(SERVICES.row(svc({ type: 'NodePort', clusterIP: '10.96.1.1', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }), NOW).slice(2, 5)).toEqual(['10.96.1.1', '<none>', '80:30080/TCP']);
    expect(SERVICES.row(svc({ type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], ports: [] }), NOW)[3]).toBe('<pending>');
    expect(SERVICES.row(svc({ type: 'LoadBalancer', ports: [] }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }] } }), NOW)[3]).toBe('203.0.113.9,lb.example.com');
    expect(SERVICES.row(svc({ type: 'ExternalName', externalName: 'db.example.com' }), NOW).slice(2, 5)).toEqual(['<none>', 'db.example.com', '<none>']);
    expect(SERVICES.row(svc({ type: 'ClusterIP', clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] }), NOW)[2]).toBe('None');
  });

  it('namespaces, secrets, service accounts', () => {
    expect(NAMESPACES.row({ metadata: { name: 'default', creationTimestamp: ago(86400) }, status: { phase: 'Active' } }, NOW)).toEqual(['default', 'Active', '24h']);
    expect(SECRETS.row({ metadata: { name: 'tls', creationTimestamp: ago(5) }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } }, NOW)).toEqual(['tls', 'kubernetes.io/tls', 2, '5s']);
    expect(SERVICE_ACCOUNTS.row({ metadata: { name: 'default', creationTimestamp: ago(5) } }, NOW)).toEqual(['default', 0, '5s']);
  });

  it('events', () => {
    const ev: KubeObject = {
      metadata: { name: 'web.17a', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{main}' },
      reason: 'Pulled',
      message: 'Successfully pulled image "nginx"\n',
      type: 'Normal',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      count: 4,
    };
    expect(EVENTS.row(ev, NOW)).toEqual(['30s', 'Normal', 'Pulled', 'pod/web', 'spec.containers{main}', 'kubelet, worker-1', 'Successfully pulled image "nginx"', '10m', 4, 'web.17a']);
    const newStyle: KubeObject = {
      metadata: { name: 'e2' },
      involvedObject: { kind: 'Node' },
      reason: 'Starting',
      type: 'Normal',
      eventTime: ago(120),
      reportingComponent: 'kube-proxy',
      reportingInstance: 'kube-proxy-worker-1',
      series: { count: 2, lastObservedTime: ago(10) },
    };
    expect(EVENTS.row(newStyle, NOW)).toEqual(['10s', 'Normal', 'Starting', 'node', '', 'kube-proxy, kube-proxy-worker-1', '', '2m', 2, 'e2']);
    expect(EVENTS.columns.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
  });
});
