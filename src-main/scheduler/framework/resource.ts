/**
 * framework.Resource and the pod's effective requests, computed as upstream's
 * resourcehelper.PodRequests does: regular containers summed, init containers max'ed (a
 * restartable "sidecar" init container keeps running and so adds to everything after it), then
 * the pod overhead added. CPU is in millicores, everything else in units (bytes, pods).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { Quantity } from '../../kube/quantity';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/** Requests of a container with no cpu / memory request, for scoring and the non-zero sums. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Node allocatable only: how many pods fit. */
  allowedPodNumber: number;
  /** Extended resources, hugepages, ... by name. */
  scalar: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: new Map(r.scalar) };
}

/** Parses a quantity leniently: a bad value counts as 0 (the apiserver validates them anyway). */
function quantityValue(name: string, q: string | number | undefined): number {
  if (q === undefined) return 0;
  try {
    const parsed = Quantity.parse(q);
    return name === CPU ? parsed.milliValue() : parsed.value();
  } catch {
    return 0;
  }
}

/** framework.NewResource: a ResourceList (requests or allocatable) as numbers. */
export function resourceFromList(list: Readonly<Record<string, string | number>> | undefined): Resource {
  const r = emptyResource();
  for (const [name, q] of Object.entries(list ?? {})) {
    const v = quantityValue(name, q);
    switch (name) {
      case CPU:
        r.milliCPU += v;
        break;
      case MEMORY:
        r.memory += v;
        break;
      case EPHEMERAL_STORAGE:
        r.ephemeralStorage += v;
        break;
      case PODS:
        r.allowedPodNumber += v;
        break;
      default:
        r.scalar.set(name, (r.scalar.get(name) ?? 0) + v);
    }
  }
  return r;
}

type List = Map<string, number>;

function containerList(c: Container, defaults: boolean): List {
  const out: List = new Map();
  for (const [name, q] of Object.entries(c.resources?.requests ?? {})) out.set(name, quantityValue(name, q));
  if (defaults) {
    // NonMissingContainerRequests: only a request that is absent takes the default, not an explicit 0.
    if (!out.has(CPU)) out.set(CPU, DEFAULT_MILLI_CPU_REQUEST);
    if (!out.has(MEMORY)) out.set(MEMORY, DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

function addList(into: List, add: List): void {
  for (const [k, v] of add) into.set(k, (into.get(k) ?? 0) + v);
}

function maxList(into: List, other: List): void {
  for (const [k, v] of other) if (v > (into.get(k) ?? 0)) into.set(k, v);
}

/**
 * resourcehelper.PodRequests as a name → amount map. With `defaults`, containers that do not
 * request cpu or memory count as 100m / 200Mi (the scheduler's non-zero requests).
 */
export function podRequestList(pod: Pod, defaults = false): List {
  const spec = pod.spec;
  const reqs: List = new Map();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) addList(reqs, containerList(c, defaults));
  const restartable: List = new Map();
  const initMax: List = new Map();
  for (const c of spec.initContainers ?? []) {
    let r = containerList(c, defaults);
    if (c.restartPolicy === 'Always') {
      addList(reqs, r);
      addList(restartable, r);
      r = restartable;
    } else {
      const tmp: List = new Map();
      addList(tmp, r);
      addList(tmp, restartable);
      r = tmp;
    }
    maxList(initMax, r);
  }
  maxList(reqs, initMax);
  if (spec.overhead) {
    const overhead: List = new Map();
    for (const [name, q] of Object.entries(spec.overhead)) overhead.set(name, quantityValue(name, q));
    addList(reqs, overhead);
  }
  return reqs;
}

/** The pod's requests as a Resource (cpu in millicores). */
export function podResource(pod: Pod): Resource {
  const r = emptyResource();
  for (const [name, v] of podRequestList(pod)) {
    if (name === CPU) r.milliCPU = v;
    else if (name === MEMORY) r.memory = v;
    else if (name === EPHEMERAL_STORAGE) r.ephemeralStorage = v;
    else if (name !== PODS) r.scalar.set(name, v);
  }
  return r;
}
