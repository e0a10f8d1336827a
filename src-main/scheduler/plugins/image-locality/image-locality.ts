/**
 * ImageLocality: prefers nodes that already have the pod's images, weighted by image size and by
 * how widely the image is spread over the cluster (an image everywhere says little).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import * as names from '../names';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag gets ":latest". */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

function images(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.image ?? '');
}

export class ImageLocality implements ScorePlugin {
  readonly name = names.ImageLocality;

  score(ctx: CycleContext, pod: PodInfo, node: NodeInfo): number {
    const total = ctx.snapshot.numNodes;
    const imgs = images(pod.pod);
    let sum = 0;
    for (const img of imgs) {
      const name = normalizedImageName(img);
      const size = node.imageSizes.get(name);
      if (size === undefined) continue;
      const spread = ctx.snapshot.imageNumNodes(name) / total;
      sum += Math.trunc(size * spread);
    }
    return calculatePriority(sum, imgs.length);
  }
}
