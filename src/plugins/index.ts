import type { PluginFactory, Registry } from '../framework/types.js';
import * as imageLocality from './image-locality.js';
import * as interPodAffinity from './inter-pod-affinity.js';
import * as nodeAffinity from './node-affinity.js';
import * as nodeName from './node-name.js';
import * as nodePorts from './node-ports.js';
import * as balancedAllocation from './node-resources-balanced-allocation.js';
import * as nodeResourcesFit from './node-resources-fit.js';
import * as nodeUnschedulable from './node-unschedulable.js';
import * as podTopologySpread from './pod-topology-spread.js';
import * as taintToleration from './taint-toleration.js';

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
  [balancedAllocation.NAME, balancedAllocation.create],
  [imageLocality.NAME, imageLocality.create],
  [podTopologySpread.NAME, podTopologySpread.create],
  [interPodAffinity.NAME, interPodAffinity.create],
]);
