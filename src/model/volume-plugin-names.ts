/**
 * The names of kube-scheduler's four volume plugins, written down once for the plugins
 * that carry them (plugins/volume-binding.ts and the others: each NAME is one of these)
 * and for the folders that may not import plugins/ but must recognise them: the
 * simulator (VolumeBinding's Reserve and PreBind are its own) and metrics (pods pending
 * because of a volume plugin). They live in model/ because STYLE.md 4.1 lets every one
 * of those folders import it.
 */

/** kube's volumebinding plugin (plugins/volume-binding.ts). */
export const VOLUME_BINDING = 'VolumeBinding';

/** kube's volumezone plugin (plugins/volume-zone.ts). */
export const VOLUME_ZONE = 'VolumeZone';

/** kube's volumerestrictions plugin (plugins/volume-restrictions.ts). */
export const VOLUME_RESTRICTIONS = 'VolumeRestrictions';

/** kube's nodevolumelimits plugin, the CSI one (plugins/node-volume-limits.ts). */
export const NODE_VOLUME_LIMITS = 'NodeVolumeLimits';
