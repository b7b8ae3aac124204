import { MILLI_PER_GPU } from './gpu-resources.js';

/**
 * What a pod asks of GPUs: `count` GPUs with `milliPerGpu` milli-GPU free on each, of one
 * of `models`. A task asks either for whole GPUs (milliPerGpu 1000, any count) or, with
 * count 1, for a share of one GPU (milliPerGpu 1..999): several shared tasks then run on
 * one physical GPU. It never asks for a share of several GPUs (the openb trace has none
 * and the artifact rejects them).
 */
export interface GpuRequest {
  /** Number of GPUs; 0 = the pod uses no GPU. */
  readonly count: number;
  /** milli-GPU on each of those GPUs: 1000 for whole GPUs, less for a shared GPU; 0 with count 0. */
  readonly milliPerGpu: number;
  /** Interned GPU model names the pod may run on; empty = any model. */
  readonly models: Int32Array;
}

/** The request of a pod that uses no GPU. */
export const NO_GPU: GpuRequest = Object.freeze({ count: 0, milliPerGpu: 0, models: new Int32Array(0) });


/** A GpuRequest after checking the shapes the model allows; throws RangeError otherwise. */
export function makeGpuRequest(count: number, milliPerGpu: number, models: Int32Array = NO_GPU.models): GpuRequest {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`GPU count must be a non-negative integer, got ${count}`);
  if (count === 0) {
    if (milliPerGpu !== 0) throw new RangeError(`a pod with no GPU cannot ask ${milliPerGpu} milli-GPU`);
    return NO_GPU;
  }
  if (!Number.isInteger(milliPerGpu) || milliPerGpu < 1 || milliPerGpu > MILLI_PER_GPU) {
    throw new RangeError(`milli-GPU per GPU must be an integer from 1 to ${MILLI_PER_GPU}, got ${milliPerGpu}`);
  }
  if (count > 1 && milliPerGpu !== MILLI_PER_GPU) throw new RangeError(`a ${count}-GPU pod must ask whole GPUs, got ${milliPerGpu} milli each`);
  return { count, milliPerGpu, models };
}

/**
 * The pod's GPU request (NO_GPU for a pod that asks none). Typed by the one field it
 * reads, so this file needs nothing of pod.ts (CompiledPod holds a GpuRequest).
 */
export function gpuRequestOf(pod: { readonly gpu: GpuRequest }): GpuRequest {
  return pod.gpu;
}

/** A copy of `pod` carrying `gpu` (pods are immutable; the copy shares every other field). */
export function withGpuRequest<P extends { readonly gpu: GpuRequest }>(pod: P, gpu: GpuRequest): P {
  return { ...pod, gpu };
}

/** True for a share of one GPU (count 1, fewer than 1000 milli). */
export function isSharedGpu(req: GpuRequest): boolean {
  return req.count === 1 && req.milliPerGpu < MILLI_PER_GPU;
}

/** milli-GPU the request takes in total (count × milliPerGpu). */
export function totalGpuMilli(req: GpuRequest): number {
  return req.count * req.milliPerGpu;
}
