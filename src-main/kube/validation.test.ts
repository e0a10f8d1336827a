import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults';
import type { KubeObject } from './object';
import { CONFIG_MAPS, DEPLOYMENTS, EVENTS, NAMESPACES, NODES, PODS, REPLICA_SETS, SECRETS, SERVICES } from './registry';
import type { ResourceType } from './resource-type';
import { invalid } from './status';
import { validateCreate, validateUpdate } from './validation';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function defaulted(rt: ResourceType, obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  applyDefaults(rt, copy);
  return copy;
}

/** The 422 message kube-apiserver would answer with for creating `obj`. */
function createMessage(rt: ResourceType, obj: KubeObject): string {
  const o = defaulted(rt, obj);
  const errs = validateCreate(rt, o);
  if (errs.length === 0) return '';
  return invalid({ group: rt.group, kind: rt.kind }, o.metadata.name ?? '', errs).status.message ?? '';
}

function updateMessage(rt: ResourceType, next: KubeObject, old: KubeObject): string {
  const n = defaulted(rt, next);
  const o = defaulted(rt, old);
  const errs = validateUpdate(rt, n, o);
  if (errs.length === 0) return '';
  return invalid({ group: rt.group, kind: rt.kind }, n.metadata.name ?? '', errs).status.message ?? '';
}

const pod = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'p', namespace: 'default', ...meta }, spec });
const stored = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, uid: 'u1', resourceVersion: '5', creationTimestamp: '2026-01-01T00:00:00Z' } });

describe('pods', () => {
  it('accepts a minimal pod', () => {
    expect(createMessage(PODS, pod({ containers: [{ name: 'main', image: 'nginx' }] }))).toBe('');
  });

  const cases: [string, KubeObject, string][] = [
    ['missing image', pod({ containers: [{ name: 'main' }] }), 'Pod "p" is invalid: spec.containers[0].image: Required value'],
    ['no containers', pod({ containers: [] }), 'Pod "p" is invalid: spec.containers: Required value'],
    [
      'bad name and missing image',
      pod({ containers: [{ name: 'main' }] }, { name: 'Bad_Name' }),
      `Pod "Bad_Name" is invalid: [metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}, spec.containers[0].image: Required value]`,
    ],
    ['missing name', pod({ containers: [{ name: 'main', image: 'x' }] }, { name: undefined }), 'Pod "" is invalid: metadata.name: Required value: name or generateName is required'],
    [
      'duplicate container names',
      pod({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }),
      'Pod "p" is invalid: spec.containers[1].name: Duplicate value: "a"',
    ],
    [
      'container name not a DNS label',
      pod({ containers: [{ name: 'Main', image: 'x' }] }),
      `Pod "p" is invalid: spec.containers[0].name: Invalid value: "Main": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'port out of range',
      pod({ containers: [{ name: 'm', image: 'x', ports: [{ containerPort: 70000 }] }] }),
      'Pod "p" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'unsupported protocol',
      pod({ containers: [{ name: 'm', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] }),
      'Pod "p" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'unsupported restart policy',
      pod({ restartPolicy: 'Sometimes', containers: [{ name: 'm', image: 'x' }] }),
      'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'mount of a missing volume',
      pod({ containers: [{ name: 'm', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }),
      'Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'requests above limits',
      pod({ containers: [{ name: 'm', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] }),
      'Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'bad label',
      pod({ containers: [{ name: 'm', image: 'x' }] }, { labels: { app: 'a b' } }),
      `Pod "p" is invalid: metadata.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      'bad toleration operator',
      pod({ containers: [{ name: 'm', image: 'x' }], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }),
      'Pod "p" is invalid: spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
    ],
    [
      'env from two sources',
      pod({ containers: [{ name: 'm', image: 'x', env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] }),
      'Pod "p" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ],
  ];
  it.each(cases)('%s', (_name, obj, message) => {
    expect(createMessage(PODS, obj)).toBe(message);
  });

  it('updates may change images but not other spec fields', () => {
    const old = stored(pod({ containers: [{ name: 'm', image: 'nginx:1.26' }] }));
    expect(updateMessage(PODS, stored(pod({ containers: [{ name: 'm', image: 'nginx:1.27' }] })), old)).toBe('');
    const msg = updateMessage(PODS, stored(pod({ containers: [{ name: 'm', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }] })), old);
    expect(msg).toMatch(
      /^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(updateMessage(PODS, stored(pod({ containers: [{ name: 'm', image: 'x' }, { name: 'n', image: 'y' }] })), old)).toBe(
      'Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });

  it('metadata immutability on update', () => {
    const old = stored(pod({ containers: [{ name: 'm', image: 'x' }] }));
    const next = stored(pod({ containers: [{ name: 'm', image: 'x' }] }));
    next.metadata.uid = 'u2';
    next.metadata.creationTimestamp = '2026-01-02T03:04:05Z';
    expect(updateMessage(PODS, next, old)).toBe(
      'Pod "p" is invalid: [metadata.uid: Invalid value: "u2": field is immutable, metadata.creationTimestamp: Invalid value: 2026-01-02 03:04:05 +0000 UTC: field is immutable]',
    );
    delete next.metadata.resourceVersion;
    expect(updateMessage(PODS, { ...next, metadata: { ...old.metadata, resourceVersion: undefined } }, old)).toBe(
      'Pod "p" is invalid: metadata.resourceVersion: Invalid value: "": must be specified for an update',
    );
  });
});

describe('deployments and replica sets', () => {
  const deployment = (spec: Record<string, unknown>): KubeObject => ({ metadata: { name: 'web', namespace: 'default' }, spec });
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } };

  it('valid', () => {
    expect(createMessage(DEPLOYMENTS, deployment({ selector: { matchLabels: { app: 'web' } }, template }))).toBe('');
  });

  it('selector missing', () => {
    expect(createMessage(DEPLOYMENTS, deployment({ template }))).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
  });

  it('selector not matching the template', () => {
    expect(createMessage(DEPLOYMENTS, deployment({ selector: { matchLabels: { app: 'db' } }, template }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('empty selector', () => {
    expect(createMessage(DEPLOYMENTS, deployment({ selector: {}, template }))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it('negative replicas and bad strategy', () => {
    expect(createMessage(DEPLOYMENTS, deployment({ replicas: -1, selector: { matchLabels: { app: 'web' } }, template }))).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(
      createMessage(DEPLOYMENTS, deployment({ selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })),
    ).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0');
  });

  it('template restart policy must be Always', () => {
    expect(createMessage(DEPLOYMENTS, deployment({ selector: { matchLabels: { app: 'web' } }, template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it('the selector is immutable', () => {
    const old = stored(deployment({ selector: { matchLabels: { app: 'web' } }, template }));
    const next = stored(deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } }, template: { ...template, metadata: { labels: { app: 'web', tier: 'x' } } } }));
    expect(updateMessage(DEPLOYMENTS, next, old)).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('replica sets', () => {
    expect(createMessage(REPLICA_SETS, { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template } })).toBe('');
    expect(createMessage(REPLICA_SETS, { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: {}, template } })).toBe(
      'ReplicaSet.apps "rs" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });
});

describe('core kinds', () => {
  it('services', () => {
    const svc = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({ metadata: { name, namespace: 'default' }, spec });
    expect(createMessage(SERVICES, svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }))).toBe('');
    expect(createMessage(SERVICES, svc({ selector: { app: 'web' } }))).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(createMessage(SERVICES, svc({ ports: [{ port: 80 }] }, '1web'))).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(createMessage(SERVICES, svc({ type: 'Magic', ports: [{ port: 80 }] }))).toBe(
      'Service "web" is invalid: spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(createMessage(SERVICES, svc({ ports: [{ port: 80 }, { port: 443 }] }))).toBe('Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    expect(createMessage(SERVICES, svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }))).toBe(
      'Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
    expect(createMessage(SERVICES, svc({ ports: [{ port: 80, nodePort: 30001 }] }))).toBe("Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    const old = stored(svc({ clusterIP: '10.96.0.5', ports: [{ port: 80 }] }));
    expect(updateMessage(SERVICES, stored(svc({ clusterIP: '10.96.0.6', ports: [{ port: 80 }] })), old)).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.6"}: may not change once set',
    );
  });

  it('config maps and secrets', () => {
    expect(createMessage(CONFIG_MAPS, { metadata: { name: 'c', namespace: 'default' }, data: { 'bad key': 'x' } })).toBe(
      `ConfigMap "c" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
    const immutable: KubeObject = stored({ metadata: { name: 'c', namespace: 'default' }, data: { a: '1' }, immutable: true });
    expect(updateMessage(CONFIG_MAPS, { ...immutable, data: { a: '2' } }, immutable)).toBe('ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    expect(createMessage(SECRETS, { metadata: { name: 's', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} })).toBe(
      'Secret "s" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    const secret = stored({ metadata: { name: 's', namespace: 'default' }, type: 'Opaque', data: {} });
    expect(updateMessage(SECRETS, { ...secret, type: 'kubernetes.io/basic-auth', data: { username: 'eA==' } }, secret)).toBe(
      'Secret "s" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    );
  });

  it('namespaces and nodes', () => {
    expect(createMessage(NAMESPACES, { metadata: { name: 'team-a' } })).toBe('');
    expect(createMessage(NAMESPACES, { metadata: { name: 'team.a' } })).toBe('Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots');
    expect(createMessage(NODES, { metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } })).toBe(
      'Node "n1" is invalid: spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    expect(createMessage(NODES, { metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] } })).toBe(
      'Node "n1" is invalid: spec.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    );
  });

  it('events', () => {
    expect(createMessage(EVENTS, { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' } })).toBe('');
    expect(createMessage(EVENTS, { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } })).toBe(
      'Event "e" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    );
  });
});
