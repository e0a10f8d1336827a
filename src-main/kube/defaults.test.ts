import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults';
import { imageTag } from './defaults/pod-spec';
import type { KubeObject } from './object';
import { DEPLOYMENTS, EVENTS, NAMESPACES, NODES, PODS, REPLICA_SETS, SECRETS, SERVICES } from './registry';

describe('pod defaults', () => {
  it('fills what the apiserver fills on create', () => {
    const pod: KubeObject = {
      metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'main', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '0.5', memory: '128Mi' } } }] },
    };
    applyDefaults(PODS, pod);
    expect(pod.spec).toEqual({
      containers: [
        {
          name: 'main',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } },
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      enableServiceLinks: true,
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });

  it('is idempotent and keeps what was set', () => {
    const pod: KubeObject = {
      metadata: { name: 'job' },
      spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never' }] },
    };
    applyDefaults(PODS, pod);
    const once = structuredClone(pod);
    applyDefaults(PODS, pod);
    expect(pod).toEqual(once);
    const spec = pod.spec as Record<string, unknown>;
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.terminationGracePeriodSeconds).toBe(5);
    expect((spec.containers as Record<string, unknown>[])[0]).toMatchObject({ imagePullPolicy: 'Never', resources: {} });
  });

  it('probes, volumes, env field refs, service account alias, host network ports', () => {
    const pod: KubeObject = {
      metadata: { name: 'p' },
      spec: {
        serviceAccount: 'builder',
        hostNetwork: true,
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }, { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }],
        containers: [
          {
            name: 'c',
            image: 'app',
            ports: [{ containerPort: 8080 }],
            env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            livenessProbe: { httpGet: { port: 8080 } },
            readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
          },
        ],
      },
    };
    applyDefaults(PODS, pod);
    const spec = pod.spec as Record<string, unknown>;
    expect(spec.serviceAccountName).toBe('builder');
    expect(spec.serviceAccount).toBe('builder');
    expect(spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'tok', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }] } },
    ]);
    const c = (spec.containers as Record<string, unknown>[])[0];
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.ports).toEqual([{ containerPort: 8080, protocol: 'TCP', hostPort: 8080 }]);
    expect(c.env).toEqual([{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } } }]);
    expect(c.livenessProbe).toEqual({ httpGet: { port: 8080, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ grpc: { port: 9000, service: '' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  });

  it('priority from built-in classes', () => {
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { priorityClassName: 'system-node-critical', containers: [] } };
    applyDefaults(PODS, pod);
    expect((pod.spec as Record<string, unknown>).priority).toBe(2000001000);
  });

  it.each([
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.27', '1.27'],
    ['localhost:5000/nginx', 'latest'],
    ['localhost:5000/nginx:v2', 'v2'],
    ['nginx@sha256:abcd', ''],
    ['nginx:1.27@sha256:abcd', '1.27'],
    ['', ''],
  ])('image %j has tag %j', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

describe('workload defaults', () => {
  it('deployment', () => {
    const d: KubeObject = {
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } },
    };
    applyDefaults(DEPLOYMENTS, d);
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' }, creationTimestamp: null },
        spec: {
          containers: [{ name: 'main', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
        },
      },
    });
  });

  it('recreate strategy gets no rollingUpdate; replica sets get one replica', () => {
    const d: KubeObject = { metadata: { name: 'x' }, spec: { replicas: 0, strategy: { type: 'Recreate' } } };
    applyDefaults(DEPLOYMENTS, d);
    expect((d.spec as Record<string, unknown>).strategy).toEqual({ type: 'Recreate' });
    expect((d.spec as Record<string, unknown>).replicas).toBe(0);
    const rs: KubeObject = { metadata: { name: 'x' }, spec: {} };
    applyDefaults(REPLICA_SETS, rs);
    expect((rs.spec as Record<string, unknown>).replicas).toBe(1);
  });
});

describe('core defaults', () => {
  it('service', () => {
    const svc: KubeObject = { metadata: { name: 's' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } };
    applyDefaults(SERVICES, svc);
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, targetPort: 'https', protocol: 'TCP' },
      ],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    const lb: KubeObject = { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } };
    applyDefaults(SERVICES, lb);
    expect(lb.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Cluster' });
    const ext: KubeObject = { metadata: { name: 'e' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } };
    applyDefaults(SERVICES, ext);
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
    const headless: KubeObject = { metadata: { name: 'h' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } };
    applyDefaults(SERVICES, headless);
    expect(headless.spec).toMatchObject({ clusterIPs: ['None'], ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
  });

  it('secret: Opaque, stringData merged into data', () => {
    const s: KubeObject = { metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'héllo', a: 'y' } };
    applyDefaults(SECRETS, s);
    expect(s).toEqual({ metadata: { name: 's' }, type: 'Opaque', data: { a: 'eQ==', b: 'aMOpbGxv' } });
  });

  it('namespace', () => {
    const ns: KubeObject = { metadata: { name: 'team-a', labels: { team: 'a' } } };
    applyDefaults(NAMESPACES, ns);
    expect(ns).toEqual({
      metadata: { name: 'team-a', labels: { team: 'a', 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('node: allocatable from capacity, quantities canonical', () => {
    const node: KubeObject = { metadata: { name: 'n' }, spec: { podCIDR: '10.244.1.0/24' }, status: { capacity: { cpu: '4', memory: '8388608Ki', pods: '110' } } };
    applyDefaults(NODES, node);
    expect(node.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect((node.status as Record<string, unknown>).allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  it('event: the fields v1 always serializes', () => {
    const ev: KubeObject = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Pulled' };
    applyDefaults(EVENTS, ev);
    expect(ev).toMatchObject({ source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: '' });
  });
});
