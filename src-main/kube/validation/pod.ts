/**
 * Pod and pod template validation (core validation's ValidatePodCreate, ValidatePodSpec,
 * ValidatePodTemplateSpec, ValidatePodUpdate), covering the checks users meet day to day.
 */
import type { KubeObject, JsonObject } from '../object';
import { duplicate, FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field-error';
import { goLiteral, goQuote } from '../go-format';
import { inclusiveRangeError, isValidLabelValue, nameIsDNSSubdomain } from '../names';
import { validateContainerCommon, validateDNS1123Label, validateProbes, type ContainerContext } from './container';
import { has, num, obj, objects, str, stringMap } from './json-access';
import { jsonEqual, validateAnnotations, validateLabelName, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const MAX_INT32 = 2147483647;

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

/** Required fields of the common volume sources. */
const VOLUME_REQUIRED: Record<string, string> = { configMap: 'name', secret: 'secretName', persistentVolumeClaim: 'claimName', hostPath: 'path', nfs: 'server' };

function validateVolumes(volumes: JsonObject[], path: FieldPath): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const p = path.index(i);
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCES.filter((s) => has(v, s));
    if (sources.length === 0) el.push(required(p, 'must specify a volume type'));
    for (const s of sources.slice(1)) el.push(forbidden(p.child(s), 'may not specify more than 1 volume type'));
    for (const s of sources) {
      const field = VOLUME_REQUIRED[s];
      if (field && str(obj(v, s), field) === '') el.push(required(p.child(s, field), ''));
    }
    const name = str(v, 'name');
    if (name === '') el.push(required(p.child('name'), ''));
    else el.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) el.push(duplicate(p.child('name'), name));
    if (el.length === 0) names.add(name);
    errs.push(...el);
  });
  return { names, errs };
}

function validateContainers(containers: JsonObject[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  if (containers.length === 0) errs.push(required(path, ''));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, p, ctx));
    const name = str(c, 'name');
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    errs.push(...validateProbes(c, p));
    if (has(c, 'restartPolicy')) errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(inits: JsonObject[], containers: JsonObject[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(containers.map((c) => str(c, 'name')));
  inits.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, p, ctx));
    const name = str(c, 'name');
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    const restartPolicy = has(c, 'restartPolicy') ? str(c, 'restartPolicy') : undefined;
    if (restartPolicy !== undefined && restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), restartPolicy, ['Always']));
    if (restartPolicy === 'Always') {
      errs.push(...validateProbes(c, p));
    } else {
      if (has(c, 'lifecycle')) errs.push(forbidden(p.child('lifecycle'), 'may not be set for init containers without restartPolicy=Always'));
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (has(c, probe)) errs.push(forbidden(p.child(probe), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function goToleration(t: JsonObject): string {
  const seconds = num(t, 'tolerationSeconds');
  return `core.Toleration{Key:${goQuote(str(t, 'key'))}, Operator:${goQuote(str(t, 'operator'))}, Value:${goQuote(str(t, 'value'))}, Effect:${goQuote(
    str(t, 'effect'),
  )}, TolerationSeconds:${seconds === undefined ? '(*int64)(nil)' : `(*int64)(${seconds})`}}`;
}

export function validateTolerations(tolerations: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = path.index(i);
    const key = str(t, 'key');
    const operator = str(t, 'operator');
    const effect = str(t, 'effect');
    const value = str(t, 'value');
    if (key !== '') errs.push(...validateLabelName(key, p.child('key')));
    if (key === '' && operator !== 'Exists') {
      errs.push(invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') errs.push(invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (operator === 'Equal' || operator === '') {
      const vErrs = isValidLabelValue(value);
      if (vErrs.length > 0) errs.push(invalid(p.child('operator'), value, vErrs.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '') errs.push(invalid(p.child('operator'), goLiteral(goToleration(t)), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(p.child('effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec (the parts we model). */
export function validatePodSpec(spec: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!has(spec, 'terminationGracePeriodSeconds')) errs.push(required(path.child('terminationGracePeriodSeconds'), ''));
  const { names, errs: volErrs } = validateVolumes(objects(spec, 'volumes'), path.child('volumes'));
  errs.push(...volErrs);
  const ctx: ContainerContext = { volumes: names };
  const containers = objects(spec, 'containers');
  errs.push(...validateContainers(containers, path.child('containers'), ctx));
  errs.push(...validateInitContainers(objects(spec, 'initContainers'), containers, path.child('initContainers'), ctx));
  const restartPolicy = str(spec, 'restartPolicy');
  if (restartPolicy === '') errs.push(required(path.child('restartPolicy'), ''));
  else if (!RESTART_POLICIES.includes(restartPolicy)) errs.push(notSupported(path.child('restartPolicy'), restartPolicy, RESTART_POLICIES));
  const dnsPolicy = str(spec, 'dnsPolicy');
  if (dnsPolicy === '') errs.push(required(path.child('dnsPolicy'), ''));
  else if (!DNS_POLICIES.includes(dnsPolicy)) errs.push(notSupported(path.child('dnsPolicy'), dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(stringMap(spec, 'nodeSelector'), path.child('nodeSelector')));
  const sa = str(spec, 'serviceAccountName');
  if (sa !== '') for (const m of nameIsDNSSubdomain(sa, false)) errs.push(invalid(path.child('serviceAccountName'), sa, m));
  const nodeName = str(spec, 'nodeName');
  if (nodeName !== '') for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(path.child('nodeName'), nodeName, m));
  const ads = num(spec, 'activeDeadlineSeconds');
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  const hostname = str(spec, 'hostname');
  if (hostname !== '') errs.push(...validateDNS1123Label(hostname, path.child('hostname')));
  const subdomain = str(spec, 'subdomain');
  if (subdomain !== '') errs.push(...validateDNS1123Label(subdomain, path.child('subdomain')));
  errs.push(...validateTolerations(objects(spec, 'tolerations'), path.child('tolerations')));
  const preemption = spec?.preemptionPolicy;
  if (typeof preemption === 'string' && preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
    errs.push(notSupported(path.child('preemptionPolicy'), preemption, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: KubeObject): FieldError[] {
  const specPath = FieldPath.root('spec');
  const spec = obj(pod, 'spec');
  const errs = [...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain), ...validatePodSpec(spec, specPath)];
  if (objects(spec, 'ephemeralContainers').length > 0) errs.push(forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (str(spec, 'nodeName') !== '' && objects(spec, 'schedulingGates').length > 0) {
    errs.push(forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels and annotations (reported at `<path>.labels`), then the spec. */
export function validatePodTemplateSpec(template: JsonObject | undefined, path: FieldPath): FieldError[] {
  const metadata = obj(template, 'metadata');
  const spec = obj(template, 'spec');
  const errs = [
    ...validateLabels(stringMap(metadata, 'labels'), path.child('labels')),
    ...validateAnnotations(stringMap(metadata, 'annotations'), path.child('annotations')),
    ...validatePodSpec(spec, path.child('spec')),
  ];
  if (objects(spec, 'ephemeralContainers').length > 0) errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function containerUpdates(newC: JsonObject[], oldC: JsonObject[], path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if (newC.length !== oldC.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  newC.forEach((c, i) => {
    const image = str(c, 'image');
    if (image === '') errs.push(required(path.index(i).child('image'), ''));
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** A short, cmp.Diff-like listing of the spec fields that changed. */
function specDiff(oldSpec: JsonObject, newSpec: JsonObject): string {
  const lines: string[] = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  for (const k of keys) {
    if (jsonEqual(oldSpec[k], newSpec[k])) continue;
    if (oldSpec[k] !== undefined) lines.push(`- \t${k}: ${JSON.stringify(oldSpec[k])},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${k}: ${JSON.stringify(newSpec[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** ValidatePodUpdate: metadata rules, then only images, activeDeadlineSeconds, tolerations (added) and scheduling gates (removed) may change. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const specPath = FieldPath.root('spec');
  const spec = obj(pod, 'spec') ?? {};
  const oldSpec = obj(old, 'spec') ?? {};
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain), ...validatePodSpec(spec, specPath)];
  for (const key of ['containers', 'initContainers']) {
    const r = containerUpdates(objects(spec, key), objects(oldSpec, key), specPath.child(key));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = num(spec, 'activeDeadlineSeconds');
  const oldAds = num(oldSpec, 'activeDeadlineSeconds');
  if (ads !== undefined) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, invalid(specPath.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32))];
    if (oldAds !== undefined && oldAds < ads) return [...errs, invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value')];
  } else if (oldAds !== undefined) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  const oldTolerations = objects(oldSpec, 'tolerations');
  const newTolerations = objects(spec, 'tolerations');
  for (const t of oldTolerations) {
    if (!newTolerations.some((n) => jsonEqual({ ...n, tolerationSeconds: undefined }, { ...t, tolerationSeconds: undefined }))) {
      errs.push(forbidden(specPath.child('tolerations'), 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  for (const g of objects(spec, 'schedulingGates')) {
    if (!objects(oldSpec, 'schedulingGates').some((o) => str(o, 'name') === str(g, 'name'))) {
      errs.push(forbidden(specPath.child('schedulingGates'), `only deletion is allowed, but found new scheduling gate '${str(g, 'name')}'`));
      break;
    }
  }
  if (jsonEqual(spec, oldSpec)) return errs;
  const munged: JsonObject = structuredClone(spec);
  for (const key of ['containers', 'initContainers']) {
    const oldList = objects(oldSpec, key);
    objects(munged, key).forEach((c, i) => {
      c.image = oldList[i]?.image;
    });
  }
  if (oldSpec.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (oldSpec.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = oldSpec.schedulingGates;
  if (oldSpec.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = oldSpec.tolerations;
  const oldGrace = num(oldSpec, 'terminationGracePeriodSeconds');
  if (oldGrace !== undefined && oldGrace < 0 && num(munged, 'terminationGracePeriodSeconds') === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!jsonEqual(munged, oldSpec)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}
