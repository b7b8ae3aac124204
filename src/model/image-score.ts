/** One mebibyte: ImageLocality's thresholds are multiples of it. */
export const MB = 1024 * 1024;
/** Below this sum of scaled image sizes a node scores 0 (imagelocality minThreshold). */
export const IMAGE_MIN_THRESHOLD = 23 * MB;
/** Per container: above this many scaled bytes per container a node scores 100 (maxContainerThreshold). */
export const IMAGE_MAX_CONTAINER_THRESHOLD = 1000 * MB;

/**
 * An image's size scaled by the fraction of nodes that hold it, truncated to an integer.
 * Mirrors imagelocality.scaledImageScore: the spread is a float64 division and the
 * product is converted back to int64, so the float arithmetic is kept as Go does it.
 * This damps the "node heating" of images that only a few nodes hold.
 */
export function scaledImageScore(sizeBytes: number, numNodes: number, totalNumNodes: number): number {
  const spread = numNodes / totalNumNodes;
  return Math.trunc(sizeBytes * spread);
}

/**
 * ImageLocality's node score in [0, 100] from the summed scaled sizes: clamped to
 * [23 MiB, 1000 MiB x numContainers], then scaled linearly. Mirrors
 * imagelocality.calculatePriority; the int64 division truncates.
 */
export function imageLocalityPriority(sumScores: number, numContainers: number, maxNodeScore: number): number {
  const maxThreshold = IMAGE_MAX_CONTAINER_THRESHOLD * numContainers;
  let sum = sumScores;
  if (sum < IMAGE_MIN_THRESHOLD) sum = IMAGE_MIN_THRESHOLD;
  else if (sum > maxThreshold) sum = maxThreshold;
  return Math.trunc((maxNodeScore * (sum - IMAGE_MIN_THRESHOLD)) / (maxThreshold - IMAGE_MIN_THRESHOLD));
}
