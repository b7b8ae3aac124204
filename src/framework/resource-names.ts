import { isQualifiedName } from '../model/labels.js';
import { isNativeResource, isPrefixedNativeResource } from '../model/resource-list-schema.js';

/**
 * kube's classification of resource names, which decides what NodeResourcesFit checks
 * and what the resource scorers read. A name outside cpu/memory/ephemeral-storage/pods
 * that is not a scalar resource (e.g. "foo", without a domain) is dropped by
 * framework.Resource.Add, so kube-scheduler neither filters nor scores on it. What is
 * native (no domain, or kubernetes.io/) is the model's (isNativeResource), shared with
 * the validation of resource lists.
 */

const RESOURCE_REQUESTS_PREFIX = 'requests.';
const HUGEPAGES_PREFIX = 'hugepages-';
const ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';

/**
 * Mirrors v1helper.IsExtendedResourceName: a domain-qualified name outside kubernetes.io
 * ("example.com/foo"), valid as a quota name ("requests." + name is a qualified name).
 */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(RESOURCE_REQUESTS_PREFIX)) return false;
  return isQualifiedName(RESOURCE_REQUESTS_PREFIX + name);
}

/**
 * Mirrors schedutil.IsScalarResourceName: extended resources, hugepages-*,
 * kubernetes.io/-prefixed resources and attachable-volumes-*.
 */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith(HUGEPAGES_PREFIX)
    || isPrefixedNativeResource(name) || name.startsWith(ATTACHABLE_VOLUMES_PREFIX);
}
