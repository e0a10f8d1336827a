/**
 * The scheduler's view of the cluster: a NodeInfo per node plus the few other objects plugins
 * read (namespaces for namespaceSelector, and the Services / ReplicaSets / StatefulSets /
 * ReplicationControllers that give default topology spreading its selector). It is the cache and
 * the snapshot in one: the owner feeds it informer events (and assumed pods) incrementally, and a
 * cycle reads it synchronously.
 */
import type { Namespace, Node, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Labels } from '../../kube/labels';
import { NodeInfo } from './node-info';
import { PodInfo, podKey } from './pod-info';

export interface SnapshotObjects {
  namespaces?: readonly Namespace[];
  services?: readonly Service[];
  replicaSets?: readonly ReplicaSet[];
  statefulSets?: readonly StatefulSet[];
  replicationControllers?: readonly ReplicationController[];
}

/** Pods that hold resources on their node: bound and not finished. */
export function isAssignedAndActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

export class Snapshot {
  private readonly infos = new Map<string, NodeInfo>();
  /** pod key → node name, for pods placed in the snapshot. */
  private readonly podNodes = new Map<string, string>();
  private readonly imageNodes = new Map<string, number>();
  private listCache: NodeInfo[] | undefined;
  private readonly nsLabels = new Map<string, Labels>();
  objects: SnapshotObjects = {};

  static from(nodes: readonly Node[], pods: readonly Pod[], objects: SnapshotObjects = {}): Snapshot {
    const s = new Snapshot();
    for (const n of nodes) s.setNode(n);
    for (const p of pods) s.addPod(p);
    s.setObjects(objects);
    return s;
  }

  setObjects(objects: SnapshotObjects): void {
    this.objects = objects;
    this.nsLabels.clear();
    for (const ns of objects.namespaces ?? []) this.nsLabels.set(ns.metadata?.name ?? '', ns.metadata?.labels ?? {});
  }

  /** The labels of a namespace, if the snapshot knows it. */
  namespaceLabels(ns: string): Labels {
    return this.nsLabels.get(ns);
  }

  /** Adds or updates a node. */
  setNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    let info = this.infos.get(name);
    if (info?.node) this.countImages(info, -1);
    if (!info) this.infos.set(name, (info = new NodeInfo()));
    if (!info.node) this.listCache = undefined;
    info.setNode(node);
    this.countImages(info, 1);
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info?.node) return;
    this.countImages(info, -1);
    this.listCache = undefined;
    // Pods stay tracked (as upstream's cache does) until they are deleted; the node is gone.
    if (info.pods.length === 0) this.infos.delete(name);
    else info.node = undefined;
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const name of info.imageSizes.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n <= 0) this.imageNodes.delete(name);
      else this.imageNodes.set(name, n);
    }
  }

  /** How many nodes have this image (ImageStateSummary.NumNodes). */
  imageNumNodes(name: string): number {
    return this.imageNodes.get(name) ?? 0;
  }

  /**
   * Adds, moves or updates a pod. A pod that is not bound, or has finished, is removed instead,
   * so informer updates can be passed straight through. Returns its PodInfo when it is placed.
   */
  addPod(pod: Pod | PodInfo): PodInfo | undefined {
    const info = pod instanceof PodInfo ? pod : new PodInfo(pod);
    this.removePod(info.key);
    if (!isAssignedAndActive(info.pod)) return undefined;
    const nodeName = info.nodeName;
    let ni = this.infos.get(nodeName);
    if (!ni) this.infos.set(nodeName, (ni = new NodeInfo()));
    ni.addPod(info);
    this.podNodes.set(info.key, nodeName);
    return info;
  }

  /** Removes a pod (by object or namespace/name key); returns its PodInfo if it was placed. */
  removePod(pod: Pod | string): PodInfo | undefined {
    const key = typeof pod === 'string' ? pod : podKey(pod);
    const nodeName = this.podNodes.get(key);
    if (nodeName === undefined) return undefined;
    this.podNodes.delete(key);
    const ni = this.infos.get(nodeName);
    const removed = ni?.removePod(key);
    if (ni && !ni.node && ni.pods.length === 0) this.infos.delete(nodeName);
    return removed;
  }

  /** The node a pod is placed on, if any. */
  nodeOf(key: string): string | undefined {
    return this.podNodes.get(key);
  }

  get(name: string): NodeInfo | undefined {
    const ni = this.infos.get(name);
    return ni?.node ? ni : undefined;
  }

  /** Nodes in the order they were added. */
  list(): readonly NodeInfo[] {
    if (!this.listCache) this.listCache = [...this.infos.values()].filter((n) => n.node !== undefined);
    return this.listCache;
  }

  get numNodes(): number {
    return this.list().length;
  }

  havePodsWithAffinity(): NodeInfo[] {
    return this.list().filter((n) => n.podsWithAffinity.length > 0);
  }

  havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    return this.list().filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }
}
