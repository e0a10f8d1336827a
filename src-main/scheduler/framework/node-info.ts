/**
 * framework.NodeInfo: one node and what is on it — its pods, their summed requests (plain and
 * non-zero), the host ports they use and the images the node has. Kept incrementally: adding or
 * removing a pod updates the sums, so a scheduling cycle never re-adds thousands of pods.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { HostPortInfo } from './host-ports';
import type { PodInfo } from './pod-info';
import { cloneResource, emptyResource, resourceFromList, type Resource } from './resource';

export class NodeInfo {
  node: Node | undefined;
  private readonly podList: PodInfo[] = [];
  private readonly index = new Map<string, number>();
  /** Pods with pod affinity or anti-affinity of any kind. */
  podsWithAffinity: PodInfo[] = [];
  /** Pods with required pod anti-affinity. */
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  requested: Resource = emptyResource();
  /** Requested cpu and memory counting 100m / 200Mi for containers that request none. */
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resource = emptyResource();
  usedPorts = new HostPortInfo();
  /** Image name (as the node reports it) → size in bytes. */
  imageSizes = new Map<string, number>();
  /** Bumped on every change, so callers can tell whether anything moved. */
  generation = 0;

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  get name(): string {
    return this.node?.metadata?.name ?? '';
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node?.metadata?.labels ?? {};
  }

  get pods(): readonly PodInfo[] {
    return this.podList;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = resourceFromList(node.status?.allocatable);
    this.imageSizes = new Map();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) this.imageSizes.set(n, img.sizeBytes ?? 0);
    this.generation++;
  }

  hasPod(key: string): boolean {
    return this.index.has(key);
  }

  addPod(p: PodInfo): void {
    if (this.index.has(p.key)) this.removePod(p.key);
    this.index.set(p.key, this.podList.length);
    this.podList.push(p);
    if (p.hasAffinity) this.podsWithAffinity.push(p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(p);
    this.update(p, 1);
  }

  /** Removes the pod with this namespace/name key; returns it, or undefined if it was not here. */
  removePod(key: string): PodInfo | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const p = this.podList[i];
    const last = this.podList.pop()!;
    if (last !== p) {
      this.podList[i] = last;
      this.index.set(last.key, i);
    }
    this.index.delete(key);
    if (p.hasAffinity) this.podsWithAffinity = this.podsWithAffinity.filter((x) => x !== p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((x) => x !== p);
    this.update(p, -1);
    return p;
  }

  private update(p: PodInfo, sign: 1 | -1): void {
    const r = p.requests;
    this.requested.milliCPU += sign * r.milliCPU;
    this.requested.memory += sign * r.memory;
    this.requested.ephemeralStorage += sign * r.ephemeralStorage;
    for (const [name, v] of r.scalar) {
      const n = (this.requested.scalar.get(name) ?? 0) + sign * v;
      if (n === 0) this.requested.scalar.delete(name);
      else this.requested.scalar.set(name, n);
    }
    this.nonZeroRequested.milliCPU += sign * p.nonZeroMilliCPU;
    this.nonZeroRequested.memory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      if (sign > 0) this.usedPorts.add(hp);
      else this.usedPorts.remove(hp);
    }
    this.generation++;
  }

  /** A copy whose pods and sums can change without touching this one (preemption's dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.allocatable = this.allocatable;
    c.imageSizes = this.imageSizes;
    c.podList.push(...this.podList);
    for (const [k, v] of this.index) c.index.set(k, v);
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    c.requested = cloneResource(this.requested);
    c.nonZeroRequested = { ...this.nonZeroRequested };
    c.usedPorts = this.usedPorts.clone();
    c.generation = this.generation;
    return c;
  }
}
