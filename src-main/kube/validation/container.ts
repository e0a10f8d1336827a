/**
 * Container validation shared by pods and pod templates (core validation's
 * validateContainerCommon, validateContainerPorts, ValidateEnv, ValidateVolumeMounts,
 * ValidateResourceRequirements, probes).
 */
import type { JsonObject } from '../object';
import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError, type FieldPath } from '../field-error';
import { isDNS1123Label, isQualifiedName, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from '../names';
import { Quantity } from '../quantity';
import { has, num, obj, objects, str } from './json-access';

export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

function validatePorts(ports: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port, 'name');
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(p.child('name'), name, m));
      else if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port, 'containerPort') ?? 0;
    if (containerPort === 0) errs.push(required(p.child('containerPort'), ''));
    else for (const m of isValidPortNum(containerPort)) errs.push(invalid(p.child('containerPort'), containerPort, m));
    const hostPort = num(port, 'hostPort') ?? 0;
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(invalid(p.child('hostPort'), hostPort, m));
    const protocol = str(port, 'protocol');
    if (protocol === '') errs.push(required(p.child('protocol'), ''));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(p.child('protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: JsonObject[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = path.index(i);
    const name = str(ev, 'name');
    if (name === '') errs.push(required(p.child('name'), ''));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(p.child('name'), name, m));
    const from = obj(ev, 'valueFrom');
    if (from) {
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => has(from, k));
      if (sources.length === 0) errs.push(invalid(p.child('valueFrom'), '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (str(ev, 'value') !== '') errs.push(invalid(p.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
      else if (sources.length > 1) errs.push(invalid(p.child('valueFrom'), '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: JsonObject[], volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    const p = path.index(i);
    const name = str(m, 'name');
    if (name === '') errs.push(required(p.child('name'), ''));
    else if (!volumes.has(name)) errs.push(notFound(p.child('name'), name));
    const mountPath = str(m, 'mountPath');
    if (mountPath === '') errs.push(required(p.child('mountPath'), ''));
    if (paths.has(mountPath)) errs.push(invalid(p.child('mountPath'), mountPath, 'must be unique'));
    paths.add(mountPath);
  });
  return errs;
}

function isStandardOrQualified(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.includes(name) || name.startsWith('hugepages-') || (name.includes('/') && isQualifiedName(name).length === 0);
}

/** Limits and requests: valid names, non-negative quantities, requests within limits. */
export function validateResources(resources: JsonObject | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = (list: JsonObject | undefined, listPath: FieldPath): Map<string, Quantity> => {
    const out = new Map<string, Quantity>();
    for (const name of Object.keys(list ?? {}).sort()) {
      const p = listPath.key(name);
      if (!isStandardOrQualified(name)) {
        errs.push(invalid(p, name, 'must be a standard resource for containers'));
        continue;
      }
      const raw = list![name];
      let q: Quantity;
      try {
        q = Quantity.parse(raw as string | number);
      } catch {
        continue; // an unparsable quantity is a decoding error, reported before validation
      }
      if (q.sign() < 0) errs.push(invalid(p, q.toString(), 'must be greater than or equal to 0'));
      out.set(name, q);
    }
    return out;
  };
  const limits = parsed(obj(resources, 'limits'), path.child('limits'));
  const requests = parsed(obj(resources, 'requests'), path.child('requests'));
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit && request.cmp(limit) > 0) {
      errs.push(invalid(path.child('requests').key(name), request.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
    }
  }
  return errs;
}

function validateProbe(probe: JsonObject | undefined, path: FieldPath, mustSucceedOnce: boolean): FieldError[] {
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = PROBE_HANDLERS.filter((h) => has(probe, h));
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  for (const h of handlers.slice(1)) errs.push(forbidden(path.child(h), 'may not specify more than 1 handler type'));
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = num(probe, key);
    if (v !== undefined && v < 0) errs.push(invalid(path.child(key), v, 'must be greater than or equal to 0'));
  }
  const success = num(probe, 'successThreshold');
  if (mustSucceedOnce && success !== undefined && success !== 1) errs.push(invalid(path.child('successThreshold'), success, 'must be 1'));
  return errs;
}

export interface ContainerContext {
  volumes: ReadonlySet<string>;
}

/** Checks every container kind shares: name, image, ports, env, mounts, pull policy, resources. */
export function validateContainerCommon(c: JsonObject, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c, 'name');
  if (name === '') errs.push(required(path.child('name'), ''));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if (str(c, 'image') === '') errs.push(required(path.child('image'), ''));
  const tmp = str(c, 'terminationMessagePolicy');
  if (tmp === '') errs.push(required(path.child('terminationMessagePolicy'), ''));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  errs.push(...validatePorts(objects(c, 'ports'), path.child('ports')));
  errs.push(...validateEnv(objects(c, 'env'), path.child('env')));
  errs.push(...validateVolumeMounts(objects(c, 'volumeMounts'), ctx.volumes, path.child('volumeMounts')));
  const pull = str(c, 'imagePullPolicy');
  if (pull === '') errs.push(required(path.child('imagePullPolicy'), ''));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResources(obj(c, 'resources'), path.child('resources')));
  return errs;
}

/** Probes of a container that may have them (regular or restartable init containers). */
export function validateProbes(c: JsonObject, path: FieldPath): FieldError[] {
  return [
    ...validateProbe(obj(c, 'livenessProbe'), path.child('livenessProbe'), true),
    ...validateProbe(obj(c, 'readinessProbe'), path.child('readinessProbe'), false),
    ...validateProbe(obj(c, 'startupProbe'), path.child('startupProbe'), true),
  ];
}

