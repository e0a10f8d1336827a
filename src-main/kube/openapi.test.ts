import { describe, expect, it } from 'vitest';
import type { KubeObject } from './object';
import { decodeError, openApiGroupVersion, openApiRoot, unknownFields } from './openapi';
import { DEPLOYMENTS, NODES, PODS, RESOURCE_TYPES, SECRETS } from './registry';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string }[]; 'x-kubernetes-group-version-kind'?: unknown }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

function doc(group: string, version: string): Doc {
  const d = openApiGroupVersion(group, version);
  if (!d) throw new Error(`no document for ${group}/${version}`);
  return d as Doc;
}

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI v3 documents', () => {
  it('the root lists every served group-version with a hash', () => {
    const root = openApiRoot();
    expect(Object.keys(root.paths)).toEqual([
      'api/v1',
      'apis/apps/v1',
      'apis/batch/v1',
      'apis/policy/v1',
      'apis/rbac.authorization.k8s.io/v1',
      'apis/coordination.k8s.io/v1',
      'apis/discovery.k8s.io/v1',
    ]);
    expect(root.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{16}$/);
    expect(openApiRoot()).toEqual(root);
    expect(openApiGroupVersion('autoscaling', 'v2')).toBeUndefined();
  });

  it.each(RESOURCE_TYPES.filter((rt) => rt.verbs.includes('patch')).map((rt) => [`${rt.group || 'core'}/${rt.plural}`, rt] as const))('%s: patch op with GVK and fieldValidation, and a GVK schema', (_n, rt) => {
    const d = doc(rt.group, rt.version);
    const base = rt.group === '' ? `/api/${rt.version}` : `/apis/${rt.group}/${rt.version}`;
    const item = `${base}${rt.namespaced ? '/namespaces/{namespace}' : ''}/${rt.plural}/{name}`;
    const patch = d.paths[item]?.patch;
    expect(patch, item).toBeDefined();
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: rt.group, version: rt.version, kind: rt.kind });
    expect(patch.parameters?.map((p) => p.name)).toContain('fieldValidation');
    const schema = Object.values(d.components.schemas).find((s) =>
      (s['x-kubernetes-group-version-kind'] as { kind: string; group: string }[] | undefined)?.some((g) => g.kind === rt.kind && g.group === rt.group),
    );
    expect(schema, rt.kind).toBeDefined();
    expect(Object.keys(schema!.properties as object)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']));
  });

  it('every $ref resolves inside its document', () => {
    for (const [group, version] of [
      ['', 'v1'],
      ['apps', 'v1'],
      ['batch', 'v1'],
      ['policy', 'v1'],
      ['discovery.k8s.io', 'v1'],
    ]) {
      const d = doc(group, version);
      for (const r of refs(d)) expect(d.components.schemas[r.replace('#/components/schemas/', '')], r).toBeDefined();
    }
  });

  it('carries what kubectl explain reads', () => {
    const d = doc('', 'v1');
    const pod = d.components.schemas['io.k8s.api.core.v1.Pod'];
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect((pod.properties as Record<string, unknown>).spec).toMatchObject({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }] });
    const spec = d.components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(spec.required).toEqual(['containers']);
    expect((spec.properties as Record<string, unknown>).containers).toMatchObject({
      type: 'array',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    const container = d.components.schemas['io.k8s.api.core.v1.Container'];
    expect((container.properties as Record<string, unknown>).ports).toMatchObject({ 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'], 'x-kubernetes-patch-merge-key': 'containerPort' });
    expect(doc('apps', 'v1').components.schemas['io.k8s.api.core.v1.PodSpec']).toBeDefined();
  });
});

describe('unknownFields', () => {
  it('finds misspelled fields at any depth, with list indexes', () => {
    const metadata: Record<string, unknown> = { name: 'p', labels: { any: 'thing' }, colour: 'red' };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', imagee: 'y', ports: [{ containerPort: 80, proto: 'TCP' }] }], foo: 1 },
    };
    expect(unknownFields(PODS, pod)).toEqual(['metadata.colour', 'spec.containers[1].imagee', 'spec.containers[1].ports[0].proto', 'spec.foo']);
  });

  it('accepts valid objects and does not descend into free-form parts', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] },
      spec: {
        containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } }, livenessProbe: { httpGet: { port: 80, path: '/' } } }],
        volumes: [{ name: 'v', rbd: { monitors: ['m'] } }],
      },
      status: { phase: 'Running', somethingNew: true },
    };
    expect(unknownFields(PODS, pod)).toEqual([]);
  });

  it('deployments and secrets', () => {
    expect(
      unknownFields(DEPLOYMENTS, {
        metadata: { name: 'd' },
        spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i', imagePullPolice: 'x' }] } } },
      }),
    ).toEqual(['spec.template.spec.containers[0].imagePullPolice']);
    expect(unknownFields(SECRETS, { metadata: { name: 's' }, stringData: { a: 'b' }, type: 'Opaque', typo: 1 })).toEqual(['typo']);
  });
});

describe('decodeError', () => {
  const deployment = (spec: unknown): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
  const cases: [string, KubeObject, string | undefined][] = [
    ['valid', deployment({ replicas: 2, selector: { matchLabels: { app: 'x' } } }), undefined],
    [
      'string replicas',
      deployment({ replicas: '3' }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'fractional replicas',
      deployment({ replicas: 1.5 }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'a YAML boolean label value',
      deployment({ template: { metadata: { labels: { app: true } } } }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string',
    ],
    [
      'containers not a list',
      deployment({ template: { spec: { containers: { name: 'c' } } } }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    ],
    [
      'a number image inside a list (no index in the path)',
      deployment({ template: { spec: { containers: [{ name: 'c', image: 5 }] } } }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
    ],
    [
      'spec not an object',
      deployment('x'),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec',
    ],
    [
      'a bad quantity',
      deployment({ template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] } } }),
      "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
  ];
  it.each(cases)('%s', (_n, obj, message) => {
    expect(decodeError(DEPLOYMENTS, obj)).toBe(message);
  });

  it('secrets must hold base64; ports may be names; nodes report quantities', () => {
    expect(decodeError(SECRETS, { metadata: { name: 's' }, data: { a: 'not base64!' } })).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
    expect(decodeError(SECRETS, { metadata: { name: 's' }, data: { a: 'aGVsbG8=' } })).toBeUndefined();
    expect(decodeError(PODS, { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', livenessProbe: { httpGet: { port: 'http' } } }] } })).toBeUndefined();
    expect(decodeError(PODS, { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', livenessProbe: { httpGet: { port: true } } }] } })).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go value of type int32',
    );
    expect(decodeError(NODES, { metadata: { name: 'n' }, status: { capacity: { cpu: 4, memory: '8Gi' } } })).toBeUndefined();
  });
});
