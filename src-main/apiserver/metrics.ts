/**
 * kube-apiserver's own metrics, with upstream names, labels and buckets: requests by verb,
 * resource and code with their latency, requests in flight, long-running requests (watches,
 * log streams), and objects stored per resource. Served at /metrics in the Prometheus text format.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestInfo } from './request-info';

/** apiserver_request_duration_seconds buckets as upstream defines them. */
const DURATION_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export class ApiServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter;
  private readonly duration: Histogram;
  private readonly inflight: Gauge;
  private readonly longRunning: Gauge;
  readonly storageObjects: Gauge;

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'apiserver_request_total',
      help: '[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
      labelNames: ['code', 'component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'],
      registers,
    });
    this.duration = new Histogram({
      name: 'apiserver_request_duration_seconds',
      help: '[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
      labelNames: ['component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.inflight = new Gauge({
      name: 'apiserver_current_inflight_requests',
      help: '[STABLE] Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
      labelNames: ['request_kind'],
      registers,
    });
    this.longRunning = new Gauge({
      name: 'apiserver_longrunning_requests',
      help: '[STABLE] Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
      labelNames: ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'],
      registers,
    });
    this.storageObjects = new Gauge({
      name: 'apiserver_storage_objects',
      help: '[STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.',
      labelNames: ['resource'],
      registers,
    });
    this.inflight.set({ request_kind: 'mutating' }, 0);
    this.inflight.set({ request_kind: 'readOnly' }, 0);
  }

  /** Starts timing a request; the returned function records it with its status code. */
  begin(info: RequestInfo | undefined, dryRun: boolean): (code: number) => void {
    const started = performance.now();
    const verb = info ? reportedVerb(info) : 'GET';
    const kind = info && MUTATING.has(info.verb) ? 'mutating' : 'readOnly';
    const labels = {
      component: 'apiserver',
      dry_run: dryRun ? 'All' : '',
      group: info?.isResourceRequest ? info.apiGroup : '',
      resource: info?.isResourceRequest ? info.resource : '',
      scope: !info?.isResourceRequest ? '' : info.name ? 'resource' : info.namespace ? 'namespace' : 'cluster',
      subresource: info?.subresource ?? '',
      verb,
      version: info?.isResourceRequest ? info.apiVersion : '',
    };
    const longRunning = verb === 'WATCH' || info?.subresource === 'log' || info?.subresource === 'exec';
    this.inflight.inc({ request_kind: kind });
    if (longRunning) this.longRunning.inc({ component: 'apiserver', group: labels.group, resource: labels.resource, scope: labels.scope, subresource: labels.subresource, verb, version: labels.version });
    let done = false;
    return (code: number) => {
      if (done) return;
      done = true;
      this.inflight.dec({ request_kind: kind });
      if (longRunning) this.longRunning.dec({ component: 'apiserver', group: labels.group, resource: labels.resource, scope: labels.scope, subresource: labels.subresource, verb, version: labels.version });
      this.requests.inc({ ...labels, code: String(code) });
      if (!longRunning) this.duration.observe(labels, (performance.now() - started) / 1000);
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The verb as the metrics report it: upper case, LIST/WATCH/APPLY distinguished from GET/PATCH. */
const VERBS: Record<string, string> = {
  get: 'GET',
  list: 'LIST',
  watch: 'WATCH',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
};

function reportedVerb(info: RequestInfo): string {
  return VERBS[info.verb] ?? info.verb.toUpperCase();
}
