/**
 * core/v1 pods: discovery data, the printer (upstream's printPod: the STATUS reason logic, READY,
 * RESTARTS with the last restart's age) and the selectable fields.
 */
import type { KubeObject } from '../object';
import { arrayAt, isJsonObject, numberAt, objectAt, parseTime, stringAt } from '../object';
import { ALL_VERBS, objectMetaFields, type ResourceType } from '../resource-type';
import { humanDuration } from '../../common/human-duration';
import { ageColumn, column, nameColumn, timestampSince, type TableRowCondition } from '../table';

function isRestartableInitContainer(c: unknown): boolean {
  return stringAt(c, 'restartPolicy') === 'Always';
}

function conditionIs(status: unknown, type: string, value: string): boolean {
  return arrayAt(status, 'conditions').some((c) => stringAt(c, 'type') === type && stringAt(c, 'status') === value);
}

/** The FinishedAt of a container's last termination, in ms, or 0. */
function lastTerminationTime(cs: unknown): number {
  const terminated = objectAt(objectAt(cs, 'lastState'), 'terminated');
  if (!terminated) return 0;
  return parseTime(terminated.finishedAt) ?? 0;
}

function terminationReason(terminated: Record<string, unknown>, prefix: string): string {
  const reason = stringAt(terminated, 'reason');
  if (reason !== '') return prefix + reason;
  const signal = numberAt(terminated, 'signal') ?? 0;
  if (signal !== 0) return `${prefix}Signal:${signal}`;
  return `${prefix}ExitCode:${numberAt(terminated, 'exitCode') ?? 0}`;
}

/** The pod's IP as the internal version sees it: status.podIP wins over podIPs[0]. */
export function podIP(pod: KubeObject): string {
  const status = objectAt(pod, 'status');
  return stringAt(status, 'podIP') || stringAt(arrayAt(status, 'podIPs')[0], 'ip');
}

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** ms of the latest restart's termination, 0 when unknown. */
  lastRestart: number;
}

/** READY, STATUS and RESTARTS of `kubectl get pods`, computed as upstream's printPod does. */
export function summarizePod(pod: KubeObject): PodSummary {
  const spec = objectAt(pod, 'spec');
  const status = objectAt(pod, 'status');
  const specInit = arrayAt(spec, 'initContainers');
  let restarts = 0;
  let restartableInitRestarts = 0;
  let total = arrayAt(spec, 'containers').length;
  let ready = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;

  const phase = stringAt(status, 'phase');
  let reason = stringAt(status, 'reason') || phase;
  for (const c of arrayAt(status, 'conditions')) {
    if (stringAt(c, 'type') === 'PodScheduled' && stringAt(c, 'reason') === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, unknown>();
  for (const c of specInit) {
    initByName.set(stringAt(c, 'name'), c);
    if (isRestartableInitContainer(c)) total++;
  }

  let initializing = false;
  const initStatuses = arrayAt(status, 'initContainerStatuses');
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const count = numberAt(cs, 'restartCount') ?? 0;
    restarts += count;
    const finished = lastTerminationTime(cs);
    if (finished > lastRestart) lastRestart = finished;
    const restartable = isRestartableInitContainer(initByName.get(stringAt(cs, 'name')));
    if (restartable) {
      restartableInitRestarts += count;
      if (finished > lastRestartableInitRestart) lastRestartableInitRestart = finished;
    }
    const state = objectAt(cs, 'state');
    const terminated = objectAt(state, 'terminated');
    const waiting = objectAt(state, 'waiting');
    if (terminated && (numberAt(terminated, 'exitCode') ?? 0) === 0) continue;
    if (restartable && isJsonObject(cs) && cs.started === true) {
      if (cs.ready === true) ready++;
      continue;
    }
    if (terminated) {
      reason = terminationReason(terminated, 'Init:');
    } else if (waiting && stringAt(waiting, 'reason') !== '' && stringAt(waiting, 'reason') !== 'PodInitializing') {
      reason = `Init:${stringAt(waiting, 'reason')}`;
    } else {
      reason = `Init:${i}/${specInit.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIs(status, 'Initialized', 'True')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = arrayAt(status, 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += numberAt(cs, 'restartCount') ?? 0;
      const finished = lastTerminationTime(cs);
      if (finished > lastRestart) lastRestart = finished;
      const state = objectAt(cs, 'state');
      const waiting = objectAt(state, 'waiting');
      const terminated = objectAt(state, 'terminated');
      if (waiting && stringAt(waiting, 'reason') !== '') reason = stringAt(waiting, 'reason');
      else if (terminated) reason = terminationReason(terminated, '');
      else if (isJsonObject(cs) && cs.ready === true && objectAt(state, 'running')) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionIs(status, 'Ready', 'True') ? 'Running' : 'NotReady';
  }

  const deleting = typeof pod.metadata.deletionTimestamp === 'string' && pod.metadata.deletionTimestamp !== '';
  if (deleting && stringAt(status, 'reason') === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestart };
}

function readinessGates(pod: KubeObject): string {
  const gates = arrayAt(objectAt(pod, 'spec'), 'readinessGates');
  if (gates.length === 0) return '<none>';
  const conditions = arrayAt(objectAt(pod, 'status'), 'conditions');
  let trueCount = 0;
  for (const g of gates) {
    const c = conditions.find((x) => stringAt(x, 'type') === stringAt(g, 'conditionType'));
    if (c && stringAt(c, 'status') === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

function podRow(pod: KubeObject, now: number): unknown[] {
  const s = summarizePod(pod);
  const restarts = s.restarts !== 0 && s.lastRestart !== 0 ? `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)` : String(s.restarts);
  const spec = objectAt(pod, 'spec');
  const status = objectAt(pod, 'status');
  return [
    pod.metadata.name ?? '',
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    timestampSince(pod.metadata.creationTimestamp, now),
    podIP(pod) || '<none>',
    stringAt(spec, 'nodeName') || '<none>',
    stringAt(status, 'nominatedNodeName') || '<none>',
    readinessGates(pod),
  ];
}

function podRowConditions(pod: KubeObject): TableRowCondition[] {
  switch (stringAt(objectAt(pod, 'status'), 'phase')) {
    case 'Succeeded':
      return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    case 'Failed':
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    default:
      return [];
  }
}

function podFields(pod: KubeObject): Record<string, string> {
  const spec = objectAt(pod, 'spec');
  const status = objectAt(pod, 'status');
  return {
    'spec.nodeName': stringAt(spec, 'nodeName'),
    'spec.restartPolicy': stringAt(spec, 'restartPolicy'),
    'spec.schedulerName': stringAt(spec, 'schedulerName'),
    'spec.serviceAccountName': stringAt(spec, 'serviceAccountName') || stringAt(spec, 'serviceAccount'),
    'spec.hostNetwork': String(isJsonObject(spec) && spec.hostNetwork === true),
    'status.phase': stringAt(status, 'phase'),
    'status.podIP': podIP(pod),
    'status.nominatedNodeName': stringAt(status, 'nominatedNodeName'),
    ...objectMetaFields(pod, true),
  };
}

export const PODS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  listKind: 'PodList',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: [
    { name: 'attach', group: '', version: 'v1', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'binding', group: '', version: 'v1', kind: 'Binding', verbs: ['create'] },
    { name: 'ephemeralcontainers', group: '', version: 'v1', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
    { name: 'exec', group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'log', group: '', version: 'v1', kind: 'Pod', verbs: ['get'] },
    { name: 'portforward', group: '', version: 'v1', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    { name: 'proxy', group: '', version: 'v1', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'status', group: '', version: 'v1', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
  ],
  storageKey: 'pods',
  columns: [
    nameColumn(),
    column('Ready', 'string', 'How many of the containers in this pod are ready to serve.'),
    column('Status', 'string', 'A one-word summary of what the containers of this pod are doing.'),
    column('Restarts', 'string', 'How often the containers in this pod have restarted, and how long ago the last restart was.'),
    ageColumn(),
    column('IP', 'string', 'The address the pod got on the pod network; empty until one is assigned.', 1),
    column('Node', 'string', 'The node the pod is bound to; empty while it waits for scheduling.', 1),
    column('Nominated Node', 'string', 'The node preemption freed room on for this pod, if any.', 1),
    column('Readiness Gates', 'string', 'How many of the extra readiness conditions the pod asks for hold.', 1),
  ],
  row: podRow,
  rowConditions: podRowConditions,
  fields: podFields,
  fieldLabels: {
    supported: [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    aliases: { 'spec.host': 'spec.nodeName' },
    custom: true,
  },
};
