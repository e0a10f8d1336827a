import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { KubeObject } from '../object';
import { CONTROLLER_REVISIONS, DAEMON_SETS, STATEFUL_SETS } from '../registry';
import type { ResourceType } from '../resource-type';
import { invalid } from '../status';
import { validateCreate, validateUpdate } from '../validation';

function message(rt: ResourceType, obj: KubeObject, old?: KubeObject): string {
  const o = structuredClone(obj);
  applyDefaults(rt, o);
  let errs;
  if (old) {
    const prev = structuredClone(old);
    applyDefaults(rt, prev);
    errs = validateUpdate(rt, o, prev);
  } else {
    errs = validateCreate(rt, o);
  }
  return errs.length === 0 ? '' : (invalid({ group: rt.group, kind: rt.kind }, o.metadata.name ?? '', errs).status.message ?? '');
}

const meta = { name: 'web', namespace: 'default' };
const stored = { ...meta, uid: 'u1', resourceVersion: '5', creationTimestamp: '2026-01-01T00:00:00Z' };
const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const sts = (spec: Record<string, unknown>, m: Record<string, unknown> = meta): KubeObject => ({
  metadata: m,
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});

describe('StatefulSet validation', () => {
  const cases: [string, KubeObject, string][] = [
    ['valid', sts({ serviceName: 'web' }), ''],
    [
      'selector does not match',
      sts({ template: template({ app: 'other' }) }),
      'StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    ],
    [
      'no selector',
      sts({ selector: undefined }),
      'StatefulSet.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    ],
    [
      'empty selector',
      sts({ selector: {} }),
      'StatefulSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    ],
    [
      'bad pod management policy',
      sts({ podManagementPolicy: 'Burst' }),
      'StatefulSet.apps "web" is invalid: spec.podManagementPolicy: Invalid value: "Burst": must be \'OrderedReady\' or \'Parallel\'',
    ],
    [
      'bad update strategy',
      sts({ updateStrategy: { type: 'Recreate' } }),
      'StatefulSet.apps "web" is invalid: spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be \'RollingUpdate\' or \'OnDelete\'',
    ],
    [
      'negative partition',
      sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }),
      'StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'retention policy',
      sts({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      'StatefulSet.apps "web" is invalid: spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ],
    [
      'restart policy',
      sts({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) }),
      'StatefulSet.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'a claim template without access modes or size',
      sts({ volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: {} }] }),
      'StatefulSet.apps "web" is invalid: [spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required, spec.volumeClaimTemplates[0].spec.resources[storage]: Required value]',
    ],
    [
      'containers may mount claim templates',
      sts({
        template: template({ app: 'web' }, { containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'www', mountPath: '/data' }] }] }),
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      }),
      '',
    ],
  ];
  it.each(cases)('create: %s', (_n, obj, want) => {
    expect(message(STATEFUL_SETS, obj)).toBe(want);
  });

  const updates: [string, Record<string, unknown>, string][] = [
    ['replicas, template and strategy may change', { replicas: 5, template: template({ app: 'web' }, { containers: [{ name: 'c', image: 'nginx:2' }] }), updateStrategy: { type: 'OnDelete' } }, ''],
    [
      'serviceName may not',
      { serviceName: 'other' },
      "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ],
  ];
  it.each(updates)('update: %s', (_n, change, want) => {
    const old = sts({ serviceName: 'web' }, stored);
    expect(message(STATEFUL_SETS, sts({ serviceName: 'web', ...change }, stored), old)).toBe(want);
  });
});

const ds = (spec: Record<string, unknown>, m: Record<string, unknown> = meta): KubeObject => ({
  metadata: m,
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});

describe('DaemonSet validation', () => {
  const cases: [string, KubeObject, string][] = [
    ['valid', ds({}), ''],
    [
      'no selector: nothing matches',
      ds({ selector: undefined }),
      'DaemonSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      'empty selector',
      ds({ selector: {} }),
      'DaemonSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    ],
    [
      'surge and unavailable both set',
      ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }),
      'DaemonSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ],
    [
      'both zero',
      ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
      'DaemonSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ],
    [
      'over 100%',
      ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } } }),
      'DaemonSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ],
    [
      'unknown strategy',
      ds({ updateStrategy: { type: 'Recreate' } }),
      'DaemonSet.apps "web" is invalid: spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    ],
    [
      'a deadline',
      ds({ template: template({ app: 'web' }, { activeDeadlineSeconds: 10 }) }),
      'DaemonSet.apps "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
    ],
  ];
  it.each(cases)('create: %s', (_n, obj, want) => {
    expect(message(DAEMON_SETS, obj)).toBe(want);
  });

  it('update: the selector is immutable', () => {
    const next = ds({ selector: { matchLabels: { app: 'web', tier: 'x' } }, template: template({ app: 'web', tier: 'x' }) }, stored);
    expect(message(DAEMON_SETS, next, ds({}, stored))).toBe(
      'DaemonSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('ControllerRevision validation', () => {
  const rev = (extra: Record<string, unknown>): KubeObject => ({ metadata: meta, revision: 1, ...extra });
  const cases: [string, KubeObject, string][] = [
    ['valid', rev({ data: { spec: {} } }), ''],
    ['no data', rev({}), 'ControllerRevision.apps "web" is invalid: data: Required value: data is mandatory'],
    ['data not an object', rev({ data: [1] }), 'ControllerRevision.apps "web" is invalid: data: Required value: data must be a valid JSON object'],
    ['negative revision', rev({ data: {}, revision: -1 }), 'ControllerRevision.apps "web" is invalid: revision: Invalid value: -1: must be greater than or equal to 0'],
  ];
  it.each(cases)('create: %s', (_n, obj, want) => {
    expect(message(CONTROLLER_REVISIONS, obj)).toBe(want);
  });

  it('update: data never changes', () => {
    const old: KubeObject = { metadata: stored, revision: 1, data: { a: 1 } };
    expect(message(CONTROLLER_REVISIONS, { ...old, data: { a: 2 } }, old)).toMatch(/^ControllerRevision.apps "web" is invalid: data: Invalid value: .*: field is immutable$/);
    expect(message(CONTROLLER_REVISIONS, { ...old, metadata: { ...stored, labels: { x: 'y' } } }, old)).toBe('');
  });
});
