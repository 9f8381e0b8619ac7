/**
 * ImageLocality (plugins/imagelocality, weight 1): prefer nodes that already
 * have the pod's images, each image's size scaled by the share of nodes that
 * have it, clamped between 23MB and 1000MB per container.
 */
import type { ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE as MAX_SCORE_IMPORT, SKIP } from '../framework.ts';

/** A module-local copy: hot loops should not reach across modules. */
const MAX_NODE_SCORE = MAX_SCORE_IMPORT;

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export const NAME = 'ImageLocality';

/** calculatePriority: map the summed image score into 0..100. */
export function imagePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export const imageLocalityScore: ScorePlugin = {
  name: NAME,
  weight: 1,
  preScore(pod, cache) {
    // With no image known anywhere every node scores 0: nothing to compute.
    if (!cache.hasImages() || pod.containerCount === 0) return SKIP;
    const totalNodes = cache.nodeList().length;
    return {
      score(node) {
        let sum = 0;
        for (const image of pod.images) {
          const size = node.images.get(image);
          if (size !== undefined) sum += Math.trunc(size * (cache.imageNodeCount(image) / totalNodes));
        }
        return imagePriority(sum, pod.containerCount);
      },
    };
  },
};
