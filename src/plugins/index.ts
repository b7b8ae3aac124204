import type { PluginFactory, Registry } from '../framework/types.js';
import * as bestFit from './best-fit.js';
import * as dotProduct from './dot-product.js';
import * as fgd from './fgd.js';
import * as firstFit from './first-fit.js';
import * as gpuClustering from './gpu-clustering.js';
import * as gpuFit from './gpu-fit.js';
import * as gpuModel from './gpu-model.js';
import * as gpuPacking from './gpu-packing.js';
import * as defaultPreemption from './default-preemption.js';
import * as imageLocality from './image-locality.js';
import * as interPodAffinity from './inter-pod-affinity.js';
import * as nodeAffinity from './node-affinity.js';
import * as nodeName from './node-name.js';
import * as nodePorts from './node-ports.js';
import * as balancedAllocation from './node-resources-balanced-allocation.js';
import * as nodeResourcesFit from './node-resources-fit.js';
import * as nodeUnschedulable from './node-unschedulable.js';
import * as podTopologySpread from './pod-topology-spread.js';
import * as random from './random.js';
import * as taintToleration from './taint-toleration.js';
import * as volumeBinding from './volume-binding.js';
import * as volumeRestrictions from './volume-restrictions.js';
import * as volumeZone from './volume-zone.js';
import * as nodeVolumeLimits from './node-volume-limits.js';
import * as worstFit from './worst-fit.js';

/**
 * The in-tree registry: every plugin schedbench ships, listed explicitly (nothing
 * registers itself as an import side effect).
 */
export const inTreeRegistry: Registry = new Map<string, PluginFactory>([
  [nodeUnschedulable.NAME, nodeUnschedulable.create],
  [nodeName.NAME, nodeName.create],
  [taintToleration.NAME, taintToleration.create],
  [nodeAffinity.NAME, nodeAffinity.create],
  [nodePorts.NAME, nodePorts.create],
  [nodeResourcesFit.NAME, nodeResourcesFit.create],
  [volumeRestrictions.NAME, volumeRestrictions.create],
  [nodeVolumeLimits.NAME, nodeVolumeLimits.create],
  [volumeBinding.NAME, volumeBinding.create],
  [volumeZone.NAME, volumeZone.create],
  [balancedAllocation.NAME, balancedAllocation.create],
  [imageLocality.NAME, imageLocality.create],
  [podTopologySpread.NAME, podTopologySpread.create],
  [interPodAffinity.NAME, interPodAffinity.create],
  [defaultPreemption.NAME, defaultPreemption.create],
  [gpuModel.NAME, gpuModel.create],
  [gpuFit.NAME, gpuFit.create],
  [random.NAME, random.create],
  [firstFit.NAME, firstFit.create],
  [bestFit.NAME, bestFit.create],
  [worstFit.NAME, worstFit.create],
  [dotProduct.NAME, dotProduct.create],
  [gpuPacking.NAME, gpuPacking.create],
  [gpuClustering.NAME, gpuClustering.create],
  [fgd.NAME, fgd.create],
]);
